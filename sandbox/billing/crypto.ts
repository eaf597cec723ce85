// Crypto payments through OxaPay (docs/cloud/billing.md §8). Creating a payment is session-only in the cloud
// (an API key gets 500 "Failed to process payment request"), which strict mode reproduces. By
// default the sandbox lets an API key create one (named extension "crypto payments → simulated
// settlement", README.md "Sandbox policy"): the payLink opens a local page whose button stands in
// for the chain and OxaPay's webhook, confirming the payment and crediting the ledger.
import { z } from 'zod'
import { authenticate } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { bareError, methodNotAllowed } from '../core/errors.ts'
import { creditWithin } from '../core/ledger.ts'
import { FamilyRoutes } from '../core/route.ts'
import { PRESETS, rateLimit } from '../core/rate-limit.ts'
import { escapeHtml, htmlPage, SANDBOX_BADGE } from './html.ts'
import { formToken, sameSecret, trackId, transactionHash } from './ids.ts'
import { insertInvoice } from './invoices.ts'

export const CRYPTO_TOKENS = ['USDT', 'USDC', 'BTC', 'ETH', 'BNB', 'TRX', 'SOL'] as const
export const CRYPTO_NETWORKS = [
  { id: 'ERC20', name: 'Ethereum' },
  { id: 'TRC20', name: 'Tron' },
  { id: 'BEP20', name: 'BNB Smart Chain' },
  { id: 'POLYGON', name: 'Polygon' },
  { id: 'SOL', name: 'Solana' },
  { id: 'BASE', name: 'Base' },
  { id: 'ARB', name: 'Arbitrum' },
  { id: 'OP', name: 'Optimism' },
  { id: 'AUTO', name: 'Auto-selected Network' },
] as const

const PAYABLE_NETWORKS = ['ERC20', 'TRC20', 'BEP20', 'POLYGON', 'SOL', 'BASE', 'ARB', 'OP'] as const

/** POST body (docs/cloud/billing.md §8); errors are reported as zod's flattened field errors. */
export const cryptoPaymentBody = z.object({
  amount: z.number().min(1, 'Minimum amount is $1').max(10_000, 'Maximum amount is $10000'),
  currency: z.string().default('USD'),
  payCurrency: z.enum(CRYPTO_TOKENS).default('USDT'),
  network: z.enum(PAYABLE_NETWORKS).optional(),
})

// An OxaPay invoice expires after 30 minutes.
const PAYMENT_TTL_MINUTES = 30

const paymentObject = z.object({
  id: z.string(),
  trackId: z.string(),
  status: z.enum(['pending', 'confirmed', 'expired', 'failed']),
  expectedAmount: z.string(),
  creditsToAdd: z.string(),
  network: z.string(),
  token: z.string(),
  payLink: z.string(),
  expiresAt: z.string(),
  createdAt: z.string(),
  receivedAmount: z.string().optional(),
  transactionHash: z.string().optional(),
  confirmedAt: z.string().optional(),
})
const bare = z.object({ error: z.string() })

interface PaymentRow {
  id: string
  organization_id: string
  user_id: string | null
  track_id: string
  status: 'pending' | 'confirmed' | 'expired' | 'failed'
  expected_amount: string
  credits_to_add: string
  received_amount: string | null
  network: string
  token: string
  pay_link: string
  transaction_hash: string | null
  form_token: string
  expires_at: Date
  confirmed_at: Date | null
  created_at: Date
}

const fixed3 = (value: string) => Number(value).toFixed(3)

