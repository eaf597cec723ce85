// Invoices, crypto payments, x402 and the price list (docs/billing-payments.md) against the sandbox.
import type { APIRequestContext, Page } from '@playwright/test'
import { CANARY_KEY, type Stack } from './env.ts'
import { expect, test } from './fixtures.ts'

const auth = { Authorization: `Bearer ${CANARY_KEY}` }

async function withSandbox<T>(
  playwright: { request: { newContext: (o: { baseURL: string }) => Promise<APIRequestContext> } },
  stack: Stack,
  run: (http: APIRequestContext) => Promise<T>,
): Promise<T> {
  const http = await playwright.request.newContext({ baseURL: stack.sandboxUrl })
  try {
    return await run(http)
  } finally {
    await http.dispose()
  }
}

/** A paid $credits card checkout, straight at the sandbox: create, open the page, press Pay. */
async function paidCheckout(http: APIRequestContext, credits: number) {
  const created = await http.post('/api/v1/credits/checkout', {
    headers: auth,
    data: {
      credits,
      success_url: 'http://127.0.0.1:3000/billing?checkout=success',
      cancel_url: 'http://127.0.0.1:3000/billing?checkout=cancel',
    },
  })
  expect(created.status()).toBe(200)
  const { url } = (await created.json()) as { url: string }
  const path = new URL(url).pathname
  const page = await (await http.get(path)).text()
  const token = /name="token" value="([^"]+)"/.exec(page)?.[1]
  expect(token, 'the checkout form token').toBeTruthy()
  const paid = await http.post(path, {
    form: { token: token ?? '', action: 'pay' },
    maxRedirects: 0,
  })
  // The provider sends the browser back to the success URL.
  expect(paid.status()).toBe(303)
}

async function balanceOf(http: APIRequestContext): Promise<number> {
  const res = await http.get('/api/v1/credits/balance?fresh=true', { headers: auth })
  return ((await res.json()) as { balance: number }).balance
}

const headerBalance = (page: Page) => page.getByRole('status', { name: 'Credit balance' })

test('invoices: empty, then the paid checkout listed with its detail', async ({
  page,
  playwright,
  stack,
}) => {
  await page.goto('/billing/invoices')
  await expect(page.getByRole('heading', { level: 2, name: 'Invoices' })).toBeVisible()
  await expect(page.getByText('No invoices yet')).toBeVisible()

  await withSandbox(playwright, stack, (http) => paidCheckout(http, 12.5))
  await page.reload()
  const table = page.getByRole('table', { name: 'Invoices' })
  await expect(table).toContainText('$12.50')
  await expect(table).toContainText('Paid')
  await expect(table).toContainText('Card top-up')
  await table.getByRole('link', { name: /Invoice of .*\$12\.50/ }).click()
  await expect(page).toHaveURL(/[?&]invoice=[0-9a-f-]{36}/)
  const detail = page.getByRole('region', { name: 'Invoice details' })
  await expect(detail).toContainText('Amount paid$12.50')
  await expect(detail).toContainText('Added to balance$12.50')
  await expect(detail).toContainText('No PDF or hosted page')
  // The open invoice is in the URL: it survives a reload.
  await page.reload()
  await expect(page.getByRole('region', { name: 'Invoice details' })).toContainText('$12.50')
  await page.getByRole('link', { name: 'Close the invoice' }).click()
  await expect(page.getByRole('region', { name: 'Invoice details' })).toHaveCount(0)
})

