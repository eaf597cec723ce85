// API-key permissions and per-key rate limits (docs/cloud/api-keys.md, "Permissions"). The cloud stores both
// and enforces neither; the sandbox enforces them as a named extension (docs/cloud/README.md,
// "Sandbox policy"), and strict mode (`ctx.strict`) switches the whole gate off.
//
// Runs after the edge gate on every /api/* request. It only acts on a request whose key is
// valid (active, not expired): everything else goes on to the handler, which answers the auth
// failure in its own family's shape. Rules:
// - A path family needs one of the product description's permissions (RULES below); billing,
//   credits, models, discovery, containers, MCP and key management need none.
// - A key whose `permissions` name none of those eight (e.g. `[]`, the cloud's own "full access"
//   keys, or the cloud's app keys `["apps.access","generation.all"]`) may use everything, so keys
//   made without permissions keep working. Otherwise the key needs the family's exact name.
// - A denied request gets 403 in the family's own error shape (docs/cloud/auth-errors-limits.md §2).
// - `rate_limit` (requests per minute, default 1000) is checked first, on every request the key
//   makes; excess → 429 E10 with X-RateLimit-* and Retry-After.
import type { Context, MiddlewareHandler } from 'hono'
import { PERMISSIONS, type Permission } from '../api-keys/schemas.ts'
import type { SandboxContext } from './context.ts'
import type { Queryable } from './db/client.ts'
import {
  anthropicError,
  apiError,
  bareError,
  compatError,
  flagError,
  jsonRpcError,
  rateLimitError,
} from './errors.ts'
import { hashApiKey } from './keys.ts'

/** Error shapes a 403 can take, by family (docs/cloud/auth-errors-limits.md E2–E8). */
type Shape = 'openai' | 'anthropic' | 'bare' | 'api' | 'flag' | 'compat' | 'jsonrpc'

interface Rule {
  /** A path prefix (matches itself and everything below it) or a pattern. */
  match: string | RegExp
  /** null: explicitly open (no permission needed). */
  permission: Permission | null
  shape: Shape
  /** GETs that are public documents (agent cards, the A2A service description) stay open. */
  exceptGet?: boolean
}

