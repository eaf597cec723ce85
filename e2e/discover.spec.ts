// Discover against the sandbox's seeded directory (sandbox/a2a/directory-seed.ts): search and
// filter in the URL, an agent's card, Try it with its cost and the header balance, Fork, one of
// your agents made public and found, an MCP server's tools and client config, Cmd+K.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'

const CODE_REVIEWER = 'd15c0000-0000-4000-8000-000000000a02'
const services = (page: Page) => page.getByRole('list', { name: 'Services' })
const headerBalance = (page: Page) => page.getByRole('status', { name: 'Credit balance' })
/** The header's format for a balance between $0.001 and $0.01: up to five decimals. */
const milliUsd = (n: number) =>
  new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: 5,
  }).format(n)

test('search the directory and filter by type; the URL survives a reload', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('link', { name: 'Discover' }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'Discover' })).toBeVisible()
  // Both types, merged and sorted by name: another user's agent and MCP servers, and yours.
  await expect(services(page).getByRole('link', { name: 'Chef Remy' })).toBeVisible()
  await expect(services(page).getByRole('link', { name: 'Chain Oracle' })).toBeVisible()
  await expect(page.getByText('16 services')).toBeVisible()
  const lore = services(page).getByRole('article').filter({ hasText: 'Lore Keeper' })
  await expect(lore.getByText('Yours')).toBeVisible()

  await page.getByRole('combobox', { name: 'Type' }).selectOption('mcp')
  await expect(page).toHaveURL(/type=mcp/)
  await expect(services(page).getByRole('link', { name: 'Chef Remy' })).toBeHidden()
  await expect(page.getByText('5 services')).toBeVisible()

  await page.getByRole('searchbox', { name: 'Search services' }).fill('geo')
  await expect(page).toHaveURL(/q=geo/)
  await expect(services(page).getByRole('link')).toHaveCount(1)
  await expect(services(page).getByRole('link', { name: 'Geo Coder' })).toBeVisible()

  await page.reload()
  await expect(page.getByRole('searchbox', { name: 'Search services' })).toHaveValue('geo')
  await expect(page.getByRole('combobox', { name: 'Type' })).toHaveValue('mcp')
  await expect(services(page).getByRole('link')).toHaveCount(1)

  // Nothing matches: an empty state with a way out.
  await page.getByRole('searchbox', { name: 'Search services' }).fill('no such service at all')
  await expect(page.getByText('No services match')).toBeVisible()
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(page.getByText('16 services')).toBeVisible()
})

test("open an agent's card, Try it: a reply with its cost, and the balance drops by it", async ({
  page,
  sandbox,
}) => {
  // A small balance, so the header shows enough digits to see a reply's cost leave it.
  await sandbox.setBalance(0.002)
  await page.goto('/discover?type=agent&q=code')
  await services(page).getByRole('link', { name: 'Code Reviewer' }).click()
  await expect(page).toHaveURL(new RegExp(`/discover/${CODE_REVIEWER}\\?`))
  await expect(page.getByRole('heading', { level: 1, name: 'Code Reviewer' })).toBeVisible()
  await expect(page.getByText('Served: method chat')).toBeVisible()
  await expect(page.getByText('Advertised, not served')).toBeVisible()
  await expect(page.getByText('+25% owner markup').first()).toBeVisible()
  await expect(headerBalance(page)).toHaveText('$0.002')

  await page.getByRole('button', { name: 'Try it' }).click()
  const box = page.getByRole('textbox', { name: 'Message to Code Reviewer' })
  await box.fill('Is `let x = 1` fine?')
  // The draft survives a reload (Try it stays open: it is in the URL).
  await expect(page).toHaveURL(/try=true/)
  await page.reload()
  await expect(box).toHaveValue('Is `let x = 1` fine?')
  await page.getByRole('button', { name: 'Send' }).click()

  const conversation = page.getByRole('list', { name: 'Conversation with Code Reviewer' })
  await expect(conversation.getByRole('listitem')).toHaveCount(2)
  const cost = page.getByTestId('reply-cost')
  await expect(cost).toContainText(/Cost \$0\.\d+ \(base \$0\.\d+ \+ markup \$0\.\d+\)/)
  await expect(box).toHaveValue('')

  const total = Number(/Cost \$([\d.]+)/.exec((await cost.textContent()) ?? '')?.[1])
  expect(total).toBeGreaterThan(0)
  const { balance } = (await sandbox.state()) as { balance: number }
  expect(0.002 - balance).toBeCloseTo(total, 5)
  expect(balance).toBeLessThan(0.002)
  await expect(headerBalance(page)).toHaveText(milliUsd(balance))
})

test('Try it with no credits left offers to add credits, and keeps the message', async ({
  page,
  sandbox,
}) => {
  await sandbox.setBalance(0)
  await page.goto(`/discover/${CODE_REVIEWER}?type=agent&name=Code%20Reviewer&try=true`)
  const box = page.getByRole('textbox', { name: 'Message to Code Reviewer' })
  await box.fill('Hello')
  await page.getByRole('button', { name: 'Send' }).click()
  const alert = page.getByRole('alert').filter({ hasText: 'Out of credits' })
  await expect(alert).toBeVisible()
  await expect(alert.getByRole('link', { name: 'Add credits' })).toBeVisible()
  await expect(page.getByText('Your balance: $0.00.')).toBeVisible()
  await expect(box).toHaveValue('Hello')
})