test('invoices: an unknown id and a failing list each get a clear state', async ({
  page,
  sandbox,
}) => {
  await page.goto('/billing/invoices?invoice=00000000-0000-4000-8000-000000000000')
  await expect(page.getByRole('region', { name: 'Invoice details' })).toContainText(/not found/i)
  // The cloud's invoice errors are a bare 500 with the message (enough uses for the retries).
  await sandbox.fault({
    path: '/api/invoices/list',
    count: 20,
    status: 500,
    body: { error: 'database is down' },
  })
  await page.goto('/billing/invoices')
  const alert = page.getByRole('main').getByRole('alert')
  await expect(alert.getByRole('heading', { name: 'The cloud hit an error (500)' })).toBeVisible({
    timeout: 15_000,
  })
  await alert.getByText('Details').click()
  await expect(alert).toContainText('database is down')
  await expect(page.getByRole('table', { name: 'Invoices' })).toHaveCount(0)
  await sandbox.clearFaults()
  await alert.getByRole('button', { name: 'Retry' }).click()
  await expect(page.getByText('No invoices yet')).toBeVisible()
})

test('crypto: status said plainly, a payment created, paid on its page, its detail', async ({
  page,
  context,
}) => {
  await page.goto('/billing/payments')
  await expect(
    page.getByRole('heading', { level: 2, name: 'Crypto and x402 payments' }),
  ).toBeVisible()
  await expect(page.getByText('Crypto payments are available (testnet')).toBeVisible()
  await expect(page.getByText('No crypto payments yet')).toBeVisible()

  // Bad input is refused before any request.
  const amount = page.getByRole('spinbutton', { name: 'Amount (USD)' })
  await amount.fill('0.5')
  await page.getByRole('button', { name: 'Create payment' }).click()
  await expect(page.getByText('At least $1.')).toBeVisible()

  await amount.fill('25')
  await page.getByRole('combobox', { name: 'Pay with' }).selectOption('USDC')
  await page.getByRole('combobox', { name: 'Network' }).selectOption('BASE')
  await page.getByRole('button', { name: 'Create payment' }).click()
  await expect(
    page.getByRole('status').filter({ hasText: 'Payment created: $25.00' }),
  ).toBeVisible()
  const list = page.getByRole('table', { name: 'Crypto payments' })
  await expect(list).toContainText('USDC on BASE')
  await expect(list).toContainText('pending')

  // The simulated provider page (the payLink) confirms it.
  const [payPage] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('link', { name: 'Open the payment page' }).first().click(),
  ])
  await payPage.getByRole('button', { name: /Send 25\.000 USD/ }).click()
  await expect(payPage.getByRole('heading', { name: 'Payment received' })).toBeVisible()
  await payPage.close()

  await list.getByRole('link', { name: /Crypto payment of 25\.000 USD/ }).click()
  const detail = page.getByRole('region', { name: 'Crypto payment', exact: true })
  await expect(detail).toContainText('confirmed')
  await expect(detail).toContainText('Added to balance$25.00')
  await expect(detail).toContainText('NetworkBASE')
  await expect(detail).toContainText(/Transaction0x[0-9a-f]{64}/)
  await expect(headerBalance(page)).toHaveText('$30.00')
})

test('x402: the test payment runs the flow and the balance grows by its amount', async ({
  page,
  playwright,
  stack,
}) => {
  await page.goto('/billing/payments')
  await expect(page.getByText('Facilitator: configured')).toBeVisible()
  await expect(headerBalance(page)).toHaveText('$5.00')
  await page.getByRole('combobox', { name: 'Test top-up amount' }).selectOption('50')
  await page.getByRole('button', { name: 'Pay with x402 (test)' }).click()
  const result = page.getByRole('status').filter({ hasText: 'Paid $50.00' })
  await expect(result).toContainText('balance $5.00 → $55.00 (+$50.00)')
  await expect(result).toContainText('X-PAYMENT header is required')
  await expect(result).toContainText(/Settlement on base-sepolia: 0x[0-9a-f]{64}/)
  await expect(headerBalance(page)).toHaveText('$55.00')
  expect(await withSandbox(playwright, stack, balanceOf)).toBe(55)
})

