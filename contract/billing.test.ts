// Contract: every billing answer the console reads (successes and the error bodies it acts on),
// produced by the in-process sandbox and read with the console's own schemas and error reader
// (src/features/billing/api/, src/api/pricing-summary/, src/lib/api-error.ts). A drift on either
// side fails here.
import { beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod/mini'
import { pricingSummarySchema } from '@/api/pricing-summary/queries'
import { invoiceListSchema, invoiceSchema } from '@/features/billing/api/invoices'
import { savedSettingsSchema } from '@/features/billing/api/mutations'
import {
  createdPaymentSchema,
  cryptoPaymentSchema,
  cryptoStatusSchema,
  facilitatorSchema,
  isSessionOnlyRefusal,
  topupSchema,
  walletSchema,
} from '@/features/billing/api/payments'
import {
  balanceSchema,
  billingSettingsSchema,
  checkoutResponseSchema,
  summarySchema,
  transactionListSchema,
  verifySchema,
} from '@/features/billing/api/schemas'
import { ApiError } from '@/lib/api-error'
import { saveSimulatedCard } from '../sandbox/billing/payment-methods.ts'
import {
  createSandboxPayment,
  SANDBOX_PAY_TO,
  signAuthorization,
  USDC_BY_NETWORK,
} from '../sandbox/billing/x402.ts'
import { setBalance } from '../sandbox/core/ledger.ts'
import { SEED } from '../sandbox/core/seed.ts'
import { UNKNOWN_KEY } from '../sandbox/core/test-utils.ts'
import { contractFor } from './harness.ts'

const contract = contractFor(['billing'], {
  notProduced: {
    // Upstream failures the sandbox never has.
    'GET /api/stripe/credit-packs 500':
      'a database failure reading the packs; the sandbox has none',
  },
})
const { parses, refuses, unread } = contract
beforeEach(() => contract.sb.reset())

const PAYER = '0x1111111111111111111111111111111111111111'
const NOWHERE = '00000000-0000-4000-8000-000000000000'
const OTHER_ORG = '5a4db0c0-0000-4000-8000-0000000000ff'

/** Hands one row of `table` to a second organization (inserted on first use). */
async function moveToOtherOrganization(table: string, id: string) {
  await contract.sb.ctx.db.query(
    `INSERT INTO organizations (id, name, credit_balance) VALUES ($1, 'Other', 0)
     ON CONFLICT (id) DO NOTHING`,
    [OTHER_ORG],
  )
  await contract.sb.ctx.db.query(`UPDATE ${table} SET organization_id = $1 WHERE id = $2`, [
    OTHER_ORG,
    id,
  ])
}

/** A signed EIP-3009 authorization as a third-party seller hands it to the facilitator. */
function facilitatorBody() {
  const network = 'eip155:84532'
  const asset = USDC_BY_NETWORK[network] ?? ''
  const now = Math.floor(Date.now() / 1000)
  const authorization = {
    from: PAYER,
    to: SANDBOX_PAY_TO,
    value: '1000000',
    validAfter: String(now - 60),
    validBefore: String(now + 300),
    nonce: `0x${'ab'.repeat(32)}`,
  }
  const requirements = { scheme: 'exact', network, asset, amount: '1000000', payTo: SANDBOX_PAY_TO }
  return {
    paymentPayload: {
      x402Version: 2,
      accepted: requirements,
      payload: { signature: signAuthorization(network, asset, authorization), authorization },
    },
    paymentRequirements: { ...requirements, maxTimeoutSeconds: 60 },
  }
}

const SUCCESS = 'http://localhost:3000/billing?tab=credits'
const CANCEL = 'http://localhost:3000/billing?cancelled=1'

const json = (method: string, path: string, body: unknown, key?: string) =>
  contract.sb.call(path, {
    method,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json' },
    ...(key === undefined ? {} : { key }),
  })

/** A checkout as the console starts it, paid (or cancelled) on the sandbox's own page. */
async function checkout(credits: number, action: 'pay' | 'cancel') {
  const started = await parses(
    await json('POST', '/api/v1/credits/checkout', {
      credits,
      success_url: SUCCESS,
      cancel_url: CANCEL,
    }),
    checkoutResponseSchema,
  )
  const page = new URL(started.url).pathname
  const opened = await contract.sb.call(page, { key: null })
  const html = opened.clone()
  await unread(opened, 200, 'the browser shows the checkout page; the console never fetches it')
  const token = /name="token" value="([^"]+)"/.exec(await html.text())?.[1] ?? ''
  expect(token).not.toBe('')
  const sent = await contract.sb.call(page, {
    key: null,
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, action }).toString(),
  })
  const location = sent.headers.get('location') ?? ''
  await unread(sent, 303, 'the browser follows the redirect back to the console')
  return { ...started, location }
}

