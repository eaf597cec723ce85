// The agents pages against the sandbox: create, search, edit, duplicate, delete, a server field
// error, runtime provisioning and filters in the URL.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'

async function createAgent(page: Page, name: string, bio: string) {
  await page.goto('/agents/new')
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name)
  await page.getByRole('textbox', { name: 'Bio' }).fill(bio)
  await page.getByRole('textbox', { name: 'System prompt' }).fill('You answer in haiku.')
  await page.getByRole('button', { name: 'Create agent' }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(page).toHaveURL(/\/agents\/[0-9a-f-]{36}$/)
}

test('create an agent, find it by search, edit it, duplicate and delete it', async ({ page }) => {
  await createAgent(page, 'Haiku Poet', 'Writes short poems.')
  await expect(page.getByRole('textbox', { name: 'System prompt' })).toHaveValue(
    'You answer in haiku.',
  )

  // Search from the list.
  await page.getByRole('link', { name: 'Agents' }).first().click()
  await page.getByRole('searchbox', { name: 'Search agents' }).fill('haiku')
  await expect(page).toHaveURL(/q=haiku/)
  const list = page.getByRole('list', { name: 'Agents' })
  await expect(list.getByRole('link')).toHaveCount(1)
  await list.getByRole('link', { name: 'Haiku Poet' }).click()

  // Edit, and see the change after a reload.
  await page.getByRole('textbox', { name: 'Topics' }).fill('seasons\nmountains')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByText('Unsaved changes')).toBeHidden()
  await page.reload()
  await expect(page.getByRole('textbox', { name: 'Topics' })).toHaveValue('seasons\nmountains')

  // Duplicate.
  await page.getByRole('button', { name: 'Duplicate' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Haiku Poet (Copy)' })).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'Topics' })).toHaveValue('seasons\nmountains')

  // Delete, behind a confirmation.
  await page.getByRole('button', { name: 'Delete' }).click()
  const dialog = page.getByRole('alertdialog', { name: 'Delete Haiku Poet (Copy)?' })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Delete agent' }).click()
  await expect(page).toHaveURL(/\/agents$/)
  await page.getByRole('searchbox', { name: 'Search agents' }).fill('haiku')
  await expect(list.getByRole('link')).toHaveCount(1)
  await expect(list.getByRole('link', { name: 'Haiku Poet' })).toBeVisible()
})

test('a username the server refuses is shown on the field, and nothing typed is lost', async ({
  page,
}) => {
  await createAgent(page, 'Echo', 'Repeats you.')
  await page.getByRole('textbox', { name: 'Username' }).fill('lore-keeper')
  await page.getByRole('textbox', { name: 'Adjectives' }).fill('patient')
  await page.getByRole('button', { name: 'Save changes' }).click()
  const username = page.getByRole('textbox', { name: 'Username' })
  await expect(username).toHaveAttribute('aria-invalid', 'true')
  await expect(username).toHaveAccessibleDescription(/Username is already taken/)
  await expect(page.getByRole('textbox', { name: 'Adjectives' })).toHaveValue('patient')
  await expect(username).toHaveValue('lore-keeper')
})

test('an edited agent form shows it, and asks before navigation, Back or closing throws the edit away', async ({
  page,
}) => {
  await createAgent(page, 'Draft Keeper', 'Keeps what you type.')
  const agentUrl = page.url()
  const topics = page.getByRole('textbox', { name: 'Topics' })
  const unsaved = page.getByRole('status').filter({ hasText: 'Unsaved changes' })
  await expect(unsaved).toHaveCount(0)
  await topics.fill('tides')
  await expect(unsaved).toBeVisible()

  // Discard puts the saved values back
  await page.getByRole('button', { name: 'Discard changes' }).click()
  await expect(topics).toHaveValue('')
  await expect(unsaved).toHaveCount(0)

  await topics.fill('tides')
  const ask = page.getByRole('alertdialog', { name: 'Leave this page?' })
  const overviewLink = page.getByRole('navigation').getByRole('link', { name: 'Overview' })
  await overviewLink.click()
  await expect(ask).toBeVisible()
  await ask.getByRole('button', { name: 'Stay' }).click()
  await expect(ask).toBeHidden()
  await expect(page).toHaveURL(agentUrl)
  await expect(topics).toHaveValue('tides')

  // Back (the page before is the create form)
  await page.evaluate(() => history.back())
  await expect(ask).toBeVisible()
  await ask.getByRole('button', { name: 'Stay' }).click()
  await expect(page).toHaveURL(agentUrl)
  await expect(topics).toHaveValue('tides')

  // a reload or closed tab: the browser asks
  const asked = page.waitForEvent('dialog')
  await page.close({ runBeforeUnload: true })
  const dialog = await asked
  expect(dialog.type()).toBe('beforeunload')
  await dialog.accept()
})

test('leaving an edited agent form on purpose discards the edit; a saved form leaves freely', async ({
  page,
}) => {
  await createAgent(page, 'Wanderer', 'Moves on.')
  const agentUrl = page.url()
  const topics = page.getByRole('textbox', { name: 'Topics' })
  await topics.fill('roads')
  await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).click()
  const ask = page.getByRole('alertdialog', { name: 'Leave this page?' })
  await ask.getByRole('button', { name: 'Leave' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible()
  await page.goto(agentUrl)
  await expect(topics).toHaveValue('')

  await topics.fill('rivers')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Unsaved changes' })).toHaveCount(0)
  await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible()
  await expect(ask).toHaveCount(0)
})

test("a deleted agent's page says it is not there, with no Try again", async ({ page }) => {
  await createAgent(page, 'Ephemeral', 'Soon gone.')
  const agentUrl = page.url()
  await page.getByRole('button', { name: 'Delete' }).click()
  await page
    .getByRole('alertdialog', { name: 'Delete Ephemeral?' })
    .getByRole('button', { name: 'Delete agent' })
    .click()
  await expect(page).toHaveURL(/\/agents$/)
  await page.goto(agentUrl)
  await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible()
  await expect(page.getByText(/may have been deleted/)).toBeVisible()
  await expect(page.getByRole('button', { name: /try again|retry/i })).toHaveCount(0)
})

test('View JSON wraps long lines and copies the whole exported file', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await createAgent(page, 'Long Liner', 'x'.repeat(400))
  await page.getByRole('button', { name: 'View JSON' }).click()
  const dialog = page.getByRole('dialog', { name: 'Long Liner as JSON' })
  const json = dialog.getByLabel('Agent JSON')
  await expect(json).toContainText('"name": "Long Liner"')
  // nothing scrolls sideways: the long bio wraps
  expect(await json.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
  await dialog.getByRole('button', { name: 'Copy JSON' }).click()
  await expect(dialog.getByRole('button', { name: 'Copied' })).toBeVisible()
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as {
    name: string
    bio: string[] | string
  }
  expect(copied.name).toBe('Long Liner')
  expect(JSON.stringify(copied.bio)).toContain('x'.repeat(400))
})

test('deploying shows the provisioning steps until the runtime runs', async ({ page, sandbox }) => {
  await sandbox.setTiming({ lifecycleStepMs: 300 })
  await createAgent(page, 'Runner', 'Runs in the cloud.')
  const runtime = page.getByRole('region', { name: 'Hosted runtime' })
  await runtime.getByRole('button', { name: 'Deploy' }).click()
  await expect(runtime.getByRole('list', { name: 'Provisioning progress' })).toBeVisible()
  await expect(runtime.getByRole('status', { name: 'Runtime status: Running' })).toBeVisible()
  await expect(runtime.getByRole('listitem').filter({ hasText: 'Container' })).toContainText(
    '(done)',
  )
  await runtime.getByRole('button', { name: 'Suspend' }).click()
  await expect(runtime.getByRole('status', { name: 'Runtime status: Suspended' })).toBeVisible()
  await runtime.getByRole('button', { name: 'Resume' }).click()
  await expect(runtime.getByRole('status', { name: 'Runtime status: Running' })).toBeVisible()
})

test('filters, sort and view survive a reload', async ({ page }) => {
  await page.goto('/agents?sort=name&order=desc&view=grid&q=o')
  const list = page.getByRole('list', { name: 'Agents' })
  await expect(list.getByRole('link').first()).toBeVisible()
  await page.reload()
  await expect(page.getByRole('searchbox', { name: 'Search agents' })).toHaveValue('o')
  await expect(page.getByRole('combobox', { name: 'Sort' })).toHaveValue('name:desc')
  await expect(page.getByRole('button', { name: 'Grid view' })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  const names = await list
    .getByRole('link')
    .evaluateAll((links) => links.map((l) => l.getAttribute('aria-label') ?? ''))
  expect(names.length).toBeGreaterThan(1)
  expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a)))
})

test('a malformed id is a not-found page, and a failing list shows its error', async ({
  page,
  sandbox,
}) => {
  await page.goto('/agents/not-a-uuid')
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/not found/i)
  await sandbox.fault({ path: '/api/my-agents/characters', status: 403, count: 50 })
  await page.goto('/agents')
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible()
  await sandbox.clearFaults()
  await page.getByRole('button', { name: 'Retry' }).click()
  await expect(page.getByRole('list', { name: 'Agents' }).getByRole('link')).not.toHaveCount(0)
})