test('strict answers are shown as they are, with no test controls', async ({ page, sandbox }) => {
  // What a strict sandbox (and the cloud) answers: no provider, session-only creation, no
  // facilitator. The proxy's own report says strict, so the sandbox-only controls go away.
  await page.route('**/_console/info', async (route) => {
    const response = await route.fetch()
    const info = (await response.json()) as { upstream: Record<string, unknown> }
    await route.fulfill({
      response,
      json: { ...info, upstream: { ...info.upstream, strict: true } },
    })
  })
  await sandbox.fault({
    path: '/api/v1/x402',
    method: 'GET',
    status: 503,
    body: {
      success: false,
      error: 'x402 facilitator is not configured',
      code: 'FACILITATOR_NOT_CONFIGURED',
    },
  })
  // The page decides from the proxy's report: wait for it (a probe of the upstream) first.
  const info = page.waitForResponse((res) => res.url().endsWith('/_console/info'))
  await page.goto('/billing/payments')
  await info
  await expect(page.getByText('Creating a crypto payment needs a dashboard login')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Create payment' })).toHaveCount(0)
  await expect(page.getByText('Facilitator: not configured')).toBeVisible()
  await expect(page.getByText(/strict mode, which has no test wallet/)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Pay with x402 (test)' })).toHaveCount(0)
})

test('crypto: the cloud refusing creation to a key is said honestly', async ({ page, sandbox }) => {
  await sandbox.fault({
    path: '/api/crypto/payments',
    method: 'POST',
    status: 500,
    body: { error: 'Failed to process payment request' },
  })
  await page.goto('/billing/payments')
  await page.getByRole('button', { name: 'Create payment' }).click()
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: 'Creating a crypto payment needs a dashboard login' }),
  ).toBeVisible()
  await expect(page.getByText('No crypto payments yet')).toBeVisible()
})

test('price list: grouped, searchable, the search survives a reload', async ({ page, sandbox }) => {
  await page.goto('/billing/pricing')
  // The price list's own items (the billing tabs above it are list items too).
  const prices = page.getByRole('region', { name: 'Price list' }).getByRole('listitem')
  await expect(page.getByRole('heading', { level: 2, name: 'Price list' })).toBeVisible()
  for (const group of ['Chat', 'Image and video', 'Voice']) {
    await expect(page.getByRole('heading', { level: 3, name: group })).toBeVisible()
  }
  await expect(page.getByRole('listitem', { name: 'Speech to text' })).toContainText(
    '$0.0044 per minute',
  )
  await expect(page.getByRole('listitem', { name: 'Chat completions' })).toContainText(
    'per 1,000 tokens',
  )
  await page.getByRole('searchbox', { name: 'Search prices' }).fill('voice')
  await expect(page).toHaveURL(/[?&]q=voice/)
  await expect(page.getByRole('listitem', { name: 'Image generation' })).toHaveCount(0)
  await page.reload()
  await expect(page.getByRole('searchbox', { name: 'Search prices' })).toHaveValue('voice')
  await expect(prices).toHaveCount(3)
  await page.getByRole('searchbox', { name: 'Search prices' }).fill('nothing like this')
  await expect(page.getByText('No price matches')).toBeVisible()
  await page.getByRole('button', { name: 'Clear search' }).click()
  await expect(prices).toHaveCount(6)

  await sandbox.fault({ path: '/api/v1/pricing/summary', count: 20, shape: 'html', status: 502 })
  await page.reload()
  await expect(
    page.getByRole('main').getByRole('heading', { name: /The cloud is unreachable/ }),
  ).toBeVisible({ timeout: 15_000 })
  await expect(prices).toHaveCount(0)
})

test('Cmd+K reaches the three pages', async ({ page }) => {
  await page.goto('/')
  // The shortcut is live once the app has rendered.
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible()
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  for (const [label, heading] of [
    ['Invoices', 'Invoices'],
    ['Pay with x402', 'Crypto and x402 payments'],
    ['Price list', 'Price list'],
  ] as const) {
    await page.keyboard.press('ControlOrMeta+k')
    await expect(palette).toBeVisible()
    await palette.getByRole('option', { name: label, exact: true }).click()
    await expect(palette).toBeHidden()
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible()
  }
})
