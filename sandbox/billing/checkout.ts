// Stripe checkout (docs/cloud/billing.md §4–§6). The cloud sends the browser to checkout.stripe.com and a
// webhook adds the credits; the sandbox serves its own checkout page instead (named extension
// "Stripe checkout → local checkout page", README.md "Sandbox policy") whose Pay button does what
// the webhook does. In strict mode no session can be created: a valid request gets the 500 the
// cloud answers when Stripe is not configured.
import type { Context } from 'hono'
import { z } from 'zod'
import { authenticate } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { apiError, bareError, flagError, methodNotAllowed } from '../core/errors.ts'
import { creditWithin } from '../core/ledger.ts'
import { FamilyRoutes } from '../core/route.ts'
import { PRESETS, rateLimit } from '../core/rate-limit.ts'
import { escapeHtml, htmlPage, originOf, SANDBOX_BADGE, usd } from './html.ts'
import { checkoutSessionId, formToken, paymentIntentId, sameSecret } from './ids.ts'
import { insertInvoice } from './invoices.ts'
import { customerFor, saveSimulatedCard } from './payment-methods.ts'
import { isAllowedRedirect, withSessionId } from './redirects.ts'

/** The cloud's CheckoutSchema: USD 1–1000 and two URLs (docs/cloud/billing.md §4). */
export const checkoutBody = z.object({
  credits: z.number().min(1).max(1000),
  success_url: z.string().url(),
  cancel_url: z.string().url(),
})

// Stripe keeps an unpaid session open for 24 hours.
const SESSION_TTL_HOURS = 24

const sessionParams = z.object({ sessionId: z.string() })

const internalError = () => apiError(500, 'An unexpected error occurred', 'internal_error')

interface SessionRow {
  id: string
  organization_id: string
  user_id: string | null
  credits: string
  success_url: string
  cancel_url: string
  status: 'open' | 'complete' | 'expired'
  payment_status: 'unpaid' | 'paid'
  form_token: string
  metadata: { type?: string; customer?: string }
  expires_at: Date
}

const ownOrigin = (c: Context) => new URL(c.req.url).origin

async function readJson(c: Context): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: await c.req.json() }
  } catch {
    return { ok: false }
  }
}

