// Authentication in two layers, as in the cloud (docs/cloud/auth-errors-limits.md §1): the edge gate only
// classifies requests by the shape of their credentials; handlers look keys up in the DB and
// each route family wraps a failure in its own error shape (see routes/*.ts).
import type { MiddlewareHandler } from 'hono'
import type { Db } from './db/client.ts'
import { edgeError, type EdgeFailure } from './errors.ts'
import { hashApiKey } from './keys.ts'

// ─── Edge gate ────────────────────────────────────────────────────────────────────────────

/** Public prefixes (docs/cloud/auth-errors-limits.md §1): the handler does its own auth. */
export const PUBLIC_PREFIXES = [
  '/api/v1/chat',
  '/api/v1/responses',
  '/api/v1/messages',
  '/api/v1/embeddings',
  '/api/v1/models',
  '/api/v1/generate-image',
  '/api/v1/generate-video',
  '/api/v1/discovery',
  '/api/a2a',
  '/api/agents',
  '/api/mcp',
  '/api/mcps',
  '/api/eliza',
  '/api/v1/topup',
  '/api/stripe/credit-packs',
  // "webhooks, cron" in the notes: the cloud's own webhook and cron prefixes.
  '/api/stripe/webhook',
  '/api/privy/webhook',
  '/api/cron',
  '/api/v1/cron',
  '/.well-known',
]

/** The named extension (README.md "Sandbox policy"): key management with an API key. */
export const API_KEYS_PREFIX = '/api/v1/api-keys'

/** Session-only prefixes (docs/cloud/auth-errors-limits.md §1), `/api/v1/api-keys` handled separately. */
const SESSION_ONLY_PREFIXES = [
  '/api/v1/generate-prompts',
  '/api/v1/character-assistant',
  '/api/stripe/create-checkout-session',
  '/api/auth/migrate-anonymous',
  '/api/invites/accept',
  '/api/organizations/invites',
  '/api/organizations/members',
  '/api/signup-code/redeem',
  '/api/my-agents/claim-affiliate-characters',
]
const SESSION_ONLY_PATTERNS = [
  /^\/api\/my-agents\/characters\/[^/]+\/track-interaction\/?$/,
  /^\/api\/crypto\/payments\/[^/]+\/confirm\/?$/,
  /^\/api\/auth\/cli-session\/[^/]+\/complete\/?$/,
]

// The cloud matches `path === prefix || path.startsWith(prefix + '/')`, so `/api/v1/chatty` is not public.
const underPrefix = (path: string, prefix: string) =>
  path === prefix || path.startsWith(`${prefix}/`)

export const isPublicPath = (path: string) => PUBLIC_PREFIXES.some((p) => underPrefix(path, p))

export function isSessionOnlyPath(path: string, strict: boolean): boolean {
  if (underPrefix(path, API_KEYS_PREFIX)) return strict
  return (
    SESSION_ONLY_PREFIXES.some((p) => underPrefix(path, p)) ||
    SESSION_ONLY_PATTERNS.some((re) => re.test(path))
  )
}

function bearerToken(headers: Headers): string | null {
  const header = headers.get('authorization')
  return header?.startsWith('Bearer ') ? header.slice(7) : null
}