// First match wins, so more specific prefixes come first.
const RULES: readonly Rule[] = [
  // Generated files stand in for the cloud's public blob URLs: readable without any permission.
  { match: /^\/api\/v1\/generate-(image|video)\/files\//, permission: null, shape: 'bare' },
  { match: '/api/v1/chat/completions', permission: 'chat', shape: 'openai' },
  { match: '/api/v1/chat', permission: 'chat', shape: 'bare' }, // docs/cloud/chat.md: bare {"error"}
  { match: '/api/v1/responses', permission: 'chat', shape: 'openai' },
  { match: '/api/v1/messages', permission: 'chat', shape: 'anthropic' }, // E4
  { match: '/api/eliza', permission: 'chat', shape: 'bare' }, // rooms chat
  { match: '/api/v1/embeddings', permission: 'embeddings', shape: 'openai' },
  { match: '/api/v1/generate-image', permission: 'images', shape: 'bare' }, // docs/cloud/media.md: E5
  { match: '/api/v1/generate-video', permission: 'video', shape: 'bare' },
  { match: '/api/v1/voice', permission: 'voice', shape: 'bare' },
  { match: '/api/elevenlabs', permission: 'voice', shape: 'bare' }, // voice legacy aliases
  { match: '/api/v1/knowledge', permission: 'knowledge', shape: 'bare' },
  // docs/cloud/agents.md: the list answers E2, the per-character routes and quick create E6.
  { match: /^\/api\/my-agents\/characters\/?$/, permission: 'agents', shape: 'api' },
  { match: '/api/my-agents', permission: 'agents', shape: 'flag' },
  { match: '/api/v1/app/agents', permission: 'agents', shape: 'flag' },
  { match: '/api/v1/milady/agents', permission: 'agents', shape: 'api' },
  { match: '/api/v1/agents', permission: 'agents', shape: 'api' },
  { match: '/api/compat', permission: 'agents', shape: 'compat' }, // E8
  { match: '/api/a2a', permission: 'agents', shape: 'jsonrpc', exceptGet: true }, // E7
  {
    match: /^\/api\/agents\/[^/]+\/(a2a|mcp)\/?$/,
    permission: 'agents',
    shape: 'jsonrpc',
    exceptGet: true,
  },
  { match: '/api/v1/apps', permission: 'apps', shape: 'bare' },
  { match: '/api/apps', permission: 'apps', shape: 'bare' },
]

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`)

/** The permission a request needs, and the shape its 403 takes; null = none needed. */
export function requiredPermission(
  method: string,
  path: string,
): { permission: Permission; shape: Shape } | null {
  const rule = RULES.find((r) =>
    typeof r.match === 'string' ? under(path, r.match) : r.match.test(path),
  )
  if (!rule || rule.permission === null) return null
  if (rule.exceptGet && (method === 'GET' || method === 'HEAD')) return null
  return { permission: rule.permission, shape: rule.shape }
}

export interface KeyGrant {
  apiKeyId: string
  permissions: string[]
  /** Requests per minute. */
  rateLimit: number
}

/** Whether `grant` may use a family that needs `permission` (rules in the header). */
export function allows(grant: Pick<KeyGrant, 'permissions'>, permission: Permission): boolean {
  const known = grant.permissions.filter((p): p is Permission =>
    (PERMISSIONS as readonly string[]).includes(p),
  )
  return known.length === 0 || known.includes(permission)
}

const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/

/** The key `authenticate()` (auth.ts) would try, in its order; null when it would try none. */
function presentedKey(headers: Headers): string | null {
  // Wallet headers switch the handler to wallet auth only, so no key is in play.
  if (
    headers.get('x-wallet-address') &&
    headers.get('x-wallet-signature') &&
    headers.get('x-timestamp')
  ) {
    return null
  }
  const apiKey = headers.get('x-api-key')?.trim()
  if (apiKey) return apiKey
  const authorization = headers.get('authorization')
  if (!authorization || !/^Bearer\s/.test(authorization)) return null
  const token = authorization.slice('Bearer'.length).trim()
  return token && !JWT_SHAPE.test(token) ? token : null
}

// One lookup per request, shared by whoever asks (the gate, or a handler via `keyGrant`).
const grants = new WeakMap<Request, Promise<KeyGrant | null>>()

/**
 * The permissions and rate limit of the valid key a request carries, or null (no key, unknown,
 * inactive or expired key). Cached per request. Does not count as a use of the key:
 * `authenticate()` does that.
 */
export function keyGrant(req: Request, db: Queryable): Promise<KeyGrant | null> {
  let grant = grants.get(req)
  if (!grant) {
    grant = lookup(req, db)
    grants.set(req, grant)
  }
  return grant
}

async function lookup(req: Request, db: Queryable): Promise<KeyGrant | null> {
  const key = presentedKey(req.headers)
  if (!key) return null
  const { rows } = await db.query<{ id: string; permissions: string[]; rate_limit: number }>(
    `SELECT id, permissions, rate_limit FROM api_keys
      WHERE key_hash = $1 AND is_active AND (expires_at IS NULL OR expires_at > now())`,
    [hashApiKey(key)],
  )
  const row = rows[0]
  return row ? { apiKeyId: row.id, permissions: row.permissions, rateLimit: row.rate_limit } : null
}

const denialMessage = (permission: Permission) =>
  `This API key does not have the '${permission}' permission`

/** The id of a JSON-RPC request, read from a copy of the body so the handler can still read it. */
async function jsonRpcId(req: Request): Promise<string | number | null> {
  try {
    const body: unknown = await req.clone().json()
    const id = (body as { id?: unknown } | null)?.id
    return typeof id === 'string' || typeof id === 'number' ? id : null
  } catch {
    return null
  }
}

async function forbidden(c: Context, permission: Permission, shape: Shape): Promise<Response> {
  const message = denialMessage(permission)
  switch (shape) {
    case 'openai':
      // E3 has no permission type of its own; `permission_error` is E4's name for it.
      return Response.json(
        { error: { message, type: 'permission_error', code: 'insufficient_permissions' } },
        { status: 403 },
      )
    case 'anthropic':
      return anthropicError(403, 'permission_error', message)
    case 'bare':
      return bareError(403, message)
    case 'api':
      return apiError(403, message, 'access_denied')
    case 'flag':
      return flagError(403, message)
    case 'compat':
      return compatError(403, message)
    case 'jsonrpc':
      // -32013 is the code /api/a2a answers its other 403 (a suspended account) with (docs/cloud/a2a-discovery.md).
      return jsonRpcError(403, -32013, message, await jsonRpcId(c.req.raw))
  }
}

const MINUTE_MS = 60_000

export function permissionGate(ctx: SandboxContext): MiddlewareHandler {
  return async (c, next) => {
    if (ctx.strict) return next()
    const grant = await keyGrant(c.req.raw, ctx.db)
    if (!grant) return next()

    const decision = ctx.limiter.check(`api-key-rate-limit:${grant.apiKeyId}`, {
      name: 'API_KEY',
      limit: grant.rateLimit,
      windowMs: MINUTE_MS,
    })
    if (!decision.allowed) {
      return rateLimitError(decision.limit, MINUTE_MS, decision.retryAfterSec, {
        'X-RateLimit-Limit': String(decision.limit),
        'X-RateLimit-Remaining': String(decision.remaining),
        'X-RateLimit-Reset': new Date(decision.resetAt).toISOString(),
        'X-RateLimit-Policy': 'in-memory',
      })
    }

    const needed = requiredPermission(c.req.method, c.req.path)
    if (needed && !allows(grant, needed.permission)) {
      return forbidden(c, needed.permission, needed.shape)
    }
    await next()
  }
}