test('Fork an agent and find it under /agents', async ({ page }) => {
  await page.goto(`/discover/${CODE_REVIEWER}?type=agent&name=Code%20Reviewer`)
  await page.getByRole('button', { name: 'Fork' }).click()
  const dialog = page.getByRole('dialog', { name: 'Fork Code Reviewer' })
  await expect(dialog.getByRole('textbox', { name: 'Name of your copy' })).toHaveValue(
    'Code Reviewer (Copy)',
  )
  await dialog.getByRole('textbox', { name: 'Name of your copy' }).fill('My Code Reviewer')
  await dialog.getByRole('button', { name: 'Fork agent' }).click()
  await expect(page).toHaveURL(/\/agents\/[0-9a-f-]{36}$/)
  await expect(page).not.toHaveURL(new RegExp(CODE_REVIEWER))
  await expect(page.getByRole('heading', { level: 1, name: 'My Code Reviewer' })).toBeVisible()

  await page.goto('/agents?q=reviewer')
  await expect(
    page.getByRole('list', { name: 'Agents' }).getByRole('link', { name: 'My Code Reviewer' }),
  ).toBeVisible()
})

test('one of your agents made public appears in /discover, marked Yours', async ({ page }) => {
  // While private, its card is refused (403) and the page says so.
  await page.goto('/discover/5a4db0c0-0000-4000-8000-0000000000a1?type=agent&name=Support%20Bot')
  await expect(page.getByText('This agent is not open to others')).toBeVisible()
  await expect(page.getByText(/Agent is not public/)).toBeVisible()

  await page.goto('/agents?q=support')
  await page
    .getByRole('list', { name: 'Agents' })
    .getByRole('link', { name: 'Support Bot' })
    .click()
  await page.getByRole('button', { name: 'Make public' }).click()
  await expect(page.getByRole('button', { name: 'Make public' })).toBeHidden()

  // A query nobody asked before is not served from the 3-minute cache.
  await page.goto('/discover?q=Support%20Bot')
  const card = services(page).getByRole('article').filter({ hasText: 'Support Bot' })
  await expect(card).toHaveCount(1)
  await expect(card.getByText('Yours')).toBeVisible()
  await card.getByRole('link', { name: 'Support Bot' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Support Bot' })).toBeVisible()
})

test("an MCP server's page shows its tools and a client config", async ({ page }) => {
  await page.goto('/discover?type=mcp')
  await services(page).getByRole('link', { name: 'GitHub Insights' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'GitHub Insights' })).toBeVisible()
  const tools = page.getByRole('list', { name: 'Tools' })
  await expect(tools.getByRole('listitem')).toHaveText([
    'repo_stats',
    'list_issues',
    'release_notes',
  ])
  await expect(page.getByRole('textbox', { name: 'MCP endpoint' })).toHaveValue(
    /\/api\/mcp\/user\/github-insights$/,
  )
  await page.getByRole('tab', { name: 'Cursor' }).click()
  const config = page.getByLabel('Cursor MCP configuration')
  await expect(config).toContainText('"github-insights"')
  await expect(config).toContainText('"Authorization": "Bearer ${env:')
  await expect(config).not.toContainText('eliza_')
})

test('Cmd+K opens Discover and a public service by name', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await page.keyboard.press('ControlOrMeta+k')
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  await palette.getByRole('combobox', { name: 'Search pages and actions' }).fill('weather tools')
  await palette.getByRole('option', { name: /Weather Tools/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Weather Tools' })).toBeVisible()
  await expect(page.getByRole('list', { name: 'Tools' })).toContainText('get_forecast')

  await page.keyboard.press('ControlOrMeta+k')
  await palette.getByRole('combobox', { name: 'Search pages and actions' }).fill('discover')
  await palette
    .getByRole('option', { name: /Discover/ })
    .first()
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Discover' })).toBeVisible()
})

test('a 429 from the directory counts down from Retry-After, then Retry loads it', async ({
  page,
  sandbox,
}) => {
  await sandbox.fault({
    path: '/api/v1/discovery',
    status: 429,
    count: 10,
    headers: { 'Retry-After': '2' },
    body: {
      success: false,
      error: 'Too many requests',
      code: 'rate_limit_exceeded',
      message: 'Rate limit exceeded. Maximum 60 requests per 60 seconds.',
      retryAfter: 2,
    },
  })
  await page.goto('/discover?type=mcp')
  const alert = page.getByRole('alert').filter({ hasText: 'retry' })
  await expect(alert).toContainText(/You can retry in \d s/)
  const retry = alert.getByRole('button', { name: 'Retry' })
  await expect(retry).toBeDisabled()
  await sandbox.clearFaults()
  await expect(retry).toBeEnabled({ timeout: 5_000 })
  await retry.click()
  await expect(services(page).getByRole('link', { name: 'Weather Tools' })).toBeVisible()
})
