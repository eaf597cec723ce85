// x402 (docs/cloud/billing.md §9): the paid top-ups `POST /api/v1/topup/10|50|100` and the facilitator
// `/api/v1/x402`, `/verify`, `/settle`, on the sandbox's simulated payments (x402.ts) — named
// extension "x402 payments → simulated settlement" (README.md "Sandbox policy"). In strict mode
// no sandbox signature is a valid payment and the facilitator is not configured.
import type { Context } from 'hono'
import { z } from 'zod'
import type { SandboxContext } from '../core/context.ts'
import type { Queryable } from '../core/db/client.ts'
import { authenticate } from '../core/auth.ts'
import { bareError, methodNotAllowed, notFoundPage } from '../core/errors.ts'
import { creditWithin } from '../core/ledger.ts'
import { FamilyRoutes, type RouteDeclaration } from '../core/route.ts'
import { PRESETS, rateLimit } from '../core/rate-limit.ts'
import { escapeHtml, htmlPage, SANDBOX_BADGE } from './html.ts'
import { createHash } from 'node:crypto'
import { transactionHash } from './ids.ts'
import {
  type Authorization,
  createSandboxPayment,
  decodePaymentHeader,
  isEvmAddress,
  NONCE_USED,
  parseAuthorization,
  SANDBOX_FACILITATOR_SIGNER,
  SANDBOX_PAY_TO,
  usdcBaseUnits,
  USDC_BY_NETWORK,
  type Verdict,
  verifyAuthorization,
} from './x402.ts'

/** The top-up network (X402_NETWORK; `base-sepolia` unless configured, docs/cloud/billing.md §9). */
export const TOPUP_NETWORK = 'base-sepolia'
export const TOPUP_AMOUNTS = [10, 50, 100] as const

/** Networks the sandbox facilitator supports (CAIP-2). */
const FACILITATOR_NETWORKS = ['eip155:84532', 'eip155:8453'] as const

const requirementsSchema = z.object({
  scheme: z.string(),
  network: z.string(),
  asset: z.string(),
  amount: z.string(),
  payTo: z.string(),
  maxTimeoutSeconds: z.number().optional(),
  extra: z.record(z.string(), z.unknown()).optional(),
})
export const facilitatorBody = z.object({
  paymentPayload: z.object({
    x402Version: z.number(),
    accepted: requirementsSchema.pick({
      scheme: true,
      network: true,
      asset: true,
      amount: true,
      payTo: true,
    }),
    payload: z.object({
      signature: z.string(),
      authorization: z.object({
        from: z.string(),
        to: z.string(),
        value: z.string(),
        validAfter: z.string(),
        validBefore: z.string(),
        nonce: z.string(),
      }),
    }),
  }),
  paymentRequirements: requirementsSchema,
})
const topupBody = z.object({
  walletAddress: z.string().optional(),
  ref: z.string().optional(),
  referral_code: z.string().optional(),
  appOwnerId: z.string().optional(),
})

const EXTENSION = 'x402 payments → simulated settlement (sandbox-signed X-PAYMENT)'

/** The sandbox test wallet's body: which top-up to sign a payment for. */
export const sandboxWalletBody = z.object({
  amount: z.union([z.literal(10), z.literal(50), z.literal(100)]),
})
const sandboxWalletResult = z.object({
  walletAddress: z.string(),
  payment: z.string(),
  amount: z.number(),
  network: z.string(),
})
const topupResult = z.object({
  success: z.literal(true),
  amount: z.number(),
  walletAddress: z.string(),
  organizationId: z.string(),
  message: z.string(),
})

function topupRequirements(c: Context, amount: number) {
  return {
    scheme: 'exact',
    network: TOPUP_NETWORK,
    maxAmountRequired: usdcBaseUnits(amount),
    resource: `${new URL(c.req.url).origin}/api/v1/topup/${amount}`,
    description: `Topup $${amount} credits for Eliza Cloud`,
    mimeType: 'application/json',
    payTo: SANDBOX_PAY_TO,
    maxTimeoutSeconds: 300,
    asset: USDC_BY_NETWORK[TOPUP_NETWORK] ?? '',
    extra: { name: 'USDC', version: '2' },
  }
}

async function readJson(c: Context): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: await c.req.json() }
  } catch {
    return { ok: false }
  }
}

const isNonceConflict = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505'

