// API-keys family: docs/cloud/api-keys.md (list, create, update, delete, regenerate,
// explorer). In the cloud every /api/v1/api-keys path is session-only: an API key gets 401
// `session_auth_required` at the edge. The sandbox opens them to API keys as a named extension
// (docs/cloud/README.md, "Sandbox policy"); in strict mode auth.ts's edge gate answers that 401
// and nothing here runs. Bodies, limits and error shapes (E5) are the cloud's.
//
// One deliberate departure: the cloud keeps every secret in plaintext and returns it (and its
// hash) in every list item. The sandbox keeps only the SHA-256, shows a secret once (create,
// regenerate) and leaves `key` out of the list; only the API Explorer key keeps its plaintext,
// because its endpoint is specified to hand the same secret out again.
import type { Context } from 'hono'
import { z } from 'zod'
import { authenticate, type AuthContext } from '../core/auth.ts'
import {
  apiKeyIdParams,
  apiKeyList,
  bareErrorBody,
  createApiKeyBody,
  createdApiKey,
  explorerKey as explorerKeyBody,
  rateLimitBody,
  successBody,
  updateApiKeyBody,
  updatedApiKey,
  validationErrorBody,
} from './schemas.ts'
import {
  type ApiKeyRow,
  createKey,
  deleteKey,
  explorerKey,
  getKey,
  listItem,
  listKeys,
  regenerateKey,
  summary,
  updateKey,
} from './store.ts'
import type { SandboxContext } from '../core/context.ts'
import { bareError, messageOf, methodNotAllowed } from '../core/errors.ts'
import type { Family } from '../core/family.ts'
import { PRESETS, rateLimit } from '../core/rate-limit.ts'
import { FamilyRoutes } from '../core/route.ts'

const FAMILY = 'api-keys'
const EXTENSION = 'Key management with an API key (the cloud: 401 session_auth_required)'
const NOTE = 'docs/cloud/api-keys.md'

/**
 * Runs a handler the way the cloud's try/catch does: auth failures keep their status and
 * message, zod errors become 400 "Validation error" with the issue array, anything else
 * (malformed JSON, a non-UUID id) becomes 500 `failureMessage` (docs/cloud/api-keys.md, errors).
 */
async function guarded(
  ctx: SandboxContext,
  c: Context,
  failureMessage: string,
  handler: (auth: AuthContext) => Promise<Response>,
): Promise<Response> {
  try {
    const result = await authenticate(c.req.raw, ctx.db, ctx.balanceCache)
    if (!result.ok) return bareError(result.status, result.message)
    return await handler(result.auth)
  } catch (error) {
    if (error instanceof z.ZodError) {
      return bareError(400, 'Validation error', { details: error.issues })
    }
    // One line: malformed JSON and non-UUID ids end here by design (docs/cloud/api-keys.md, errors).
    console.warn(`[sandbox] ${FAMILY}: ${failureMessage}: ${messageOf(error)}`)
    return bareError(500, failureMessage)
  }
}

/** The key `id` names, or the cloud's 404/403 answer (docs/cloud/api-keys.md, PATCH/DELETE/regenerate). */
async function ownKey(
  ctx: SandboxContext,
  id: string,
  auth: AuthContext,
): Promise<ApiKeyRow | Response> {
  const row = await getKey(ctx.db, id)
  if (!row) return bareError(404, 'API key not found')
  // Any member may manage any key of the organization: only the organization is compared.
  if (row.organization_id !== auth.organizationId) return bareError(403, 'Forbidden')
  return row
}

// Who may call (route.ts `session`): session-only in the cloud, an API key in the sandbox as
// the named extension below, refused at the edge under SANDBOX_STRICT=1.
const common = {
  auth: 'session',
  note: NOTE,
  extension: EXTENSION,
} as const
const authErrors = {
  401: { description: 'Invalid, inactive or expired key (E5)', schema: bareErrorBody },
  403: { description: 'User or organization inactive (E5)', schema: bareErrorBody },
}
const idErrors = {
  ...authErrors,
  403: { description: 'Another organization\'s key: {"error":"Forbidden"}', schema: bareErrorBody },
  404: { description: '{"error":"API key not found"}', schema: bareErrorBody },
}