export function checkoutRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('billing')
  const { app } = routes
  const { db } = ctx

  // No rate limit (docs/cloud/billing.md endpoint summary). Auth → E2; malformed JSON → 500 E2.
  routes.route({
    method: 'post',
    path: '/api/v1/credits/checkout',
    auth: 'key',
    summary: 'Create a checkout session for a custom USD amount',
    note: 'docs/cloud/billing.md §4',
    body: checkoutBody,
    responses: {
      200: {
        description: 'The page to open and the session id',
        schema: z.object({ url: z.string(), sessionId: z.string() }),
      },
      400: { description: 'Invalid body (zod tree) or a redirect URL off the allow-list' },
      401: { description: 'Auth failure (E2)' },
      403: { description: 'Account state: inactive user or organization (E2)' },
      500: { description: 'Malformed JSON; strict mode (Stripe not configured) (E2)' },
    },
    extension:
      'Stripe checkout → local checkout page; loopback success/cancel URLs (http://127.0.0.1:*, http://localhost:*)',
    handler: async (c) => {
      const result = await authenticate(c.req.raw, db, ctx.balanceCache)
      if (!result.ok) return apiError(result.status, result.message)
      const json = await readJson(c)
      if (!json.ok) return internalError()
      const parsed = checkoutBody.safeParse(json.value)
      if (!parsed.success) {
        return bareError(400, 'Invalid request', { details: z.formatError(parsed.error) })
      }
      const policy = { ownOrigin: ownOrigin(c), allowLoopback: !ctx.strict }
      if (!isAllowedRedirect(parsed.data.success_url, policy))
        return bareError(400, 'Invalid success_url')
      if (!isAllowedRedirect(parsed.data.cancel_url, policy))
        return bareError(400, 'Invalid cancel_url')
      // Strict: no payment provider, so session creation fails like an unconfigured Stripe.
      if (ctx.strict) return internalError()

      const { organizationId, userId } = result.auth
      // Charged to the cent (docs/cloud/billing.md §4).
      const credits = Math.round(parsed.data.credits * 100) / 100
      const sessionId = checkoutSessionId()
      const metadata = {
        organization_id: organizationId,
        user_id: userId,
        credits: credits.toFixed(2),
        type: 'custom_amount',
        customer: await customerFor(db, organizationId),
      }
      await db.query(
        `INSERT INTO checkout_sessions (id, organization_id, user_id, credits, success_url,
                                      cancel_url, form_token, metadata, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now() + make_interval(hours => $9))`,
        [
          sessionId,
          organizationId,
          userId,
          credits.toFixed(2),
          parsed.data.success_url,
          parsed.data.cancel_url,
          formToken(),
          JSON.stringify(metadata),
          SESSION_TTL_HOURS,
        ],
      )
      return c.json({ url: `${ownOrigin(c)}/checkout/${sessionId}`, sessionId })
    },
  })
  app.all('/api/v1/credits/checkout', () => methodNotAllowed(['POST', 'OPTIONS']))

  // Reports the session's payment status only; the credits came with the payment (docs/cloud/billing.md §5).
  routes.route({
    method: 'get',
    path: '/api/v1/credits/verify',
    auth: 'key',
    summary: 'Payment status of a checkout session (does not add credits)',
    note: 'docs/cloud/billing.md §5',
    query: z.object({ session_id: z.string() }),
    responses: {
      200: {
        description: 'Paid, unpaid ({success:false,status:"unpaid"}) or not a credit purchase',
      },
      400: { description: 'session_id missing' },
      401: { description: 'Auth failure (E2)' },
      403: { description: 'Another organization’s session; account state (E2)' },
      500: { description: 'Unknown session (E2 internal_error)' },
    },
    handler: async (c) => {
      const result = await authenticate(c.req.raw, db, ctx.balanceCache)
      if (!result.ok) return apiError(result.status, result.message)
      const sessionId = c.req.query('session_id')
      if (!sessionId) return flagError(400, 'session_id is required')
      const session = await findSession(sessionId)
      // Stripe answers "No such checkout.session" → the catch-all 500.
      if (!session) return internalError()
      if (session.organization_id !== result.auth.organizationId) {
        return flagError(403, 'Forbidden')
      }
      if (session.metadata.type !== 'custom_amount' && session.metadata.type !== 'credit_pack') {
        return c.json({ success: false, error: 'Invalid session type' })
      }
      if (session.payment_status !== 'paid') {
        return c.json({ success: false, error: 'Payment not completed', status: 'unpaid' })
      }
      return c.json({
        success: true,
        amount: Number(session.credits),
        message: 'Payment verified successfully',
      })
    },
  })
  app.all('/api/v1/credits/verify', () => methodNotAllowed(['GET', 'OPTIONS']))

  // Public (edge PUBLIC_PREFIXES), RELAXED.
  routes.route({
    method: 'get',
    path: '/api/stripe/credit-packs',
    auth: 'none',
    summary: 'Active credit packs (public)',
    note: 'docs/cloud/billing.md §6',
    responses: {
      200: { description: '{creditPacks:[…]}; credits is a USD string, price_cents an integer' },
      429: { description: 'Rate limited (E10, RELAXED)' },
      500: { description: '{"error":"Failed to fetch credit packs"}' },
    },
    use: [rateLimit(ctx.limiter, PRESETS.RELAXED)],
    handler: async (c) => {
      try {
        const { rows } = await db.query<Record<string, unknown> & { created_at: Date }>(
          `SELECT id, name, description, credits::text AS credits, price_cents, stripe_price_id,
                stripe_product_id, is_active, sort_order, metadata, created_at, updated_at
           FROM credit_packs WHERE is_active ORDER BY sort_order`,
        )
        return c.json({ creditPacks: rows })
      } catch {
        return bareError(500, 'Failed to fetch credit packs')
      }
    },
  })
  app.all('/api/stripe/credit-packs', () => methodNotAllowed(['GET', 'OPTIONS']))

  // ─── The checkout page (not under /api/: the browser opens it directly) ──────────────────

  routes.route({
    method: 'get',
    path: '/checkout/{sessionId}',
    auth: 'none',
    summary: 'The sandbox checkout page (HTML form: Pay / Cancel)',
    params: sessionParams,
    responses: { 200: { description: 'The page', contentType: 'text/html' } },
    extension: 'Stripe checkout → local checkout page',
    handler: async (c) => {
      const session = await findSession(c.req.param('sessionId') ?? '')
      if (!session) return notFound()
      const credits = Number(session.credits)
      if (session.status === 'complete') {
        return messagePage('Payment complete', `This session was paid: ${usd(credits)}.`, {
          href: withSessionId(session.success_url, session.id),
          label: 'Return to the merchant',
        })
      }
      if (session.status === 'expired' || session.expires_at <= new Date()) {
        return messagePage('Checkout closed', 'This checkout session is no longer available.', {
          href: session.cancel_url,
          label: 'Return to the merchant',
        })
      }
      const org = await db.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [
        session.organization_id,
      ])
      const id = escapeHtml(session.id)
      return htmlPage({
        title: `Pay ${usd(credits)} — elizaOS Cloud (sandbox)`,
        formTargets: [...originOf(session.success_url), ...originOf(session.cancel_url)],
        body: `${SANDBOX_BADGE}
        <h1>elizaOS Cloud</h1>
        <div class="amount">${usd(credits)}</div>
        <dl>
          <dt>Item</dt><dd>Account Balance Top-up</dd>
          <dt>Details</dt><dd>Add ${usd(credits)} to your account balance</dd>
          <dt>Account</dt><dd>${escapeHtml(org.rows[0]?.name ?? '')}</dd>
          <dt>Card</dt><dd>Simulated Visa •••• 4242</dd>
        </dl>
        <form method="post" action="/checkout/${id}">
          <input type="hidden" name="token" value="${escapeHtml(session.form_token)}">
          <div class="actions">
            <button type="submit" name="action" value="cancel">Cancel</button>
            <button class="primary" type="submit" name="action" value="pay">Pay ${usd(credits)}</button>
          </div>
        </form>
        <p class="note">Paying adds ${usd(credits)} to the sandbox balance and saves the simulated card
        for auto top-up. Session ${id}</p>`,
      })
    },
  })

  routes.route({
    method: 'post',
    path: '/checkout/{sessionId}',
    auth: 'none',
    summary: 'Submit the checkout form: pay (credits the ledger) or cancel',
    params: sessionParams,
    responses: {
      303: { description: 'To success_url?session_id=… after paying, or to cancel_url' },
      403: { description: 'Bad form token or cross-origin post', contentType: 'text/html' },
    },
    extension: 'Stripe checkout → local checkout page',
    handler: async (c) => {
      const session = await findSession(c.req.param('sessionId') ?? '')
      if (!session) return notFound()
      // CSRF, enough for a local emulator: a same-origin form (when the browser says where it
      // came from) carrying the session's own unguessable token.
      const origin = c.req.header('origin')
      const form = await c.req.parseBody()
      const token = typeof form.token === 'string' ? form.token : ''
      if ((origin && origin !== ownOrigin(c)) || !sameSecret(token, session.form_token)) {
        return messagePage('Request refused', 'This form could not be verified.', undefined, 403)
      }
      const action = form.action
      if (session.status === 'complete')
        return redirect(withSessionId(session.success_url, session.id))
      if (action === 'cancel') {
        await db.query(
          `UPDATE checkout_sessions SET status = 'expired' WHERE id = $1 AND status = 'open'`,
          [session.id],
        )
        return redirect(session.cancel_url)
      }
      if (action !== 'pay') return messagePage('Request refused', 'Unknown action.', undefined, 400)
      const paid = await completeSession(session)
      if (!paid) {
        return messagePage(
          'Checkout closed',
          'This checkout session is no longer available.',
          {
            href: session.cancel_url,
            label: 'Return to the merchant',
          },
          410,
        )
      }
      return redirect(withSessionId(session.success_url, session.id))
    },
  })

  async function findSession(id: string): Promise<SessionRow | undefined> {
    const { rows } = await db.query<SessionRow>('SELECT * FROM checkout_sessions WHERE id = $1', [
      id,
    ])
    return rows[0]
  }

  /**
   * What the cloud's `checkout.session.completed` webhook does, in one transaction: the session
   * is paid, the ledger gets `Balance top-up - $X.XX` with the payment intent, an invoice is
   * written, and the card is saved. False when the session is no longer open.
   */
  async function completeSession(session: SessionRow): Promise<boolean> {
    const intent = paymentIntentId()
    const credits = Number(session.credits)
    return db.transaction(async (tx) => {
      const updated = await tx.query(
        `UPDATE checkout_sessions
            SET status = 'complete', payment_status = 'paid', payment_intent_id = $2,
                completed_at = now()
          WHERE id = $1 AND status = 'open' AND expires_at > now()
          RETURNING id`,
        [session.id, intent],
      )
      if (updated.rows.length === 0) return false
      const customer = session.metadata.customer ?? (await customerFor(tx, session.organization_id))
      await saveSimulatedCard(tx, session.organization_id, customer)
      await creditWithin(tx, {
        organizationId: session.organization_id,
        userId: session.user_id,
        amount: credits,
        description: `Balance top-up - ${usd(credits)}`,
        metadata: { type: 'custom_amount' },
        stripePaymentIntentId: intent,
      })
      // The cloud stores the checkout's invoice id as `cs_` + the session id (docs/cloud/billing.md §11).
      await insertInvoice(tx, {
        organizationId: session.organization_id,
        userId: session.user_id,
        stripeInvoiceId: `cs_${session.id}`,
        stripeCustomerId: customer,
        stripePaymentIntentId: intent,
        amount: credits,
        invoiceType: 'custom_amount',
        creditsAdded: credits,
        metadata: { type: 'custom_amount' },
      })
      return true
    })
  }

  return routes
}

const redirect = (location: string) =>
  new Response(null, { status: 303, headers: { Location: location } })

function messagePage(
  title: string,
  text: string,
  link?: { href: string; label: string },
  status = 200,
): Response {
  const action = link
    ? `<div class="actions"><a class="button" href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></div>`
    : ''
  return htmlPage({
    status,
    title,
    body: `${SANDBOX_BADGE}<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>${action}`,
  })
}

const notFound = () =>
  messagePage('Not found', 'There is no such checkout session.', undefined, 404)
