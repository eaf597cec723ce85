// The app shell: theme persistence, the command palette, the 404 page, keyboard access, phone width.
import { expect, test } from './fixtures.ts'

test('the theme choice survives a reload, without a flash of the other theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' })
  await page.goto('/')
  await expect(page.locator('html')).not.toHaveClass(/dark/)
  await page.getByRole('button', { name: 'Theme' }).click()
  await page
    .getByRole('menuitemradio', { name: 'Dark' })
    .or(page.getByRole('radio', { name: 'Dark' }))
    .click()
  await expect(page.locator('html')).toHaveClass(/dark/)
  // On reload, the class must already be there when the document is parsed (theme-init.js).
  const classAtFirstParse = page
    .waitForEvent('domcontentloaded')
    .then(() => page.evaluate(() => document.documentElement.className))
  await page.reload()
  expect(await classAtFirstParse).toContain('dark')
  await expect(page.locator('html')).toHaveClass(/dark/)
})

test('the system theme follows the operating system', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.goto('/')
  await expect(page.locator('html')).toHaveClass(/dark/)
  await page.emulateMedia({ colorScheme: 'light' })
  await expect(page.locator('html')).not.toHaveClass(/dark/)
})

test('Cmd+K / Ctrl+K opens the palette and navigates', async ({ page }) => {
  await page.goto('/no-such-page')
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  await page.keyboard.press('ControlOrMeta+k')
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  await expect(palette).toBeVisible()
  await palette.getByRole('combobox', { name: 'Search pages and actions' }).fill('overv')
  await page.keyboard.press('Enter')
  await expect(palette).toBeHidden()
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible()
})

test('the palette switches the theme and Escape closes it', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' })
  await page.goto('/')
  await page.getByRole('button', { name: 'Search pages and actions' }).click()
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  await palette.getByRole('option', { name: 'Switch to dark theme' }).click()
  await expect(page.locator('html')).toHaveClass(/dark/)
  await page.keyboard.press('ControlOrMeta+k')
  await expect(palette).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(palette).toBeHidden()
})

test('typing a command\'s own word ranks it first: "speak" + Enter runs "Speak text"', async ({
  page,
}) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible()
  await page.keyboard.press('ControlOrMeta+k')
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  await palette.getByRole('combobox', { name: 'Search pages and actions' }).fill('speak')
  // the first option is the selected one: what Enter runs
  await expect(palette.getByRole('option').first()).toHaveText('Speak text')
  await expect(palette.getByRole('option', { name: 'Speak text' })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/media\/voice#speak$/)
  await expect(page.getByRole('textbox', { name: 'Text to speak' })).toBeFocused()
  await expect(page.locator('html')).not.toHaveClass(/dark/)
})

test('unknown links get a 404 page with a way home', async ({ page }) => {
  await page.goto('/definitely/not/here')
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  await page.getByRole('link', { name: 'Go to Overview' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible()
})

test('keyboard: the skip link is the first stop and moves focus to the content', async ({
  page,
}) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible()
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to content' })
  await expect(skip).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.locator('main#main')).toBeFocused()
})

test('phone width: navigation opens from the menu button and nothing overflows', async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 740 })
  await page.goto('/')
  await expect(page.getByRole('status', { name: 'Credit balance' })).toHaveText('$5.00')
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  )
  expect(overflow).toBeLessThanOrEqual(0)
  await page.getByRole('button', { name: 'Open navigation' }).click()
  const nav = page.getByRole('dialog', { name: /navigation/ })
  await expect(nav).toBeVisible()
  await nav.getByRole('link', { name: 'Overview' }).click()
  await expect(nav).toBeHidden()
})