export function apiKeysRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes(FAMILY)
  const { app } = routes
  const base = '/api/v1/api-keys'

  routes.route({
    method: 'get',
    path: '/api/v1/api-keys',
    ...common,
    summary: "List the organization's API keys (no plaintext secrets)",
    responses: {
      200: { description: 'Every key of the organization, newest first', schema: apiKeyList },
      ...authErrors,
      500: { description: '{"error":"Failed to fetch API keys"}', schema: bareErrorBody },
    },
    handler: (c) =>
      guarded(ctx, c, 'Failed to fetch API keys', async (auth) => {
        const rows = await listKeys(ctx.db, auth.organizationId)
        return c.json({ keys: rows.map(listItem) })
      }),
  })

  routes.route({
    method: 'post',
    path: '/api/v1/api-keys',
    ...common,
    summary: 'Create an API key; the secret is returned once',
    body: createApiKeyBody,
    responses: {
      201: { description: 'Created', schema: createdApiKey },
      400: { description: 'zod issues (E5)', schema: validationErrorBody },
      ...authErrors,
      500: {
        description: 'Malformed JSON: {"error":"Failed to create API key"}',
        schema: bareErrorBody,
      },
    },
    handler: (c) =>
      guarded(ctx, c, 'Failed to create API key', async (auth) => {
        const body = createApiKeyBody.parse(await c.req.json())
        const { row, plainKey } = await createKey(ctx.db, {
          organizationId: auth.organizationId,
          userId: auth.userId,
          name: body.name,
          description: body.description,
          permissions: body.permissions,
          rateLimit: body.rate_limit,
          expiresAt: body.expires_at ?? null,
        })
        return c.json({ apiKey: summary(row), plainKey }, 201)
      }),
  })
  app.all(base, () => methodNotAllowed(['GET', 'POST', 'OPTIONS']))

  // Registered before `/{id}`: in the cloud the static `explorer` segment wins over `[id]`.
  routes.route({
    method: 'get',
    path: '/api/v1/api-keys/explorer',
    ...common,
    summary: "The caller's API Explorer key, created on first use",
    responses: {
      200: { description: 'Existing key', schema: explorerKeyBody },
      201: { description: 'Newly created key', schema: explorerKeyBody },
      401: {
        description: '{"error":"Please sign in to use the API Explorer"}',
        schema: bareErrorBody,
      },
      403: {
        description: '{"error":"Please complete your account setup to use the API Explorer"}',
        schema: bareErrorBody,
      },
    },
    handler: async (c) => {
      try {
        const result = await authenticate(c.req.raw, ctx.db, ctx.balanceCache)
        if (!result.ok) {
          return result.status === 401
            ? bareError(401, 'Please sign in to use the API Explorer')
            : bareError(403, 'Please complete your account setup to use the API Explorer')
        }
        const { row, key, isNew } = await explorerKey(
          ctx.db,
          result.auth.organizationId,
          result.auth.userId,
        )
        return c.json(
          {
            apiKey: {
              id: row.id,
              name: row.name,
              description: row.description,
              key_prefix: row.key_prefix,
              key,
              created_at: row.created_at.toISOString(),
              is_active: row.is_active,
              usage_count: row.usage_count,
              last_used_at: row.last_used_at?.toISOString() ?? null,
            },
            isNew,
          },
          isNew ? 201 : 200,
        )
      } catch (error) {
        console.warn(`[sandbox] ${FAMILY}: explorer: ${messageOf(error)}`)
        return bareError(500, 'Failed to get API key for explorer')
      }
    },
  })
  app.all(`${base}/explorer`, () => methodNotAllowed(['GET', 'OPTIONS']))

  // Order as in the cloud: auth → 404/403 → body → validation → update.
  routes.route({
    method: 'patch',
    path: '/api/v1/api-keys/{id}',
    ...common,
    summary: 'Rename, re-scope, enable/disable (is_active) or re-date a key',
    params: apiKeyIdParams,
    body: updateApiKeyBody,
    responses: {
      200: { description: 'Updated', schema: updatedApiKey },
      400: {
        description: 'zod issues, e.g. "At least one field is required"',
        schema: validationErrorBody,
      },
      ...idErrors,
      500: { description: 'Non-UUID id or malformed JSON', schema: bareErrorBody },
    },
    handler: (c) =>
      guarded(ctx, c, 'Failed to update API key', async (auth) => {
        const found = await ownKey(ctx, c.req.param('id') ?? '', auth)
        if (found instanceof Response) return found
        const changes = updateApiKeyBody.parse(await c.req.json())
        const row = await updateKey(ctx.db, found.id, changes)
        if (!row) throw new Error('updated row vanished')
        return c.json({ apiKey: { ...summary(row), is_active: row.is_active } })
      }),
  })

  // Hard delete: the key stops authenticating at once. The sandbox's own key may be deleted
  // too, as in the cloud; a reset (POST /__sandbox/reset) or a restart brings it back.
  routes.route({
    method: 'delete',
    path: '/api/v1/api-keys/{id}',
    ...common,
    summary: 'Delete a key; it stops working at once',
    params: apiKeyIdParams,
    responses: {
      200: { description: 'Deleted', schema: successBody },
      ...idErrors,
      500: { description: '{"error":"Failed to delete API key"}', schema: bareErrorBody },
    },
    handler: (c) =>
      guarded(ctx, c, 'Failed to delete API key', async (auth) => {
        const found = await ownKey(ctx, c.req.param('id') ?? '', auth)
        if (found instanceof Response) return found
        await deleteKey(ctx.db, found.id)
        return c.json({ success: true })
      }),
  })
  // No GET /{id} (docs/cloud/api-keys.md): to read one key, filter the list.
  app.all(`${base}/:id`, () => methodNotAllowed(['PATCH', 'DELETE', 'OPTIONS']))

  // STRICT 10/min (docs/cloud/auth-errors-limits.md §3), before auth as the cloud's wrapper runs first.
  routes.route({
    method: 'post',
    path: '/api/v1/api-keys/{id}/regenerate',
    ...common,
    summary: 'Replace the secret of a key (same id, name, permissions); STRICT 10/min',
    params: apiKeyIdParams,
    responses: {
      200: { description: 'The new secret, shown once', schema: createdApiKey },
      ...idErrors,
      429: { description: 'Rate limited (E10)', schema: rateLimitBody },
      500: { description: '{"error":"Failed to regenerate API key"}', schema: bareErrorBody },
    },
    use: [rateLimit(ctx.limiter, PRESETS.STRICT)],
    handler: (c) =>
      guarded(ctx, c, 'Failed to regenerate API key', async (auth) => {
        const found = await ownKey(ctx, c.req.param('id') ?? '', auth)
        if (found instanceof Response) return found
        const regenerated = await regenerateKey(ctx.db, found.id)
        if (!regenerated) throw new Error('regenerated row vanished')
        return c.json({ apiKey: summary(regenerated.row), plainKey: regenerated.plainKey })
      }),
  })
  app.all(`${base}/:id/regenerate`, () => methodNotAllowed(['POST', 'OPTIONS']))

  return routes
}

export const apiKeysFamily: Family = { name: FAMILY, routes: apiKeysRoutes }