describe('successes', () => {
  it('balance (both paths), summary and transactions parse with their schemas', async () => {
    const { balance } = await parses(
      await contract.sb.call('/api/v1/credits/balance?fresh=true'),
      balanceSchema,
    )
    expect(balance).toBeGreaterThan(0)
    // The unversioned path is not what the console calls; its body is the same balance.
    await unread(
      await contract.sb.call('/api/credits/balance'),
      200,
      'the console reads the balance from /api/v1/credits/balance only',
    )
    const summary = await parses(await contract.sb.call('/api/v1/credits/summary'), summarySchema)
    expect(summary.organization).toMatchObject({ id: SEED.organizationId, creditBalance: balance })
    const list = await parses(
      await contract.sb.call('/api/credits/transactions?limit=50'),
      transactionListSchema,
    )
    expect(list.transactions.length).toBeGreaterThan(0)
    expect(list.transactions[0]).toMatchObject({ id: expect.any(String), type: expect.any(String) })
  })

  it('billing settings parse with billingSettingsSchema', async () => {
    const settings = await parses(
      await contract.sb.call('/api/v1/billing/settings'),
      billingSettingsSchema,
    )
    expect(settings.limits.minAmount).toBeLessThanOrEqual(settings.limits.maxAmount)
    expect(settings.autoTopUp.enabled).toBe(false)
  })

  it('a paid checkout: verify says paid, the ledger and the invoices show it', async () => {
    const paid = await checkout(25, 'pay')
    expect(paid.location.startsWith(SUCCESS)).toBe(true)
    const verified = await parses(
      await contract.sb.call(`/api/v1/credits/verify?session_id=${paid.sessionId}`),
      verifySchema,
    )
    expect(verified).toMatchObject({ success: true, amount: 25 })

    const cancelled = await checkout(10, 'cancel')
    expect(cancelled.location.startsWith(CANCEL)).toBe(true)
    const unpaid = await parses(
      await contract.sb.call(`/api/v1/credits/verify?session_id=${cancelled.sessionId}`),
      verifySchema,
    )
    expect(unpaid.success).toBe(false)

    const invoices = await parses(await contract.sb.call('/api/invoices/list'), invoiceListSchema)
    expect(invoices.count).toBeGreaterThan(0)
    const id = invoices.invoices[0]?.id ?? ''
    const { invoice } = await parses(
      await contract.sb.call(`/api/invoices/${id}`),
      z.object({ invoice: invoiceSchema }),
    )
    expect(invoice).toMatchObject({ id, amountPaid: expect.any(Number) })
  })

  it('crypto status, the payments list and one payment parse with their schemas', async () => {
    const status = await parses(await contract.sb.call('/api/crypto/status'), cryptoStatusSchema)
    expect(status.enabled).toBe(true)
    expect(status.networks.length).toBeGreaterThan(0)
    const { paymentId } = await parses(
      await json('POST', '/api/crypto/payments', { amount: 25, currency: 'USD' }),
      createdPaymentSchema,
    )
    const { payments } = await parses(
      await contract.sb.call('/api/crypto/payments'),
      z.object({ payments: z.array(cryptoPaymentSchema) }),
    )
    expect(payments.map((p) => p.id)).toContain(paymentId)
    const one = await parses(
      await contract.sb.call(`/api/crypto/payments/${paymentId}`),
      cryptoPaymentSchema,
    )
    expect(one).toMatchObject({ id: paymentId, status: 'pending', creditsToAdd: '25.000' })
  })

  it('the pricing summary parses with pricingSummarySchema', async () => {
    const summary = await parses(
      await contract.sb.call('/api/v1/pricing/summary'),
      pricingSummarySchema,
    )
    expect(Object.keys(summary.pricing).length).toBeGreaterThan(0)
  })
})