function cookie(headers: Headers, name: string): string | null {
  for (const part of (headers.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return null
}

/** Any `X-API-Key` value or a Bearer starting with `eliza_` passes the edge unchecked. */
export function hasApiKeyShapedCredential(headers: Headers): boolean {
  return Boolean(headers.get('x-api-key')) || Boolean(bearerToken(headers)?.startsWith('eliza_'))
}

/**
 * What the edge decides for a non-public `/api/*` request: `null` lets it through.
 * The sandbox has no login sessions, so every session token (Bearer JWT, `ek_…`, cookies)
 * is one the gate cannot verify → "Invalid authentication token".
 */
export function classifyAtEdge(
  path: string,
  headers: Headers,
  strict: boolean,
): EdgeFailure | null {
  if (isPublicPath(path)) return null
  if (hasApiKeyShapedCredential(headers)) {
    return isSessionOnlyPath(path, strict) ? 'session_only' : null
  }
  const token =
    bearerToken(headers) || cookie(headers, 'privy-token') || cookie(headers, 'steward-token')
  return token ? 'invalid_token' : 'no_credentials'
}

export function edgeGate(strict: boolean): MiddlewareHandler {
  return async (c, next) => {
    const startedAt = Date.now()
    const failure = classifyAtEdge(c.req.path, c.req.raw.headers, strict)
    if (failure) return edgeError(failure, startedAt)
    await next()
  }
}

// ─── Handler auth (requireAuthOrApiKey[WithOrg]) ──────────────────────────────────────────

export interface AuthContext {
  apiKeyId: string
  userId: string
  organizationId: string
  organizationName: string
  /** The balance as seen by the cached auth record (docs/cloud/billing.md §1); may lag the DB. */
  cachedBalance: number
}

export type AuthResult =
  { ok: true; auth: AuthContext } | { ok: false; status: 401 | 403; message: string }

const fail = (status: 401 | 403, message: string): AuthResult => ({ ok: false, status, message })

const BALANCE_CACHE_TTL_MS = 10 * 60 * 1000

/**
 * The cloud caches the user+organization record used for API-key auth for ~10 minutes and
 * does not invalidate it on credit changes, so a balance read without `?fresh=true` can lag
 * (docs/cloud/billing.md §1). We keep that one observable effect: a per-key snapshot of the balance.
 */
export class BalanceCache {
  private readonly entries = new Map<string, { balance: number; expiresAt: number }>()
  constructor(private readonly now: () => number = Date.now) {}

  read(apiKeyId: string, currentBalance: number): number {
    const entry = this.entries.get(apiKeyId)
    if (entry && entry.expiresAt > this.now()) return entry.balance
    this.entries.set(apiKeyId, {
      balance: currentBalance,
      expiresAt: this.now() + BALANCE_CACHE_TTL_MS,
    })
    return currentBalance
  }

  clear() {
    this.entries.clear()
  }
}

const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/

interface KeyRow {
  id: string
  user_id: string
  key_active: boolean
  expires_at: Date | null
  user_active: boolean
  organization_id: string | null
  organization_name: string | null
  organization_active: boolean | null
  credit_balance: string | null
}

/**
 * Resolves the caller the way `requireAuthOrApiKeyWithOrg` does (docs/cloud/auth-errors-limits.md §1):
 * wallet headers → `X-API-Key` → Bearer → cookies. Returns the cloud's message and status;
 * the route decides how to wrap them.
 */
export async function authenticate(
  req: Request,
  db: Db,
  balanceCache: BalanceCache,
): Promise<AuthResult> {
  const headers = req.headers
  if (
    headers.get('x-wallet-address') &&
    headers.get('x-wallet-signature') &&
    headers.get('x-timestamp')
  ) {
    // Wallet auth has no fallback; the sandbox cannot verify signatures.
    return fail(401, 'Invalid wallet signature')
  }
  let key = headers.get('x-api-key')?.trim() || null
  if (!key) {
    // `Authorization: Bearer ` arrives trimmed to `Bearer`, so match the word, not "Bearer ".
    const authorization = headers.get('authorization')
    if (authorization !== null && /^Bearer(?:\s|$)/.test(authorization)) {
      const token = authorization.slice('Bearer'.length).trim()
      if (!token) return fail(401, 'Invalid authorization header')
      // A JWT-looking Bearer is tried as a session first; there are no sessions here.
      if (JWT_SHAPE.test(token)) return fail(401, 'Invalid or expired token')
      key = token
    }
  }
  if (!key) return fail(401, 'Authentication required')

  const { rows } = await db.query<KeyRow>(
    `SELECT k.id, k.user_id, k.is_active AS key_active, k.expires_at,
            u.is_active AS user_active, o.id AS organization_id, o.name AS organization_name,
            o.is_active AS organization_active, o.credit_balance
       FROM api_keys k
       JOIN users u ON u.id = k.user_id
       LEFT JOIN organizations o ON o.id = u.organization_id
      WHERE k.key_hash = $1`,
    [hashApiKey(key)],
  )
  const row = rows[0]
  if (!row || !row.key_active || (row.expires_at && row.expires_at.getTime() <= Date.now())) {
    return fail(401, 'Invalid or expired API key')
  }
  if (!row.user_active) return fail(403, 'User account is inactive')
  if (!row.organization_id || row.organization_name === null || row.credit_balance === null) {
    return fail(403, 'This feature requires a full account. Please sign up to continue.')
  }
  if (!row.organization_active) return fail(403, 'Organization is inactive')

  await db.query(
    'UPDATE api_keys SET usage_count = usage_count + 1, last_used_at = now() WHERE id = $1',
    [row.id],
  )
  return {
    ok: true,
    auth: {
      apiKeyId: row.id,
      userId: row.user_id,
      organizationId: row.organization_id,
      organizationName: row.organization_name,
      cachedBalance: balanceCache.read(row.id, Number(row.credit_balance)),
    },
  }
}