function paymentJson(row: PaymentRow) {
  return {
    id: row.id,
    trackId: row.track_id,
    status: row.status,
    expectedAmount: fixed3(row.expected_amount),
    creditsToAdd: fixed3(row.credits_to_add),
    network: row.network,
    token: row.token,
    payLink: row.pay_link,
    expiresAt: row.expires_at.toISOString(),
    createdAt: row.created_at.toISOString(),
    ...(row.received_amount === null ? {} : { receivedAmount: fixed3(row.received_amount) }),
    ...(row.transaction_hash === null ? {} : { transactionHash: row.transaction_hash }),
    ...(row.confirmed_at === null ? {} : { confirmedAt: row.confirmed_at.toISOString() }),
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function cryptoRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('billing')
  const { app } = routes
  const { db } = ctx

  // No handler auth (the edge wants some credential). Strict: no provider configured.
  routes.route({
    method: 'get',
    path: '/api/crypto/status',
    auth: 'credential',
    summary: 'Whether crypto payments are available, tokens and networks',
    note: 'docs/cloud/billing.md §8',
    responses: { 200: { description: 'Status; enabled:false in strict mode (no provider)' } },
    handler: (c) =>
      c.json({
        enabled: !ctx.strict,
        supportedTokens: CRYPTO_TOKENS,
        networks: CRYPTO_NETWORKS,
        // OxaPay's sandbox mode is what the simulated settlement stands for.
        isTestnet: !ctx.strict,
      }),
  })
  app.all('/api/crypto/status', () => methodNotAllowed(['GET', 'OPTIONS']))

  routes.route({
    method: 'get',
    path: '/api/crypto/payments',
    auth: 'key',
    summary: 'The organization’s crypto payments',
    note: 'docs/cloud/billing.md §8',
    responses: {
      200: {
        description: 'Payments, newest first',
        schema: z.object({ payments: z.array(paymentObject) }),
      },
      429: { description: 'Rate limited (E10)' },
      500: { description: '{"error":"Failed to retrieve payments"} (auth included)', schema: bare },
    },
    use: [rateLimit(ctx.limiter, PRESETS.STANDARD)],
    handler: async (c) => {
      try {
        const result = await authenticate(c.req.raw, db, ctx.balanceCache)
        if (!result.ok) return bareError(500, 'Failed to retrieve payments')
        const { rows } = await db.query<PaymentRow>(
          'SELECT * FROM crypto_payments WHERE organization_id = $1 ORDER BY created_at DESC',
          [result.auth.organizationId],
        )
        return c.json({ payments: rows.map(paymentJson) })
      } catch {
        return bareError(500, 'Failed to retrieve payments')
      }
    },
  })

  routes.route({
    method: 'post',
    path: '/api/crypto/payments',
    auth: 'key',
    summary: 'Create a crypto payment (session-only in the cloud)',
    note: 'docs/cloud/billing.md §8',
    body: cryptoPaymentBody,
    responses: {
      200: {
        description: 'The OxaPay invoice',
        schema: z.object({
          paymentId: z.string(),
          trackId: z.string(),
          payLink: z.string(),
          expiresAt: z.string(),
          creditsToAdd: z.string(),
        }),
      },
      400: { description: '{"error":"Validation failed","details":{field:[messages]}}' },
      429: { description: 'Rate limited (E10, STRICT)' },
      500: { description: '{"error":"Failed to process payment request"}: API key in strict mode' },
    },
    extension: 'Crypto payments with an API key → simulated settlement on a local pay page',
    use: [rateLimit(ctx.limiter, PRESETS.STRICT)],
    handler: async (c) => {
      const refused = () => bareError(500, 'Failed to process payment request')
      try {
        // The handler reads the cookie session only; an API key fails its auth (docs/cloud/billing.md §8).
        if (ctx.strict) return refused()
        const result = await authenticate(c.req.raw, db, ctx.balanceCache)
        if (!result.ok) return refused()
        const parsed = cryptoPaymentBody.safeParse(await c.req.json())
        if (!parsed.success) {
          return bareError(400, 'Validation failed', {
            details: z.flattenError(parsed.error).fieldErrors,
          })
        }
        const amount = parsed.data.amount.toFixed(3)
        const track = await uniqueTrackId()
        const payLink = `${new URL(c.req.url).origin}/crypto/pay/${track}`
        const { rows } = await db.query<PaymentRow>(
          `INSERT INTO crypto_payments (organization_id, user_id, track_id, expected_amount,
                                      credits_to_add, network, token, pay_link, form_token, expires_at)
         VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, now() + make_interval(mins => $9))
         RETURNING *`,
          [
            result.auth.organizationId,
            result.auth.userId,
            track,
            amount,
            parsed.data.network ?? 'AUTO',
            parsed.data.payCurrency,
            payLink,
            formToken(),
            PAYMENT_TTL_MINUTES,
          ],
        )
        const row = rows[0]
        if (!row) return refused()
        return c.json({
          paymentId: row.id,
          trackId: row.track_id,
          payLink: row.pay_link,
          expiresAt: row.expires_at.toISOString(),
          creditsToAdd: fixed3(row.credits_to_add),
        })
      } catch {
        return refused()
      }
    },
  })
  app.all('/api/crypto/payments', () => methodNotAllowed(['GET', 'POST', 'OPTIONS']))

  routes.route({
    method: 'get',
    path: '/api/crypto/payments/{id}',
    auth: 'key',
    summary: 'One crypto payment, refreshed from the provider',
    note: 'docs/cloud/billing.md §8',
    params: z.object({ id: z.string() }),
    responses: {
      200: {
        description: 'The payment plus confirmed',
        schema: paymentObject.extend({ confirmed: z.boolean() }),
      },
      400: { description: '{"error":"Invalid payment ID"}', schema: bare },
      403: { description: '{"error":"Unauthorized"}', schema: bare },
      404: { description: '{"error":"Payment not found"}', schema: bare },
      429: { description: 'Rate limited (E10)' },
      500: {
        description: '{"error":"Failed to get payment status"} (auth included)',
        schema: bare,
      },
    },
    use: [rateLimit(ctx.limiter, PRESETS.STANDARD)],
    handler: async (c) => {
      try {
        const result = await authenticate(c.req.raw, db, ctx.balanceCache)
        if (!result.ok) return bareError(500, 'Failed to get payment status')
        const id = c.req.param('id') ?? ''
        if (!UUID.test(id)) return bareError(400, 'Invalid payment ID')
        let row = await findPayment('id', id)
        if (!row) return bareError(404, 'Payment not found')
        if (row.organization_id !== result.auth.organizationId)
          return bareError(403, 'Unauthorized')
        // "Asks the provider for the latest status": an unpaid invoice past its lifetime expires.
        if (row.status === 'pending' && row.expires_at <= new Date()) {
          await db.query(`UPDATE crypto_payments SET status = 'expired' WHERE id = $1`, [row.id])
          row = { ...row, status: 'expired' }
        }
        return c.json({ ...paymentJson(row), confirmed: row.status === 'confirmed' })
      } catch {
        return bareError(500, 'Failed to get payment status')
      }
    },
  })
  app.all('/api/crypto/payments/:id', () => methodNotAllowed(['GET', 'OPTIONS']))

  // ─── The simulated OxaPay page (not under /api/: the browser opens the payLink) ──────────

  app.get('/crypto/pay/:trackId', async (c) => {
    const row = await findPayment('track_id', c.req.param('trackId'))
    if (!row) return payPage(404, 'Not found', '<p>There is no such payment.</p>')
    if (row.status !== 'pending' || row.expires_at <= new Date()) {
      const state =
        row.status === 'confirmed' ? 'This payment was received.' : 'This invoice has expired.'
      return payPage(200, 'Crypto payment', `<p>${state}</p>`)
    }
    const amount = fixed3(row.expected_amount)
    return payPage(
      200,
      `Pay ${amount} USD in ${row.token}`,
      `<div class="amount">${escapeHtml(amount)} USD</div>
      <dl>
        <dt>Token</dt><dd>${escapeHtml(row.token)}</dd>
        <dt>Network</dt><dd>${escapeHtml(row.network)}</dd>
        <dt>Track id</dt><dd>${escapeHtml(row.track_id)}</dd>
        <dt>Expires</dt><dd>${escapeHtml(row.expires_at.toISOString())}</dd>
      </dl>
      <form method="post" action="/crypto/pay/${escapeHtml(row.track_id)}">
        <input type="hidden" name="token" value="${escapeHtml(row.form_token)}">
        <div class="actions">
          <button class="primary" type="submit">Send ${escapeHtml(amount)} ${escapeHtml(row.token)} (simulated)</button>
        </div>
      </form>
      <p class="note">No chain is involved: the button confirms the payment and credits the balance.</p>`,
    )
  })

  app.post('/crypto/pay/:trackId', async (c) => {
    const row = await findPayment('track_id', c.req.param('trackId'))
    if (!row) return payPage(404, 'Not found', '<p>There is no such payment.</p>')
    const form = await c.req.parseBody()
    const origin = c.req.header('origin')
    const token = typeof form.token === 'string' ? form.token : ''
    if ((origin && origin !== new URL(c.req.url).origin) || !sameSecret(token, row.form_token)) {
      return payPage(403, 'Request refused', '<p>This form could not be verified.</p>')
    }
    const confirmed = await confirmPayment(row)
    return confirmed
      ? payPage(
          200,
          'Payment received',
          `<p>${escapeHtml(fixed3(row.expected_amount))} USD was added to the balance.</p>`,
        )
      : payPage(410, 'Crypto payment', '<p>This invoice is no longer payable.</p>')
  })

  async function findPayment(column: 'id' | 'track_id', value: string) {
    const { rows } = await db.query<PaymentRow>(
      `SELECT * FROM crypto_payments WHERE ${column} = $1`,
      [value],
    )
    return rows[0]
  }

  async function uniqueTrackId(): Promise<string> {
    for (;;) {
      const candidate = trackId()
      if (!(await findPayment('track_id', candidate))) return candidate
    }
  }

  /** What the cloud's confirmPayment does, in one transaction (crypto-payments service). */
  async function confirmPayment(row: PaymentRow): Promise<boolean> {
    const hash = transactionHash()
    return db.transaction(async (tx) => {
      const updated = await tx.query(
        `UPDATE crypto_payments
            SET status = 'confirmed', transaction_hash = $2, received_amount = expected_amount,
                confirmed_at = now()
          WHERE id = $1 AND status = 'pending' AND expires_at > now()
          RETURNING id`,
        [row.id, hash],
      )
      if (updated.rows.length === 0) return false
      const amount = Number(row.expected_amount)
      await creditWithin(tx, {
        organizationId: row.organization_id,
        userId: row.user_id,
        amount,
        description: `Crypto payment (${row.token} on ${row.network})`,
        metadata: {
          crypto_payment_id: row.id,
          transaction_hash: hash,
          network: row.network,
          token: row.token,
          oxapay_track_id: row.track_id,
        },
      })
      await insertInvoice(tx, {
        organizationId: row.organization_id,
        userId: row.user_id,
        stripeInvoiceId: `crypto_${row.id}`,
        stripeCustomerId: `crypto_${row.organization_id}`,
        stripePaymentIntentId: hash,
        amount,
        currency: row.token.toLowerCase(),
        invoiceType: 'crypto_payment',
        creditsAdded: amount,
        metadata: {
          payment_method: 'crypto',
          provider: 'oxapay',
          network: row.network,
          token: row.token,
        },
      })
      return true
    })
  }

  return routes
}

const payPage = (status: number, title: string, body: string) =>
  htmlPage({ status, title, body: `${SANDBOX_BADGE}<h1>${escapeHtml(title)}</h1>${body}` })