describe('error bodies the console acts on', () => {
  it('strict mode: a session-only crypto payment, no Stripe, no facilitator, crypto disabled', async () => {
    contract.sb.ctx.strict = true
    try {
      const refused = await refuses(
        await json('POST', '/api/crypto/payments', { amount: 25, currency: 'USD' }),
        500,
      )
      expect(isSessionOnlyRefusal(refused)).toBe(true)
      // The x402 card shows "not configured" on this status (x402-topup.tsx).
      expect((await refuses(await contract.sb.call('/api/v1/x402'), 503)).status).toBe(503)
      const status = await parses(await contract.sb.call('/api/crypto/status'), cryptoStatusSchema)
      expect(status.enabled).toBe(false)
    } finally {
      contract.sb.ctx.strict = false
    }
  })

  it('400s: a bad auto top-up is "invalid", a bad checkout body is refused', async () => {
    const bad = await refuses(
      await json('PUT', '/api/v1/billing/settings', {
        autoTopUp: { enabled: true, amount: 5, threshold: 1 },
      }),
      400,
    )
    expect(bad.kind).toBe('invalid')
    const checkoutBad = await refuses(
      await json('POST', '/api/v1/credits/checkout', {
        credits: 10,
        success_url: 'https://evil.example/',
        cancel_url: CANCEL,
      }),
      400,
    )
    expect(checkoutBad.kind).toBe('invalid')
  })

  it('the x402 top-up without payment is a 402 the test payment expects', async () => {
    const required = await refuses(await json('POST', '/api/v1/topup/10', {}), 402)
    expect(required.status).toBe(402)
  })

  it('auth failures: 401 on balance and settings, bare 500s elsewhere', async () => {
    for (const res of [
      await contract.sb.call('/api/v1/credits/balance', { key: UNKNOWN_KEY }),
      await contract.sb.call('/api/credits/balance', { key: UNKNOWN_KEY }),
      await contract.sb.call('/api/v1/billing/settings', { key: UNKNOWN_KEY }),
      await json('PUT', '/api/v1/billing/settings', { autoTopUp: {} }, UNKNOWN_KEY),
    ]) {
      expect((await refuses(res, 401)).kind).toBe('unauthorized')
    }
    for (const res of [
      await contract.sb.call('/api/v1/credits/summary', { key: UNKNOWN_KEY }),
      await contract.sb.call('/api/credits/transactions', { key: UNKNOWN_KEY }),
      await contract.sb.call('/api/crypto/payments', { key: UNKNOWN_KEY }),
      await contract.sb.call('/api/invoices/list', { key: UNKNOWN_KEY }),
      await contract.sb.call('/api/v1/credits/verify?session_id=cs_test_unknown'),
    ]) {
      await refuses(res, 500)
    }
  })

  it('404 for an unknown invoice, 500 for a non-UUID one', async () => {
    await refuses(await contract.sb.call('/api/invoices/00000000-0000-4000-8000-000000000000'), 404)
    await refuses(await contract.sb.call('/api/invoices/not-a-uuid'), 500)
  })

  it('403 account state (E2): an inactive organization', async () => {
    await contract.sb.ctx.db.query('UPDATE organizations SET is_active = false WHERE id = $1', [
      SEED.organizationId,
    ])
    for (const res of [
      await contract.sb.call('/api/v1/credits/balance'),
      await contract.sb.call('/api/credits/balance'),
      await json('POST', '/api/v1/credits/checkout', {
        credits: 10,
        success_url: SUCCESS,
        cancel_url: CANCEL,
      }),
      await contract.sb.call('/api/v1/credits/verify?session_id=cs_test_x'),
    ]) {
      const refused = await refuses(res, 403)
      expect(refused.kind).toBe('forbidden')
      expect(refused.message).toBe('Organization is inactive')
    }
  })

  it('checkout and verify: 401 on a bad key, 500 on malformed JSON or no Stripe, 400/403 on verify', async () => {
    expect(
      (
        await refuses(
          await json('POST', '/api/v1/credits/checkout', { credits: 5 }, UNKNOWN_KEY),
          401,
        )
      ).kind,
    ).toBe('unauthorized')
    expect((await refuses(await json('POST', '/api/v1/credits/checkout', '{oops'), 500)).kind).toBe(
      'server',
    )
    expect(
      (
        await refuses(
          await contract.sb.call('/api/v1/credits/verify?session_id=x', { key: UNKNOWN_KEY }),
          401,
        )
      ).kind,
    ).toBe('unauthorized')
    expect((await refuses(await contract.sb.call('/api/v1/credits/verify'), 400)).message).toBe(
      'session_id is required',
    )
    const { sessionId } = await parses(
      await json('POST', '/api/v1/credits/checkout', {
        credits: 5,
        success_url: SUCCESS,
        cancel_url: CANCEL,
      }),
      checkoutResponseSchema,
    )
    await moveToOtherOrganization('checkout_sessions', sessionId)
    expect(
      (await refuses(await contract.sb.call(`/api/v1/credits/verify?session_id=${sessionId}`), 403))
        .kind,
    ).toBe('forbidden')
  })

  it('auto top-up: malformed JSON is a 500 with the route message', async () => {
    const broken = await refuses(await json('PUT', '/api/v1/billing/settings', '{oops'), 500)
    expect(broken.message).toBe('Failed to update billing settings')
  })

  it('crypto payments: a validation 400, and 400/403/404/500 on one payment', async () => {
    const invalid = await refuses(
      await json('POST', '/api/crypto/payments', { amount: 0, currency: 'USD' }),
      400,
    )
    expect(invalid.kind).toBe('invalid')
    await refuses(await contract.sb.call('/api/crypto/payments/not-a-uuid'), 400)
    await refuses(await contract.sb.call(`/api/crypto/payments/${NOWHERE}`), 404)
    await refuses(
      await contract.sb.call(`/api/crypto/payments/${NOWHERE}`, { key: UNKNOWN_KEY }),
      500,
    )
    const created = await json('POST', '/api/crypto/payments', { amount: 5, currency: 'USD' })
    const { paymentId } = (await created.json()) as { paymentId: string }
    await moveToOtherOrganization('crypto_payments', paymentId)
    await refuses(await contract.sb.call(`/api/crypto/payments/${paymentId}`), 403)
  })

  it('an invoice of another organization is a 403', async () => {
    await checkout(5, 'pay')
    const { invoices } = await parses(
      await contract.sb.call('/api/invoices/list'),
      invoiceListSchema,
    )
    const id = invoices[0]?.id ?? ''
    await moveToOtherOrganization('invoices', id)
    await refuses(await contract.sb.call(`/api/invoices/${id}`), 403)
  })

  it('x402: 402 on every amount, 400/401 then 200 with a valid payment, the facilitator, the test wallet', async () => {
    for (const amount of [10, 50, 100]) {
      await refuses(await json('POST', `/api/v1/topup/${amount}`, {}), 402)
    }
    for (const amount of [10, 50, 100]) {
      const payment = createSandboxPayment({ from: PAYER, usd: amount })
      const paid = (body: unknown, headers: Record<string, string> = {}) =>
        contract.sb.call(`/api/v1/topup/${amount}`, {
          method: 'POST',
          key: null,
          headers: { 'Content-Type': 'application/json', 'X-PAYMENT': payment, ...headers },
          body: JSON.stringify(body),
        })
      expect((await refuses(await paid({ walletAddress: '0x123' }), 400)).message).toBe(
        'Valid EVM walletAddress is required',
      )
      await refuses(
        await paid(
          {},
          {
            'X-Wallet-Address': PAYER,
            'X-Timestamp': String(Date.now()),
            'X-Wallet-Signature': '0xsig',
          },
        ),
        401,
      )
      // The same payment, now with a wallet: the top-up the console's x402 card makes.
      const done = await parses(await paid({ walletAddress: PAYER }), topupSchema)
      expect(done).toMatchObject({ success: true, amount })
    }
    expect((await parses(await contract.sb.call('/api/v1/x402'), facilitatorSchema)).success).toBe(
      true,
    )
    const wallet = '/api/v1/x402/sandbox-wallet'
    const signed = await parses(await json('POST', wallet, { amount: 10 }), walletSchema)
    expect(signed.amount).toBe(10)
    await refuses(await json('POST', wallet, { amount: 20 }), 400)
    await refuses(await json('POST', wallet, { amount: 10 }, UNKNOWN_KEY), 401)
    contract.sb.ctx.strict = true
    try {
      // The cloud has no such route: its HTML not-found page, which the console reads by status.
      const missing = await json('POST', wallet, { amount: 10 })
      expect((await ApiError.fromResponse(missing.clone())).kind).toBe('not_found')
      await unread(missing, 404, 'an HTML not-found page: the console keeps only the status')
    } finally {
      contract.sb.ctx.strict = false
    }
  })

  it('429 (E10) gives a countdown on every rate-limited route', async () => {
    // STANDARD: routes of one preset share the caller's counter.
    for (let i = 0; i < 60; i++) await contract.sb.call('/api/v1/credits/summary')
    const standard = [
      await contract.sb.call('/api/v1/credits/summary'),
      await contract.sb.call('/api/credits/transactions'),
      await contract.sb.call('/api/v1/billing/settings'),
      await json('PUT', '/api/v1/billing/settings', { autoTopUp: {} }),
      await contract.sb.call('/api/crypto/payments'),
      await contract.sb.call(`/api/crypto/payments/${NOWHERE}`),
      await contract.sb.call('/api/invoices/list'),
      await contract.sb.call(`/api/invoices/${NOWHERE}`),
    ]
    // STRICT: 10 a minute.
    for (let i = 0; i < 10; i++) await json('POST', '/api/v1/x402/verify', '{')
    const strict = [
      await json('POST', '/api/crypto/payments', { amount: 5 }),
      await json('POST', '/api/v1/x402/verify', '{'),
      await json('POST', '/api/v1/x402/settle', '{'),
      await contract.sb.call('/api/auto-top-up/trigger', { method: 'POST' }),
    ]
    for (const res of [...standard, ...strict]) {
      const limited = await refuses(res, 429)
      expect(limited.kind).toBe('rate_limited')
      expect(limited.details.retryAfterSec).toBeGreaterThan(0)
    }
  })
})