/** Consumes the authorization's nonce; false when it was already used. */
async function useNonce(
  tx: Queryable,
  a: Authorization,
  network: string,
  usedBy: string,
  hash: string,
): Promise<boolean> {
  const { rows } = await tx.query(
    `INSERT INTO x402_nonces (nonce, payer, network, value, used_by, transaction_hash)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (nonce) DO NOTHING RETURNING nonce`,
    [a.nonce.toLowerCase(), a.from.toLowerCase(), network, a.value, usedBy, hash],
  )
  return rows.length > 0
}

async function nonceUsed(q: Queryable, nonce: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM x402_nonces WHERE nonce = $1', [
    nonce.toLowerCase(),
  ])
  return rows.length > 0
}

/**
 * The organization a wallet tops up: the mapped one, or a new organization and user with no
 * signup grant (the cloud's findOrCreateUserByWalletAddress with grantInitialCredits: false).
 */
async function walletOrganization(tx: Queryable, wallet: string): Promise<string> {
  const address = wallet.toLowerCase()
  const found = await tx.query<{ organization_id: string }>(
    'SELECT organization_id FROM x402_wallets WHERE wallet_address = $1',
    [address],
  )
  if (found.rows[0]) return found.rows[0].organization_id
  const short = `${address.slice(0, 6)}…${address.slice(-4)}`
  const org = await tx.query<{ id: string }>(
    `INSERT INTO organizations (name, slug, credit_balance) VALUES ($1, $2, 0) RETURNING id`,
    [`Wallet ${short}`, `wallet-${address}`],
  )
  const organizationId = org.rows[0]?.id
  if (!organizationId) throw new Error('organization insert returned no row')
  const user = await tx.query<{ id: string }>(
    `INSERT INTO users (organization_id, email, name) VALUES ($1, $2, $3) RETURNING id`,
    [organizationId, `${address}@wallet.sandbox.invalid`, `Wallet ${short}`],
  )
  await tx.query(
    'INSERT INTO x402_wallets (wallet_address, organization_id, user_id) VALUES ($1, $2, $3)',
    [address, organizationId, user.rows[0]?.id ?? null],
  )
  return organizationId
}

