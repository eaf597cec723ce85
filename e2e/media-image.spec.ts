// The image studio against the sandbox: generate, the lightbox by keyboard, a prompt draft and
// restored settings after a reload, 402 and 429 per job, a refused reference file, Cmd+K "New image".
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'

const prompt = (page: Page) => page.getByRole('textbox', { name: 'Prompt' })
const settings = (page: Page) => page.getByRole('form', { name: 'Image settings' })

test('generate two images, browse them in the lightbox, reload and restore the settings', async ({
  page,
}) => {
  await page.goto('/media/image')
  await expect(prompt(page)).toBeFocused()
  await prompt(page).fill('A red fox in fresh snow')
  await expect(page.getByText('23 / 4,000 characters')).toBeVisible()
  const form = settings(page)
  await form.getByRole('radio', { name: '2', exact: true }).check()
  await form.getByRole('radio', { name: '16:9' }).check()
  await form.getByRole('combobox', { name: 'Style preset' }).selectOption('cinematic')
  await form.getByRole('combobox', { name: 'Model' }).selectOption('openai/gpt-image-2')
  // The price before the run: the live per-image range × 2.
  await expect(page.getByTestId('image-price')).toContainText('for 2 images')
  await page.getByRole('button', { name: 'Generate' }).click()

  const card = page.getByRole('article', { name: /Generation: A red fox/ })
  await expect(card.getByRole('button', { name: /Open image \d of 2/ })).toHaveCount(2)
  const first = card.getByRole('button', { name: 'Open image 1 of 2' })
  await first.click()
  const lightbox = page.getByRole('dialog', { name: 'Image 1 of 2' })
  await expect(lightbox).toBeVisible()
  await expect(lightbox.getByRole('img', { name: 'A red fox in fresh snow' })).toBeVisible()
  await expect(lightbox.getByRole('link', { name: 'Download' })).toHaveAttribute(
    'download',
    /\.webp$/,
  )
  await page.keyboard.press('ArrowRight')
  await expect(page.getByRole('dialog', { name: 'Image 2 of 2' })).toBeVisible()
  await page.keyboard.press('ArrowRight')
  await expect(page.getByRole('dialog', { name: 'Image 1 of 2' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(first).toBeFocused()

  // The prompt stays after Generate; what is typed next survives a reload as a draft.
  await expect(prompt(page)).toHaveValue('A red fox in fresh snow')
  await prompt(page).fill('A grey owl at dusk, half written')
  // History is the cloud's gallery; the other settings come back from this browser's storage.
  await page.reload()
  const history = page.getByRole('list', { name: 'Image history' })
  await expect(history.getByText('A red fox in fresh snow')).toHaveCount(2)
  await expect(prompt(page)).toHaveValue('A grey owl at dusk, half written')
  await history
    .getByRole('button', { name: /Restore all settings of “A red fox in fresh snow”/ })
    .first()
    .click()
  await expect(page.getByRole('status').filter({ hasText: 'Restored all settings' })).toBeVisible()
  await expect(prompt(page)).toHaveValue('A red fox in fresh snow')
  await expect(form.getByRole('radio', { name: '2', exact: true })).toBeChecked()
  await expect(form.getByRole('radio', { name: '16:9' })).toBeChecked()
  await expect(form.getByRole('combobox', { name: 'Style preset' })).toHaveValue('cinematic')
  await expect(form.getByRole('combobox', { name: 'Model' })).toHaveValue('openai/gpt-image-2')

  // A seeded item made elsewhere: only prompt and model, and the note says so.
  await history.getByRole('button', { name: /Restore all settings of “Neon city street/ }).click()
  await expect(
    page.getByRole('status').filter({ hasText: 'Could not recover number of images' }),
  ).toBeVisible()
  await expect(prompt(page)).toHaveValue('Neon city street at night in the rain')
  await expect(form.getByRole('radio', { name: '1:1' })).toBeChecked()
})

test('a 402 shows the balance and an add-credits link; Retry runs it again', async ({
  page,
  sandbox,
}) => {
  await sandbox.setBalance(0)
  await page.goto('/media/image')
  await prompt(page).fill('A castle made of glass')
  await page.getByRole('button', { name: 'Generate' }).click()
  const card = page.getByRole('article', { name: /Generation: A castle/ })
  await expect(card.getByRole('heading', { name: 'Out of credits' })).toBeVisible()
  await expect(card.getByText('Your balance: $0.00.')).toBeVisible()
  await expect(card.getByRole('link', { name: 'Add credits' })).toHaveAttribute(
    'href',
    '/billing#add-credits',
  )
  await sandbox.setBalance(5)
  await card.getByRole('button', { name: 'Retry generation' }).click()
  await expect(card.getByRole('button', { name: 'Open image 1 of 1' })).toBeVisible()
})

test('a 429 shows a countdown before Retry', async ({ page, sandbox }) => {
  await sandbox.fault({
    path: '/api/v1/generate-image',
    method: 'POST',
    status: 429,
    headers: { 'Retry-After': '42' },
    body: {
      success: false,
      error: 'Too many requests',
      code: 'rate_limit_exceeded',
      message: 'Rate limit exceeded. Maximum 60 requests per 60 seconds.',
      retryAfter: 42,
    },
  })
  await page.goto('/media/image')
  await prompt(page).fill('A quiet harbour')
  await page.getByRole('button', { name: 'Generate' }).click()
  const card = page.getByRole('article', { name: /Generation: A quiet harbour/ })
  await expect(card.getByText(/You can retry in (4[0-2]|3\d) s\./)).toBeVisible()
  await expect(card.getByRole('button', { name: /Retry generation/ })).toBeDisabled()
})

test('a wrong reference file is refused before anything is sent', async ({ page }) => {
  await page.goto('/media/image')
  const file = page.getByLabel('Reference image file')
  await file.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hi') })
  await expect(
    page.getByRole('alert').filter({ hasText: '“notes.txt” is not a PNG' }),
  ).toBeVisible()
  await file.setInputFiles({
    name: 'huge.png',
    mimeType: 'image/png',
    buffer: Buffer.alloc(11 * 1024 * 1024, 1),
  })
  await expect(
    page.getByRole('alert').filter({ hasText: '“huge.png” is 11 MB; the cloud takes' }),
  ).toBeVisible()
  await expect(page.getByRole('button', { name: 'Remove reference image' })).toHaveCount(0)

  // The next run goes out without a source image.
  await prompt(page).fill('A paper boat')
  const request = page.waitForRequest(
    (req) => req.method() === 'POST' && new URL(req.url()).pathname === '/api/v1/generate-image',
  )
  await page.getByRole('button', { name: 'Generate' }).click()
  const body = (await request).postDataJSON() as Record<string, unknown>
  expect(body.prompt).toBe('A paper boat')
  expect(body).not.toHaveProperty('sourceImage')
})

test('Cmd+K "New image" opens the studio with the Prompt focused', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible()
  await page.keyboard.press('ControlOrMeta+k')
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  await palette.getByRole('combobox', { name: 'Search pages and actions' }).fill('new image')
  await palette.getByRole('option', { name: 'New image' }).click()
  await expect(page).toHaveURL(/\/media\/image$/)
  await expect(prompt(page)).toBeFocused()
})