describe('answers the console never reads', () => {
  it('credit packs (RELAXED, public), and a forged checkout form', async () => {
    await unread(
      await contract.sb.call('/api/stripe/credit-packs', { key: null }),
      200,
      'the console sells a custom amount, not packs',
    )
    for (let i = 0; i < 199; i++) await contract.sb.call('/api/stripe/credit-packs', { key: null })
    await unread(
      await contract.sb.call('/api/stripe/credit-packs', { key: null }),
      429,
      'the console never calls credit-packs',
    )
    const { url } = await parses(
      await json('POST', '/api/v1/credits/checkout', {
        credits: 5,
        success_url: SUCCESS,
        cancel_url: CANCEL,
      }),
      checkoutResponseSchema,
    )
    await unread(
      await contract.sb.call(new URL(url).pathname, {
        key: null,
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: 'forged', action: 'pay' }).toString(),
      }),
      403,
      'the browser shows the refusal page; the console never posts the form',
    )
  })

  it('the auto top-up trigger: 400 disabled, 500 bad key, 200 below the threshold', async () => {
    const why = 'the console never calls the manual trigger (the server tops up after a charge)'
    const trigger = (key?: string) =>
      contract.sb.call('/api/auto-top-up/trigger', { method: 'POST', key })
    await unread(await trigger(), 400, why)
    await unread(await trigger(UNKNOWN_KEY), 500, why)
    await contract.sb.ctx.db.transaction((tx) =>
      saveSimulatedCard(tx, SEED.organizationId, 'cus_test'),
    )
    const enabled = await parses(
      await json('PUT', '/api/v1/billing/settings', {
        autoTopUp: { enabled: true, amount: 25, threshold: 5 },
      }),
      savedSettingsSchema,
    )
    expect(enabled.settings.autoTopUp.enabled).toBe(true)
    await setBalance(contract.sb.ctx.db, SEED.organizationId, 3.5)
    await unread(await trigger(), 200, why)
  })

  it('the x402 facilitator: verify and settle, refused, and unconfigured in strict mode', async () => {
    const why = 'the facilitator serves third-party sellers; the console never calls it'
    await unread(await json('POST', '/api/v1/x402/verify', facilitatorBody()), 200, why)
    await unread(await json('POST', '/api/v1/x402/settle', facilitatorBody()), 200, why)
    await unread(await json('POST', '/api/v1/x402/settle', facilitatorBody()), 400, why)
    await unread(await json('POST', '/api/v1/x402/verify', '{oops'), 400, why)
    contract.sb.ctx.strict = true
    try {
      await unread(await json('POST', '/api/v1/x402/verify', facilitatorBody()), 500, why)
      await unread(await json('POST', '/api/v1/x402/settle', facilitatorBody()), 500, why)
    } finally {
      contract.sb.ctx.strict = false
    }
  })
})
