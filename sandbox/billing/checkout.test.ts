// Checkout, the sandbox checkout page, verify, credit packs and invoices (docs/cloud/billing.md §4–§6, §11).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { getBalance, setBalance } from '../core/ledger.ts'
import { SEED } from '../core/seed.ts'
import {
  openTestSandbox,
  SANDBOX_TIMEOUTS,
  type TestSandbox,
  UNKNOWN_KEY,
} from '../core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
beforeEach(() => sb.reset())

const SUCCESS = 'http://localhost:3000/billing?tab=credits'
const CANCEL = 'http://localhost:3000/billing?cancelled=1'

const post = (path: string, body: unknown, key?: string | null) =>
  sb.call(path, {
    method: 'POST',
    key,
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

async function checkout(credits = 10, success = SUCCESS, cancel = CANCEL) {
  const res = await post('/api/v1/credits/checkout', {
    credits,
    success_url: success,
    cancel_url: cancel,
  })
  expect(res.status).toBe(200)
  return (await res.json()) as { url: string; sessionId: string }
}

/** Opens the checkout page and returns its form token. */
async function openPage(url: string) {
  const res = await sb.call(new URL(url).pathname, { key: null })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toContain('text/html')
  const html = await res.text()
  const token = /name="token" value="([^"]+)"/.exec(html)?.[1]
  if (!token) throw new Error('no form token on the page')
  return { html, token, res }
}

const submit = (
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) =>
  sb.call(new URL(url).pathname, {
    key: null,
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  })

const balance = () => getBalance(sb.ctx.db, SEED.organizationId)

async function transactions() {
  const body = await (await sb.call('/api/credits/transactions')).json()
  return body.transactions as Array<Record<string, unknown>>
}

describe('POST /api/v1/credits/checkout', () => {
  it('returns {url, sessionId} with a sandbox page on its own origin', async () => {
    const { url, sessionId } = await checkout(12.345)
    expect(sessionId).toMatch(/^cs_test_[A-Za-z0-9]{58}$/)
    expect(url).toBe(`http://localhost/checkout/${sessionId}`)
    // Charged to the cent.
    const { html } = await openPage(url)
    expect(html).toContain('Pay $12.35')
  })

  it('answers a bad body with the zod tree (400) and `amount` is not a field', async () => {
    const res = await post('/api/v1/credits/checkout', {
      credits: 0,
      success_url: SUCCESS,
      cancel_url: CANCEL,
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: 'Invalid request',
      details: { _errors: [], credits: { _errors: ['Too small: expected number to be >=1'] } },
    })
    const product = await post('/api/v1/credits/checkout', { amount: 5000 })
    expect(product.status).toBe(400)
    const body = await product.json()
    expect(body.error).toBe('Invalid request')
    expect(Object.keys(body.details).sort()).toEqual([
      '_errors',
      'cancel_url',
      'credits',
      'success_url',
    ])
    const tooMuch = await post('/api/v1/credits/checkout', {
      credits: 1000.01,
      success_url: SUCCESS,
      cancel_url: CANCEL,
    })
    expect((await tooMuch.json()).details.credits._errors).toEqual([
      'Too big: expected number to be <=1000',
    ])
  })

  it('refuses redirect URLs off the allow-list with the exact bodies', async () => {
    const off = await post('/api/v1/credits/checkout', {
      credits: 5,
      success_url: 'https://evil.example/x',
      cancel_url: CANCEL,
    })
    expect(off.status).toBe(400)
    expect(await off.json()).toEqual({ error: 'Invalid success_url' })
    const cancel = await post('/api/v1/credits/checkout', {
      credits: 5,
      success_url: SUCCESS,
      cancel_url: 'http://user:pw@localhost:3000/',
    })
    expect(cancel.status).toBe(400)
    expect(await cancel.json()).toEqual({ error: 'Invalid cancel_url' })
  })

  it('accepts the console on any loopback port (extension) and the sandbox’s own origin', async () => {
    await checkout(5, 'http://127.0.0.1:4000/billing', 'http://localhost:4000/billing')
    await checkout(5, 'http://localhost/after', 'http://localhost/cancel')
  })

  it('auth failures are E2; malformed JSON is a 500 E2', async () => {
    const bad = await post('/api/v1/credits/checkout', { credits: 5 }, UNKNOWN_KEY)
    expect(bad.status).toBe(401)
    expect(await bad.json()).toEqual({
      success: false,
      error: 'Invalid or expired API key',
      code: 'authentication_required',
    })
    const none = await post('/api/v1/credits/checkout', { credits: 5 }, null)
    expect(none.status).toBe(401)
    expect(await none.json()).toEqual({
      success: false,
      error: 'Unauthorized',
      code: 'authentication_required',
    })
    const broken = await post('/api/v1/credits/checkout', '{not json')
    expect(broken.status).toBe(500)
    expect(await broken.json()).toEqual({
      success: false,
      error: 'An unexpected error occurred',
      code: 'internal_error',
    })
  })
})

