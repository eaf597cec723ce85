// The overview against the sandbox: live data, and one clear state per injected cloud failure.
import type { Page } from '@playwright/test'
import { expect, test, type FaultSpec } from './fixtures.ts'

const BALANCE_PATH = '/api/v1/credits/balance'
const balanceCard = (page: Page) => page.getByRole('region', { name: 'Balance' })

test('shows the balance, counts, transactions and the upstream', async ({ page, sandbox }) => {
  await sandbox.setBalance(12.34)
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible()
  await expect(page.getByRole('status', { name: 'Credit balance' })).toHaveText('$12.34')
  await expect(balanceCard(page)).toContainText('$12.34')
  // Seeded by the sandbox: three demo agents and the $5.00 signup grant.
  await expect(page.getByRole('region', { name: 'Agents' })).toContainText('3')
  await expect(page.getByRole('region', { name: 'Containers' })).toBeVisible()
  const transactions = page.getByRole('region', { name: 'Recent credit transactions' })
  await expect(transactions).toContainText('$5.00')
  await expect(page.getByRole('region', { name: 'Upstream' })).toContainText('Sandbox')
  await expect(
    page
      .getByRole('button', { name: /^Upstream: Sandbox/ })
      .or(page.getByRole('link', { name: /^Upstream: Sandbox/ })),
  ).toBeVisible()
})

test('the header balance follows the ledger after a refresh', async ({ page, sandbox }) => {
  await page.goto('/')
  await expect(page.getByRole('status', { name: 'Credit balance' })).toHaveText('$5.00')
  await sandbox.setBalance(0.5)
  await page.reload()
  await expect(page.getByRole('status', { name: 'Credit balance' })).toHaveText('$0.50')
})

interface FaultCase {
  name: string
  fault: FaultSpec
  title: string | RegExp
  detail?: string | RegExp
}

const e2Body = (error: string, code: string) => ({ success: false, error, code })

const cases: FaultCase[] = [
  {
    name: '401 invalid key',
    fault: { status: 401, body: e2Body('Invalid or expired API key', 'authentication_required') },
    title: 'The API key was not accepted',
    detail: 'Invalid or expired API key',
  },
  {
    name: '402 insufficient credits',
    fault: {
      status: 402,
      body: {
        success: false,
        error: 'Insufficient credits',
        code: 'insufficient_credits',
        details: { required: 0.25 },
      },
    },
    title: 'Out of credits',
  },
  {
    name: '500 with a JSON body',
    fault: { status: 500, body: e2Body('An unexpected error occurred', 'internal_error') },
    title: 'The cloud hit an error (500)',
    detail: 'An unexpected error occurred',
  },
  {
    name: '502 with an HTML page',
    fault: { status: 502, shape: 'html' },
    title: /The cloud is unreachable/,
    detail: /HTML page/,
  },
  {
    name: '500 with an empty body',
    fault: { status: 500, shape: 'empty' },
    title: 'The cloud hit an error (500)',
    detail: /empty body/,
  },
  {
    name: 'a hung upstream (timeout)',
    fault: { hang: true },
    title: 'The request timed out',
  },
]

for (const c of cases) {
  test(`balance card: ${c.name} has its own state, and Retry recovers`, async ({
    page,
    sandbox,
  }) => {
    // Enough uses to cover the header's and the card's requests and the client's retries of 5xx.
    await sandbox.fault({ path: BALANCE_PATH, count: 20, ...c.fault })
    await page.goto('/')
    const card = balanceCard(page)
    const alert = card.getByRole('alert')
    await expect(alert.getByRole('heading', { name: c.title })).toBeVisible({ timeout: 15_000 })
    if (c.detail) {
      await alert.getByText('Details').click()
      await expect(alert).toContainText(c.detail)
    }
    // The rest of the page still works.
    await expect(page.getByRole('region', { name: 'Agents' })).toContainText('3')
    await sandbox.clearFaults()
    await alert.getByRole('button', { name: 'Retry' }).click()
    await expect(card).toContainText('$5.00')
    await expect(card.getByRole('alert')).toHaveCount(0)
  })
}

test('429 shows a countdown from Retry-After, then Retry works', async ({ page, sandbox }) => {
  await sandbox.fault({
    path: BALANCE_PATH,
    count: 20,
    status: 429,
    headers: { 'Retry-After': '3' },
    body: {
      success: false,
      error: 'Too many requests',
      code: 'rate_limit_exceeded',
      message: 'Rate limit exceeded. Maximum 60 requests per 60 seconds.',
      retryAfter: 3,
    },
  })
  await page.goto('/')
  const alert = balanceCard(page).getByRole('alert')
  await expect(alert.getByRole('heading', { name: 'Rate limited' })).toBeVisible()
  const retry = alert.getByRole('button', { name: 'Retry' })
  await expect(retry).toBeDisabled()
  await expect(alert).toContainText(/retry in [1-3] s/)
  await sandbox.clearFaults()
  await expect(retry).toBeEnabled({ timeout: 6_000 })
  await retry.click()
  await expect(balanceCard(page)).toContainText('$5.00')
})

test('a failing card does not take the page down', async ({ page, sandbox }) => {
  await sandbox.fault({ path: '/api/credits/transactions', count: 20, status: 500, shape: 'empty' })
  await page.goto('/')
  await expect(
    page.getByRole('region', { name: 'Recent credit transactions' }).getByRole('alert'),
  ).toBeVisible()
  await expect(balanceCard(page)).toContainText('$5.00')
})
