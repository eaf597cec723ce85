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