export function x402Routes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('billing')
  const { app } = routes
  const { db } = ctx

  // Public at the edge; no rate limit. The x402 middleware answers before the handler. One
  // declaration per amount, written out so that each path can be found (docs/sandbox.md).
  const topup = (
    amount: (typeof TOPUP_AMOUNTS)[number],
  ): Omit<RouteDeclaration, 'method' | 'path'> => ({
    auth: 'payment',
    summary: `Top up $${amount}, paid with X-PAYMENT (x402)`,
    note: 'docs/cloud/billing.md §9',
    body: topupBody,
    responses: {
      200: {
        description: 'Topped up; X-PAYMENT-RESPONSE carries the settlement',
        schema: topupResult,
      },
      400: { description: 'walletAddress missing or not an EVM address' },
      401: { description: 'Wallet signature headers (cannot be verified in the sandbox)' },
      402: { description: 'x402 requirements: payment missing, invalid or already used' },
    },
    extension: EXTENSION,
    handler: async (c) => {
      const requirements = topupRequirements(c, amount)
      const paymentRequired = (error: string, payer?: string) =>
        c.json({ x402Version: 1, error, accepts: [requirements], ...(payer ? { payer } : {}) }, 402)
      const header = c.req.header('x-payment')
      if (!header) {
        const accept = c.req.header('accept') ?? ''
        const agent = c.req.header('user-agent') ?? ''
        if (accept.includes('text/html') && agent.includes('Mozilla')) return paywall(amount)
        return paymentRequired('X-PAYMENT header is required')
      }
      const payment = decodePaymentHeader(header)
      if (!payment) return paymentRequired('Invalid or malformed payment header')
      if (payment.scheme !== 'exact' || payment.network !== TOPUP_NETWORK) {
        return paymentRequired('Unable to find matching payment requirements')
      }
      const verdict: Verdict = ctx.strict
        ? // No real facilitator would accept a sandbox signature.
          {
            isValid: false,
            invalidReason: 'invalid_exact_evm_payload_signature',
            payer: payment.authorization.from,
          }
        : verifyAuthorization(payment.signature, payment.authorization, {
            network: TOPUP_NETWORK,
            asset: requirements.asset,
            payTo: requirements.payTo,
            amount: requirements.maxAmountRequired,
          })
      if (!verdict.isValid) return paymentRequired(verdict.invalidReason, verdict.payer)
      if (await nonceUsed(db, payment.authorization.nonce)) {
        return paymentRequired(NONCE_USED, verdict.payer)
      }

      // The handler (topup-handler.ts): recipient from the body or wallet-signature headers.
      const json = await readJson(c)
      const parsedBody = topupBody.safeParse(json.ok ? json.value : {})
      const body = parsedBody.success ? parsedBody.data : {}
      const wallet = body.walletAddress?.trim()
      const walletHeaders =
        c.req.header('x-wallet-address') &&
        c.req.header('x-timestamp') &&
        c.req.header('x-wallet-signature')
      if (!wallet && !c.req.header('x-wallet-signature')) {
        return c.json(
          { error: 'walletAddress is required (body or wallet signature headers)' },
          400,
        )
      }
      if (body.walletAddress && !isEvmAddress(body.walletAddress)) {
        return c.json({ error: 'Valid EVM walletAddress is required' }, 400)
      }
      // Wallet signature headers win over the body; the sandbox cannot verify EIP-191 signatures.
      if (walletHeaders) return c.json({ error: 'Invalid wallet signature' }, 401)
      if (!wallet) {
        return c.json(
          { error: 'walletAddress is required (body or wallet signature headers)' },
          400,
        )
      }

      const hash = transactionHash()
      let organizationId: string
      try {
        organizationId = await db.transaction(async (tx) => {
          // Settlement and credit together: a nonce pays exactly once.
          if (
            !(await useNonce(
              tx,
              payment.authorization,
              TOPUP_NETWORK,
              `/api/v1/topup/${amount}`,
              hash,
            ))
          ) {
            throw Object.assign(new Error(NONCE_USED), { code: '23505' })
          }
          const orgId = await walletOrganization(tx, wallet)
          await creditWithin(tx, {
            organizationId: orgId,
            amount,
            description: `x402 top-up - $${amount.toFixed(2)}`,
            metadata: {
              type: 'x402_topup',
              wallet_address: wallet,
              payer: payment.authorization.from,
              network: TOPUP_NETWORK,
              transaction: hash,
            },
          })
          return orgId
        })
      } catch (error) {
        if (isNonceConflict(error)) return paymentRequired(NONCE_USED, verdict.payer)
        throw error
      }
      const settlement = {
        success: true,
        transaction: hash,
        network: TOPUP_NETWORK,
        payer: payment.authorization.from,
      }
      return c.json(
        {
          success: true,
          amount,
          walletAddress: wallet,
          organizationId,
          message: `Successfully topped up $${amount}`,
        },
        200,
        {
          'X-PAYMENT-RESPONSE': Buffer.from(JSON.stringify(settlement)).toString('base64'),
          'Access-Control-Expose-Headers': 'X-PAYMENT-RESPONSE',
        },
      )
    },
  })
  routes.route({ method: 'post', path: '/api/v1/topup/10', ...topup(10) })
  routes.route({ method: 'post', path: '/api/v1/topup/50', ...topup(50) })
  routes.route({ method: 'post', path: '/api/v1/topup/100', ...topup(100) })
  for (const amount of TOPUP_AMOUNTS) {
    app.all(`/api/v1/topup/${amount}`, () => methodNotAllowed(['POST', 'OPTIONS']))
  }

  // ─── The sandbox test wallet (no cloud counterpart) ───────────────────────────────────────
  // A stand-in for the browser wallet that signs an x402 payment: it signs a top-up payment from
  // the wallet mapped to the caller's organization (mapping one if there is none), so a console
  // can run the real 402 → X-PAYMENT → 200 flow and see its own balance grow. Strict mode has no
  // such route, as the cloud has none.
  routes.route({
    method: 'post',
    path: '/api/v1/x402/sandbox-wallet',
    auth: 'key',
    summary: "Sandbox test wallet: signs a top-up payment from the caller organization's wallet",
    note: 'docs/cloud/billing.md §9 (sandbox only; the cloud has no such route: a real wallet signs)',
    body: sandboxWalletBody,
    responses: {
      200: {
        description: '{walletAddress, payment (the X-PAYMENT value), amount, network}',
        schema: sandboxWalletResult,
      },
      400: { description: '{"error":"amount must be 10, 50 or 100"}' },
      401: { description: 'No valid API key' },
      404: {
        description: 'Strict mode (as on the cloud): no such route, the HTML not-found page',
        contentType: 'text/html',
      },
    },
    extension: EXTENSION,
    handler: async (c) => {
      if (ctx.strict) return notFoundPage()
      const result = await authenticate(c.req.raw, db, ctx.balanceCache)
      if (!result.ok) return bareError(result.status, result.message)
      const json = await readJson(c)
      const parsed = sandboxWalletBody.safeParse(json.ok ? json.value : null)
      if (!parsed.success) return bareError(400, 'amount must be 10, 50 or 100')
      const { organizationId, userId } = result.auth
      const walletAddress = await db.transaction(async (tx) => {
        const found = await tx.query<{ wallet_address: string }>(
          'SELECT wallet_address FROM x402_wallets WHERE organization_id = $1 ORDER BY created_at LIMIT 1',
          [organizationId],
        )
        if (found.rows[0]) return found.rows[0].wallet_address
        const address = `0x${createHash('sha256').update(`sandbox-wallet:${organizationId}`).digest('hex').slice(0, 40)}`
        await tx.query(
          `INSERT INTO x402_wallets (wallet_address, organization_id, user_id) VALUES ($1, $2, $3)
         ON CONFLICT (wallet_address) DO NOTHING`,
          [address, organizationId, userId],
        )
        return address
      })
      const payment = createSandboxPayment({ from: walletAddress, usd: parsed.data.amount })
      return c.json({ walletAddress, payment, amount: parsed.data.amount, network: TOPUP_NETWORK })
    },
  })
  app.all('/api/v1/x402/sandbox-wallet', () => methodNotAllowed(['POST', 'OPTIONS']))

  // ─── Facilitator (protocol version 2 shapes) ─────────────────────────────────────────────

  routes.route({
    method: 'get',
    path: '/api/v1/x402',
    auth: 'credential',
    summary: 'Facilitator discovery: supported kinds and signers',
    note: 'docs/cloud/billing.md §9',
    responses: {
      200: { description: '{success, kinds, signers, version}' },
      503: { description: 'Not configured (strict mode)' },
    },
    extension: EXTENSION,
    handler: (c) => {
      if (ctx.strict) {
        return c.json(
          {
            success: false,
            error: 'x402 facilitator is not configured',
            code: 'FACILITATOR_NOT_CONFIGURED',
          },
          503,
        )
      }
      return c.json({
        success: true,
        kinds: FACILITATOR_NETWORKS.map((network) => ({
          x402Version: 2,
          scheme: 'exact',
          network,
        })),
        signers: {
          ...Object.fromEntries(FACILITATOR_NETWORKS.map((n) => [n, [SANDBOX_FACILITATOR_SIGNER]])),
          'eip155:*': [SANDBOX_FACILITATOR_SIGNER],
        },
        version: '1.0.0',
      })
    },
  })
  app.all('/api/v1/x402', () => methodNotAllowed(['GET', 'OPTIONS']))

  /** The shared checks of /verify and /settle on a parsed JSON body. */
  function facilitatorVerdict(
    value: unknown,
  ): Verdict & { network?: string; authorization?: Authorization } {
    const parsed = facilitatorBody.safeParse(value)
    if (!parsed.success) return { isValid: false, invalidReason: 'invalid_payload' }
    const { paymentPayload, paymentRequirements: req } = parsed.data
    const authorization = parseAuthorization(paymentPayload.payload.authorization)
    if (!authorization) return { isValid: false, invalidReason: 'invalid_payload' }
    if (paymentPayload.x402Version !== 2) {
      return { isValid: false, invalidReason: 'invalid_x402_version', payer: authorization.from }
    }
    if (req.scheme !== 'exact' || paymentPayload.accepted.scheme !== 'exact') {
      return { isValid: false, invalidReason: 'unsupported_scheme', payer: authorization.from }
    }
    const network = req.network
    if (
      !(FACILITATOR_NETWORKS as readonly string[]).includes(network) ||
      paymentPayload.accepted.network !== network
    ) {
      return { isValid: false, invalidReason: 'invalid_network', payer: authorization.from }
    }
    const accepted = paymentPayload.accepted
    if (
      accepted.asset.toLowerCase() !== req.asset.toLowerCase() ||
      accepted.payTo.toLowerCase() !== req.payTo.toLowerCase() ||
      accepted.amount !== req.amount
    ) {
      return {
        isValid: false,
        invalidReason: 'payment_requirements_mismatch',
        payer: authorization.from,
      }
    }
    const verdict = verifyAuthorization(paymentPayload.payload.signature, authorization, {
      network,
      asset: req.asset,
      payTo: req.payTo,
      amount: req.amount,
    })
    return { ...verdict, network, authorization }
  }

  const notConfigured = 'internal_error: x402 facilitator is not configured'

  routes.route({
    method: 'post',
    path: '/api/v1/x402/verify',
    auth: 'credential',
    summary: 'Verify an exact-scheme payment',
    note: 'docs/cloud/billing.md §9',
    body: facilitatorBody,
    responses: {
      200: { description: '{isValid:true, payer}' },
      400: { description: '{isValid:false, invalidReason}' },
      429: { description: 'Rate limited (E10, STRICT)' },
      500: { description: 'Internal error (strict mode: not configured)' },
    },
    extension: EXTENSION,
    use: [rateLimit(ctx.limiter, PRESETS.STRICT)],
    handler: async (c) => {
      if (ctx.strict) return c.json({ isValid: false, invalidReason: notConfigured }, 500)
      const json = await readJson(c)
      if (!json.ok) return c.json({ isValid: false, invalidReason: 'invalid_json_body' }, 400)
      const verdict = facilitatorVerdict(json.value)
      if (!verdict.isValid) {
        return c.json(
          {
            isValid: false,
            invalidReason: verdict.invalidReason,
            ...(verdict.payer ? { payer: verdict.payer } : {}),
          },
          400,
        )
      }
      if (verdict.authorization && (await nonceUsed(db, verdict.authorization.nonce))) {
        return c.json({ isValid: false, invalidReason: NONCE_USED, payer: verdict.payer }, 400)
      }
      return c.json({ isValid: true, payer: verdict.payer })
    },
  })
  app.all('/api/v1/x402/verify', () => methodNotAllowed(['POST', 'OPTIONS']))

  routes.route({
    method: 'post',
    path: '/api/v1/x402/settle',
    auth: 'credential',
    summary: 'Settle an exact-scheme payment',
    note: 'docs/cloud/billing.md §9',
    body: facilitatorBody,
    responses: {
      200: { description: '{success:true, transaction, network, payer}' },
      400: { description: '{success:false, transaction:"", network:"", errorReason}' },
      429: { description: 'Rate limited (E10, STRICT)' },
      500: { description: 'Internal error (strict mode: not configured)' },
    },
    extension: EXTENSION,
    use: [rateLimit(ctx.limiter, PRESETS.STRICT)],
    handler: async (c) => {
      const failed = (status: 400 | 500, errorReason: string) =>
        c.json({ success: false, transaction: '', network: '', errorReason }, status)
      if (ctx.strict) return failed(500, notConfigured)
      const json = await readJson(c)
      if (!json.ok) return failed(400, 'invalid_json_body')
      const verdict = facilitatorVerdict(json.value)
      if (!verdict.isValid) return failed(400, verdict.invalidReason)
      const { authorization, network } = verdict
      if (!authorization || !network) return failed(400, 'invalid_payload')
      const hash = transactionHash()
      // Settling only moves (simulated) USDC between third parties: no ledger row.
      const settled = await useNonce(db, authorization, network, '/api/v1/x402/settle', hash)
      if (!settled) return failed(400, NONCE_USED)
      return c.json({ success: true, transaction: hash, network, payer: verdict.payer })
    },
  })
  app.all('/api/v1/x402/settle', () => methodNotAllowed(['POST', 'OPTIONS']))

  return routes
}

/** What a browser gets without X-PAYMENT (the library's HTML paywall), minus the wallet script. */
function paywall(amount: number): Response {
  const res = htmlPage({
    status: 402,
    title: 'Payment Required',
    body: `${SANDBOX_BADGE}<h1>Payment required</h1>
      <div class="amount">$${amount}.00 USDC</div>
      <p>Topup $${amount} credits for Eliza Cloud, on ${escapeHtml(TOPUP_NETWORK)}.</p>
      <p class="note">Send the request again with an X-PAYMENT header (a sandbox-signed payment).</p>`,
  })
  return res
}
