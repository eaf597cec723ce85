// The usage page against the sandbox: a chat made in the test shows up in the table view, the
// range and granularity live in the URL, the chart/table switch, and an export failure's state.
import type { APIRequestContext, Page } from '@playwright/test'
import { CANARY_KEY } from './env.ts'
import { expect, test } from './fixtures.ts'

const EXPORT = '/api/analytics/export'
const overTime = (page: Page) => page.getByRole('region', { name: 'Cost and requests over time' })
const byModel = (page: Page) => page.getByRole('region', { name: 'By model' })

// The sandbox loads its tokenizer on the first chat: warm it once, straight at the sandbox, so
// no test spends its time on a cold start (the fixture's reset wipes this call's usage).
test.beforeAll(async ({ playwright, stack }) => {
  const http = await playwright.request.newContext({ baseURL: stack.sandboxUrl })
  const res = await chatAtSandbox(http, 'Warm up.')
  expect(res.status(), 'sandbox chat warm-up').toBe(200)
  await http.dispose()
})

const chatAtSandbox = (http: APIRequestContext, content: string) =>
  http.post('/api/v1/chat/completions', {
    headers: { 'X-API-Key': CANARY_KEY },
    data: { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content }] },
  })

async function openUsage(page: Page, search = '') {
  await page.goto(`/usage${search}`)
  await expect(page.getByRole('heading', { level: 1, name: 'Usage' })).toBeVisible()
}

test('a chat made in this test shows up in the table view, with its model and provider', async ({
  page,
  playwright,
  stack,
}) => {
  await openUsage(page)
  await expect(overTime(page).getByText('No usage in this range')).toBeVisible()
  await expect(overTime(page).getByRole('link', { name: 'Open Chat' })).toHaveAttribute(
    'href',
    '/chat',
  )

  // Straight at the in-memory sandbox, as any API client would bill it.
  const http = await playwright.request.newContext({ baseURL: stack.sandboxUrl })
  const res = await chatAtSandbox(http, 'Hello from the usage test')
  expect(res.status()).toBe(200)
  const { usage } = (await res.json()) as {
    usage: { prompt_tokens: number; completion_tokens: number }
  }
  await http.dispose()

  await page.reload()
  await page.getByRole('button', { name: 'Table view' }).click()
  await expect(page).toHaveURL(/[?&]view=table/)
  const series = page.getByRole('table', { name: 'Cost and requests over time' })
  const today = new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
  }).format(new Date())
  const row = series.getByRole('row', { name: new RegExp(`^${today}`) })
  await expect(row.getByRole('cell').nth(0)).toHaveText('1') // requests
  await expect(row.getByRole('cell').nth(1)).toHaveText(String(usage.prompt_tokens))
  await expect(row.getByRole('cell').nth(2)).toHaveText(String(usage.completion_tokens))
  const models = page.getByRole('table', { name: 'Cost by model' })
  await expect(models.getByRole('row', { name: /^gpt-4o-mini openai 1 / })).toBeVisible()
  const providers = page.getByRole('table', { name: 'Cost by provider' })
  await expect(providers.getByRole('row', { name: /^openai 1 .* 100% / })).toBeVisible()
  await expect(page.getByRole('region', { name: 'In this range' })).toContainText(
    '1 billed request',
  )
  await expect(page.getByRole('region', { name: 'Runway' })).toContainText('a day')
})

test('range and granularity are in the URL, are the dates sent, and survive a reload', async ({
  page,
}) => {
  await openUsage(page)
  const sent: URL[] = []
  page.on('request', (r) => {
    const url = new URL(r.url())
    if (url.pathname === EXPORT) sent.push(url)
  })
  await page.getByRole('combobox', { name: 'Range' }).selectOption('7d')
  await page.getByRole('combobox', { name: 'Granularity' }).selectOption('week')
  await expect(page).toHaveURL(/range=7d/)
  await expect(page).toHaveURL(/granularity=week/)
  await expect(page.getByText(/, 7 days\. Costs are in US dollars/)).toBeVisible()
  await expect.poll(() => sent.some((u) => u.searchParams.get('granularity') === 'week')).toBe(true)
  const weekly = sent.find((u) => u.searchParams.get('granularity') === 'week')
  const start = new Date(weekly?.searchParams.get('startDate') ?? '')
  const end = new Date(weekly?.searchParams.get('endDate') ?? '')
  // Seven whole UTC days, today included.
  expect(end.getTime() - start.getTime()).toBe(7 * 86_400_000 - 1)

  await page.reload()
  await expect(page.getByRole('combobox', { name: 'Range' })).toHaveValue('7d')
  await expect(page.getByRole('combobox', { name: 'Granularity' })).toHaveValue('week')

  // A custom range starts from the last 30 days; a reversed one is refused before any request.
  await page.getByRole('combobox', { name: 'Range' }).selectOption('custom')
  await expect(page.getByLabel('From')).not.toHaveValue('')
  await page.getByLabel('From').fill('2026-03-10')
  await page.getByLabel('To').fill('2026-03-01')
  await expect(page.getByText('The start date must be on or before the end date.')).toBeVisible()
  await expect(page.getByLabel('From')).toHaveAttribute('aria-invalid', 'true')
  expect(sent.some((u) => u.searchParams.get('endDate')?.startsWith('2026-03-01'))).toBe(false)
  await page.getByLabel('To').fill('2026-03-20')
  await expect(page).toHaveURL(/from=2026-03-10/)
  await expect(page).toHaveURL(/to=2026-03-20/)
  await expect(page.getByText(/Mar 10, 2026 – Mar 20, 2026 \(UTC\), 11 days/)).toBeVisible()
  await page.reload()
  await expect(page.getByLabel('From')).toHaveValue('2026-03-10')
  await expect(page.getByLabel('To')).toHaveValue('2026-03-20')
  await expect(page.getByText(/Mar 10, 2026 – Mar 20, 2026 \(UTC\), 11 days/)).toBeVisible()
})

test('the table view switch shows the same cards as tables and back', async ({
  page,
  playwright,
  stack,
}) => {
  const http = await playwright.request.newContext({ baseURL: stack.sandboxUrl })
  const res = await chatAtSandbox(http, 'Chart me')
  expect(res.status()).toBe(200)
  await http.dispose()

  await openUsage(page)
  const toggle = page.getByRole('button', { name: 'Table view' })
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')
  await expect(overTime(page).getByText('Cost (USD)')).toBeVisible()
  await expect(byModel(page).locator('.recharts-wrapper')).toBeVisible()
  await expect(page.getByRole('table')).toHaveCount(0)

  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByRole('table')).toHaveCount(3)
  await expect(byModel(page).locator('.recharts-wrapper')).toHaveCount(0)

  await toggle.press('Enter')
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')
  await expect(page.getByRole('table')).toHaveCount(0)
  await expect(page).not.toHaveURL(/view=/)
})

test('an export failure is shown where it happened, and Retry recovers', async ({
  page,
  sandbox,
}) => {
  // The cloud answers a bad key here with a 500 carrying the message (docs/cloud/analytics.md).
  await sandbox.fault({
    path: EXPORT,
    count: 20,
    status: 500,
    body: { error: 'Invalid or expired API key' },
  })
  await openUsage(page)
  await expect(overTime(page).getByText('The API key was not accepted')).toBeVisible()
  await expect(byModel(page).getByText('The API key was not accepted')).toBeVisible()
  await sandbox.clearFaults()
  await overTime(page).getByRole('button', { name: 'Retry' }).click()
  await expect(overTime(page).getByText('No usage in this range')).toBeVisible()
})