describe('the checkout page', () => {
  it('is plain HTML without script, with a strict CSP, Pay and Cancel', async () => {
    const { url } = await checkout(10)
    const { html, res } = await openPage(url)
    expect(html).not.toMatch(/<script/i)
    expect(html).toContain('>Pay $10.00</button>')
    expect(html).toContain('>Cancel</button>')
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("form-action 'self' http://localhost:3000")
    expect(res.headers.get('x-frame-options')).toBe('DENY')
  })

  it('pay: credits the ledger, saves a card, redirects with session_id, verify says paid', async () => {
    const { url, sessionId } = await checkout(10)
    const { token } = await openPage(url)
    const before = await verify(sessionId)
    expect(before).toEqual({ success: false, error: 'Payment not completed', status: 'unpaid' })

    const res = await submit(url, { token, action: 'pay' }, { Origin: 'http://localhost' })
    expect(res.status).toBe(303)
    const location = new URL(res.headers.get('location') ?? '')
    expect(`${location.origin}${location.pathname}`).toBe('http://localhost:3000/billing')
    expect(location.searchParams.get('tab')).toBe('credits')
    expect(location.searchParams.get('session_id')).toBe(sessionId)

    expect(await balance()).toBe(15)
    const [top] = await transactions()
    expect(top).toMatchObject({
      amount: 10,
      type: 'credit',
      description: 'Balance top-up - $10.00',
      metadata: { type: 'custom_amount' },
      stripe_payment_intent_id: expect.stringMatching(/^pi_[A-Za-z0-9]{24}$/),
    })
    expect(await verify(sessionId)).toEqual({
      success: true,
      amount: 10,
      message: 'Payment verified successfully',
    })
    // The saved card shows in the summary and settings.
    const summary = await (await sb.call('/api/v1/credits/summary')).json()
    expect(summary.organization.hasPaymentMethod).toBe(true)

    // Submitting again (back button, double click) never credits twice.
    const again = await submit(url, { token, action: 'pay' })
    expect(again.status).toBe(303)
    expect(await balance()).toBe(15)
    const paidPage = await sb.call(new URL(url).pathname, { key: null })
    expect(await paidPage.text()).toContain('Payment complete')
  })

  it('cancel: redirects to cancel_url, nothing is credited, verify stays unpaid', async () => {
    const { url, sessionId } = await checkout(25)
    const { token } = await openPage(url)
    const res = await submit(url, { token, action: 'cancel' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(CANCEL)
    expect(await balance()).toBe(5)
    expect(await verify(sessionId)).toMatchObject({ success: false, status: 'unpaid' })
    // The session is closed: paying afterwards is refused.
    const late = await submit(url, { token, action: 'pay' })
    expect(late.status).toBe(410)
    expect(await balance()).toBe(5)
  })

  it('refuses a wrong token or a cross-origin post, and 404s an unknown session', async () => {
    const { url } = await checkout(10)
    const { token } = await openPage(url)
    expect((await submit(url, { token: 'forged', action: 'pay' })).status).toBe(403)
    expect(
      (await submit(url, { token, action: 'pay' }, { Origin: 'https://evil.example' })).status,
    ).toBe(403)
    expect(await balance()).toBe(5)
    expect((await sb.call('/checkout/cs_test_nope', { key: null })).status).toBe(404)
  })

  it('balance?fresh=true shows a paid top-up at once', async () => {
    await setBalance(sb.ctx.db, SEED.organizationId, 1)
    const { url } = await checkout(50)
    const { token } = await openPage(url)
    await submit(url, { token, action: 'pay' })
    expect(await (await sb.call('/api/v1/credits/balance?fresh=true')).json()).toEqual({
      balance: 51,
    })
  })
})

async function verify(sessionId: string) {
  const res = await sb.call(`/api/v1/credits/verify?session_id=${sessionId}`)
  expect(res.status).toBe(200)
  return res.json()
}

describe('GET /api/v1/credits/verify', () => {
  it('400 without session_id, 500 E2 for an unknown one, E2 on auth', async () => {
    const missing = await sb.call('/api/v1/credits/verify')
    expect(missing.status).toBe(400)
    expect(await missing.json()).toEqual({ success: false, error: 'session_id is required' })
    const unknown = await sb.call('/api/v1/credits/verify?session_id=cs_test_unknown')
    expect(unknown.status).toBe(500)
    expect(await unknown.json()).toEqual({
      success: false,
      error: 'An unexpected error occurred',
      code: 'internal_error',
    })
    const auth = await sb.call('/api/v1/credits/verify?session_id=x', { key: UNKNOWN_KEY })
    expect(auth.status).toBe(401)
    expect((await auth.json()).code).toBe('authentication_required')
  })

  it('403 for another organization’s session', async () => {
    const { sessionId } = await checkout(5)
    await sb.ctx.db.query(
      `INSERT INTO organizations (id, name, credit_balance) VALUES ('5a4db0c0-0000-4000-8000-0000000000ff', 'Other', 0)`,
    )
    await sb.ctx.db.query(
      `UPDATE checkout_sessions SET organization_id = '5a4db0c0-0000-4000-8000-0000000000ff' WHERE id = $1`,
      [sessionId],
    )
    const res = await sb.call(`/api/v1/credits/verify?session_id=${sessionId}`)
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({ success: false, error: 'Forbidden' })
  })
})

describe('GET /api/stripe/credit-packs', () => {
  it('is public and RELAXED, with USD strings and integer cents', async () => {
    const res = await sb.call('/api/stripe/credit-packs', { key: null })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-ratelimit-limit')).toBe('200')
    const { creditPacks } = await res.json()
    expect(creditPacks.map((p: { credits: string }) => p.credits)).toEqual([
      '10.00',
      '50.00',
      '100.00',
    ])
    expect(creditPacks[1]).toEqual({
      id: '5a4db0c0-0000-4000-8000-0000000000d2',
      name: 'Builder',
      description: 'For agents in daily use',
      credits: '50.00',
      price_cents: 5000,
      stripe_price_id: 'price_sandbox_builder',
      stripe_product_id: 'prod_sandbox_builder',
      is_active: true,
      sort_order: 2,
      metadata: {},
      created_at: expect.any(String),
      updated_at: expect.any(String),
    })
  })

  it('buying a pack is session-only at the edge', async () => {
    const res = await post('/api/stripe/create-checkout-session', { packId: 'x' })
    expect(res.status).toBe(401)
    expect((await res.json()).code).toBe('session_auth_required')
  })
})

describe('invoices', () => {
  it('a paid checkout appears in the list (display-formatted) and in detail (as stored)', async () => {
    const { url, sessionId } = await checkout(10)
    const { token } = await openPage(url)
    await submit(url, { token, action: 'pay' })
    const list = await sb.call('/api/invoices/list')
    expect(list.status).toBe(200)
    expect(list.headers.get('x-ratelimit-limit')).toBe('60')
    const body = await list.json()
    expect(body.count).toBe(1)
    expect(body.invoices[0]).toEqual({
      id: expect.any(String),
      stripeInvoiceId: `cs_${sessionId}`,
      date: expect.stringMatching(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d\d:\d\d [AP]M$/),
      total: '$10.00',
      status: 'Paid',
      invoiceUrl: '',
      invoicePdf: '',
      type: 'custom_amount',
      creditsAdded: 10,
    })
    const detail = await sb.call(`/api/invoices/${body.invoices[0].id}`)
    expect(detail.status).toBe(200)
    expect((await detail.json()).invoice).toMatchObject({
      stripeInvoiceId: `cs_${sessionId}`,
      stripeCustomerId: expect.stringMatching(/^cus_/),
      stripePaymentIntentId: expect.stringMatching(/^pi_/),
      amountDue: 10,
      amountPaid: 10,
      currency: 'usd',
      status: 'paid',
      invoiceType: 'custom_amount',
      invoiceNumber: null,
      invoicePdf: null,
      hostedInvoiceUrl: null,
      creditsAdded: 10,
      metadata: { type: 'custom_amount' },
      paidAt: expect.any(String),
    })
  })

  it('404 unknown, 500 with the message for a non-UUID id or a bad key', async () => {
    const unknown = await sb.call('/api/invoices/5a4db0c0-0000-4000-8000-00000000ffff')
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ error: 'Invoice not found' })
    const bad = await sb.call('/api/invoices/nope')
    expect(bad.status).toBe(500)
    expect((await bad.json()).error).toMatch(/invalid input syntax for type uuid/)
    const auth = await sb.call('/api/invoices/list', { key: UNKNOWN_KEY })
    expect(auth.status).toBe(500)
    expect(await auth.json()).toEqual({ error: 'Invalid or expired API key' })
  })
})
