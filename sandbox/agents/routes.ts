// Agents (characters) family: docs/cloud/agents.md. Characters are `user_characters`
// rows; hosted runtimes (the compat and milady routes) live in agents/runtime-routes.ts.
// Every route wraps failures the way its cloud handler does, so the error shapes differ on
// purpose (docs/cloud/auth-errors-limits.md §2: E2, E6, E9, E10).
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { runtimeRoutes } from './runtime-routes.ts'
import {
  type CharacterRow,
  findCharacter,
  generateUsername,
  normalizeTokenAddress,
  serializeCharacter,
  usernameProblem,
} from './characters.ts'
import * as S from './schemas.ts'
import { seedAgents } from './seed.ts'
import { authenticate, type AuthContext } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import type { Family } from '../core/family.ts'
import { apiError, bare500, codeForStatus, flagError, methodNotAllowed } from '../core/errors.ts'
import { documentRoute } from '../core/openapi-registry.ts'
import { PRESETS, rateLimit } from '../core/rate-limit.ts'

const FAMILY = 'agents'

/** The named extension of this family (docs/cloud/README.md "Sandbox policy"); off in strict mode. */
export const CHARACTER_UPDATE_EXTENSION = 'Character update with an API key'

// ─── List ─────────────────────────────────────────────────────────────────────────────────

type ListRow = Pick<
  CharacterRow,
  | 'id'
  | 'name'
  | 'bio'
  | 'avatar_url'
  | 'category'
  | 'is_public'
  | 'tags'
  | 'token_address'
  | 'token_chain'
  | 'token_name'
  | 'token_ticker'
  | 'created_at'
  | 'updated_at'
>

const SORTS = ['newest', 'updated', 'name', 'popularity'] as const
type SortBy = (typeof SORTS)[number]

function matchesSearch(row: ListRow, needle: string): boolean {
  const bio = Array.isArray(row.bio) ? row.bio : [row.bio]
  return [row.name, ...bio].some((text) => text.toLowerCase().includes(needle))
}

function compare(sortBy: SortBy, a: ListRow, b: ListRow): number {
  switch (sortBy) {
    case 'name':
      return a.name.localeCompare(b.name)
    case 'updated':
      return a.updated_at.getTime() - b.updated_at.getTime()
    default:
      return a.created_at.getTime() - b.created_at.getTime()
  }
}

/** The list's projection, with camelCase and snake_case duplicates (docs/cloud/agents.md). */
function listItem(row: ListRow) {
  const createdAt = row.created_at.toISOString()
  const updatedAt = row.updated_at.toISOString()
  return {
    id: row.id,
    name: row.name,
    bio: row.bio,
    avatarUrl: row.avatar_url,
    avatar_url: row.avatar_url,
    category: row.category,
    isPublic: row.is_public,
    is_public: row.is_public,
    createdAt,
    created_at: createdAt,
    updatedAt,
    updated_at: updatedAt,
    tags: row.tags,
    token_address: row.token_address,
    token_chain: row.token_chain,
    token_name: row.token_name,
    token_ticker: row.token_ticker,
  }
}

// ─── Helpers ──────────────────────────────────────────────────────────────────────────────

type JsonResult = { ok: true; value: unknown } | { ok: false; error: Error }

/** `request.json()` as Next.js does it: a malformed body throws the parser's message. */
async function readJson(c: Context): Promise<JsonResult> {
  try {
    return { ok: true, value: await c.req.json() }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) }
  }
}

/** The origin the caller used, for the endpoint URLs the cloud builds from its own origin. */
const originOf = (c: Context) => new URL(c.req.url).origin

const endpoints = (origin: string, id: string) => ({
  a2aEndpoint: `${origin}/api/agents/${id}/a2a`,
  mcpEndpoint: `${origin}/api/agents/${id}/mcp`,
})

function shareInfo(origin: string, row: CharacterRow, withProtocols: boolean) {
  if (!row.is_public) return null
  return {
    chatUrl: `${origin}/chat/${row.id}`,
    dashboardChatUrl: `${origin}/dashboard/chat?characterId=${row.id}`,
    ...(withProtocols ? endpoints(origin, row.id) : {}),
  }
}

/** Agent quota by balance (docs/cloud/agents.md "POST /api/v1/app/agents"): 5 / 20 / 100 / 500. */
export function maxAgentsForBalance(balance: number): number {
  if (balance >= 100) return 500
  if (balance >= 10) return 100
  if (balance >= 1) return 20
  return 5
}

/** Maps the PATCH extension's camelCase fields onto columns. */
const UPDATE_COLUMNS: Record<string, string> = {
  name: 'name',
  username: 'username',
  bio: 'bio',
  system: 'system',
  category: 'category',
  tags: 'tags',
  topics: 'topics',
  adjectives: 'adjectives',
  style: 'style',
  messageExamples: 'message_examples',
  postExamples: 'post_examples',
  knowledge: 'knowledge',
  plugins: 'plugins',
  settings: 'settings',
  secrets: 'secrets',
  avatarUrl: 'avatar_url',
}
const JSON_COLUMNS = new Set([
  'bio',
  'tags',
  'topics',
  'adjectives',
  'style',
  'message_examples',
  'post_examples',
  'knowledge',
  'plugins',
  'settings',
  'secrets',
])

// ─── Routes ───────────────────────────────────────────────────────────────────────────────

export function agentsRoutes(ctx: SandboxContext): Hono {
  const app = new Hono()
  const { db } = ctx
  const auth = (c: Context) => authenticate(c.req.raw, db, ctx.balanceCache)

  // No rate limit; auth failures are E2. Scope is the key's *user*, not the org, and all
  // filtering, sorting and paging happen in memory after loading the full list (docs/cloud/agents.md).
  app.get('/api/my-agents/characters', async (c) => {
    const result = await auth(c)
    if (!result.ok) return apiError(result.status, result.message, codeForStatus(result.status))

    const { rows } = await db.query<ListRow>(
      `SELECT id, name, bio, avatar_url, category, is_public, tags, token_address, token_chain,
              token_name, token_ticker, created_at, updated_at
         FROM user_characters WHERE user_id = $1 ORDER BY created_at DESC`,
      [result.auth.userId],
    )
    const search = c.req.query('search')?.toLowerCase()
    const category = c.req.query('category')
    const sortParam = c.req.query('sortBy')
    const sortBy: SortBy = SORTS.find((s) => s === sortParam) ?? 'newest'
    const direction = c.req.query('order') === 'asc' ? 1 : -1

    let list = rows
    if (search) list = list.filter((row) => matchesSearch(row, search))
    if (category) list = list.filter((row) => row.category === category)
    // `popularity` is accepted but does nothing: the DB's newest-first order stays (docs/cloud/agents.md).
    if (sortBy !== 'popularity') list = [...list].sort((a, b) => direction * compare(sortBy, a, b))

    // parseInt + clamp as in the handler: a non-numeric value gives NaN, which serialises as
    // null and empties the page ("non-numeric values break paging", docs/cloud/agents.md).
    const page = Math.max(Number.parseInt(c.req.query('page') ?? '1', 10), 1)
    const limit = Math.min(Math.max(Number.parseInt(c.req.query('limit') ?? '30', 10), 1), 1000)
    const totalCount = list.length
    const totalPages = Math.ceil(totalCount / limit)
    const offset = (page - 1) * limit
    return c.json({
      success: true,
      data: {
        characters: list.slice(offset, offset + limit).map(listItem),
        pagination: { page, limit, totalPages, totalCount, hasMore: page < totalPages },
      },
    })
  })
  app.all('/api/my-agents/characters', () => methodNotAllowed(['GET', 'OPTIONS']))

  // Quick create. STANDARD rate limit first; then, in order: viewer → 403, body → 400 (zod
  // formatted tree), quota → 403, token already linked → 409. Everything else, authentication
  // and malformed JSON included, is a 500 with the message (docs/cloud/agents.md, E6).
  app.post('/api/v1/app/agents', rateLimit(ctx.limiter, PRESETS.STANDARD), async (c) => {
    try {
      const result = await auth(c)
      if (!result.ok) return flagError(500, result.message)
      const { userId, organizationId } = result.auth
      const role = await db.query<{ role: string }>('SELECT role FROM users WHERE id = $1', [
        userId,
      ])
      if (role.rows[0]?.role === 'viewer') {
        return flagError(
          403,
          'Insufficient permissions. Viewers cannot create agents. Please contact your organization owner.',
        )
      }
      const body = await c.req.json()
      const parsed = S.createAgentBody.safeParse(body)
      if (!parsed.success) {
        return flagError(400, 'Invalid request data', { details: z.formatError(parsed.error) })
      }
      const input = parsed.data

      const org = await db.query<{ credit_balance: string }>(
        'SELECT credit_balance FROM organizations WHERE id = $1',
        [organizationId],
      )
      const balance = org.rows[0]?.credit_balance
      if (balance === undefined) return flagError(404, 'Organization not found')
      const counted = await db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM user_characters
          WHERE organization_id = $1 AND source = 'cloud'`,
        [organizationId],
      )
      const current = counted.rows[0]?.count ?? 0
      const max = maxAgentsForBalance(Number(balance))
      if (current >= max) {
        return flagError(
          403,
          `Agent quota exceeded. Your organization has reached the maximum of ${max} agents.`,
          {
            details: {
              current,
              max,
              upgrade_hint: 'Add credits to your account to increase your agent limit.',
            },
          },
        )
      }

      const tokenAddress =
        input.tokenAddress === undefined
          ? null
          : normalizeTokenAddress(input.tokenAddress, input.tokenChain)
      if (tokenAddress !== null) {
        const linked = await db.query<{ id: string }>(
          `SELECT id FROM user_characters
            WHERE token_address = $1 AND token_chain IS NOT DISTINCT FROM $2 LIMIT 1`,
          [tokenAddress, input.tokenChain ?? null],
        )
        const existing = linked.rows[0]
        if (existing) {
          return flagError(
            409,
            `An agent is already linked to token ${tokenAddress} on ${input.tokenChain ?? 'unknown chain'}`,
            { existingAgentId: existing.id },
          )
        }
      }

      const { rows } = await db.query<CharacterRow>(
        `INSERT INTO user_characters (organization_id, user_id, name, username, bio, source,
                                      token_address, token_chain, token_name, token_ticker)
         VALUES ($1, $2, $3, $4, $5, 'cloud', $6, $7, $8, $9) RETURNING *`,
        [
          organizationId,
          userId,
          input.name,
          await generateUsername(db, input.name),
          JSON.stringify([input.bio || 'A helpful AI assistant']),
          tokenAddress,
          input.tokenChain ?? null,
          input.tokenName ?? null,
          input.tokenTicker ?? null,
        ],
      )
      const row = rows[0]
      if (!row) throw new Error('Failed to create agent')
      return c.json(
        {
          success: true,
          agent: {
            id: row.id,
            name: row.name,
            username: row.username,
            bio: row.bio,
            created_at: row.created_at.toISOString(),
            token_address: row.token_address,
            token_chain: row.token_chain,
            token_name: row.token_name,
            token_ticker: row.token_ticker,
          },
        },
        201,
      )
    } catch (error) {
      return flagError(500, error instanceof Error ? error.message : 'Failed to create agent')
    }
  })
  app.all('/api/v1/app/agents', () => methodNotAllowed(['POST', 'OPTIONS']))

  // Read / delete: owner only. Auth and DB failures (a non-UUID id) are not caught in the cloud
  // → bare 500 (docs/cloud/auth-errors-limits.md E9).
  const ownCharacter = async (c: Context): Promise<[AuthContext, CharacterRow | undefined]> => {
    const result = await auth(c)
    if (!result.ok) throw new Error(result.message)
    const row = await findCharacter(db, c.req.param('id') ?? '')
    return [result.auth, row && row.user_id === result.auth.userId ? row : undefined]
  }

  app.get('/api/my-agents/characters/:id', async (c) => {
    try {
      const [, row] = await ownCharacter(c)
      if (!row) return flagError(404, 'Character not found')
      return c.json({ success: true, data: { character: serializeCharacter(row) } })
    } catch {
      return bare500()
    }
  })

  app.delete('/api/my-agents/characters/:id', async (c) => {
    try {
      const [, row] = await ownCharacter(c)
      if (!row) return flagError(404, 'Character not found or access denied')
      await db.query('DELETE FROM user_characters WHERE id = $1', [row.id])
      return c.json({ success: true, data: { message: 'Character deleted successfully' } })
    } catch {
      return bare500()
    }
  })

  // Named extension (README "Sandbox policy"): the cloud has no API-key route that edits a
  // character (docs/cloud/agents.md "Updating a character": only the dashboard's server actions and the
  // MCP `update_agent` tool do). In strict mode the method does not exist → empty 405.
  app.patch('/api/my-agents/characters/:id', async (c) => {
    if (ctx.strict) return methodNotAllowed(['GET', 'DELETE', 'OPTIONS'])
    let owned: [AuthContext, CharacterRow | undefined]
    try {
      owned = await ownCharacter(c)
    } catch {
      return bare500()
    }
    const [, row] = owned
    if (!row) return flagError(404, 'Character not found or access denied')
    const body = await readJson(c)
    if (!body.ok) return flagError(400, 'Invalid JSON body')
    const parsed = S.updateCharacterBody.safeParse(body.value)
    if (!parsed.success) {
      return flagError(400, 'Invalid request data', { details: z.formatError(parsed.error) })
    }
    const changes = parsed.data
    if (changes.username !== undefined && changes.username !== row.username) {
      const problem = await usernameProblem(db, changes.username)
      if (problem) return flagError(400, problem)
    }
    const sets: string[] = []
    const values: unknown[] = [row.id]
    for (const [field, value] of Object.entries(changes)) {
      const column = UPDATE_COLUMNS[field]
      if (!column || value === undefined) continue
      values.push(JSON_COLUMNS.has(column) ? JSON.stringify(value) : value)
      sets.push(`${column} = $${values.length}`)
    }
    const { rows } = await db.query<CharacterRow>(
      `UPDATE user_characters SET ${sets.join(', ')}, updated_at = now() WHERE id = $1 RETURNING *`,
      values,
    )
    const updated = rows[0]
    if (!updated) return flagError(404, 'Character not found or access denied')
    return c.json({ success: true, data: { character: serializeCharacter(updated) } })
  })
  app.all('/api/my-agents/characters/:id', () =>
    methodNotAllowed(
      ctx.strict ? ['GET', 'DELETE', 'OPTIONS'] : ['GET', 'DELETE', 'PATCH', 'OPTIONS'],
    ),
  )

  // Share: GET turns every failure into one 500; PUT reports zod issues as an array.
  app.get('/api/my-agents/characters/:id/share', async (c) => {
    try {
      const [, row] = await ownCharacter(c)
      if (!row) return flagError(404, 'Character not found')
      const origin = originOf(c)
      return c.json({
        success: true,
        data: {
          isPublic: row.is_public,
          shareUrl: row.is_public ? `${origin}/chat/${row.id}` : null,
          // The protocol endpoints are only listed for ERC-8004 registered agents.
          shareInfo: shareInfo(origin, row, row.erc8004_registered),
        },
      })
    } catch {
      return flagError(500, 'Failed to get share status')
    }
  })

  app.put('/api/my-agents/characters/:id/share', async (c) => {
    try {
      const [, row] = await ownCharacter(c)
      if (!row) return flagError(404, 'Character not found or access denied')
      const parsed = S.shareBody.safeParse(await c.req.json())
      if (!parsed.success) {
        return flagError(400, 'Invalid request body', { details: parsed.error.issues })
      }
      const { rows } = await db.query<CharacterRow>(
        'UPDATE user_characters SET is_public = $2, updated_at = now() WHERE id = $1 RETURNING *',
        [row.id, parsed.data.isPublic],
      )
      const updated = rows[0]
      if (!updated) return flagError(500, 'Failed to update character')
      const origin = originOf(c)
      return c.json({
        success: true,
        data: {
          characterId: updated.id,
          characterName: updated.name,
          isPublic: updated.is_public,
          shareUrl: updated.is_public ? `${origin}/chat/${updated.id}` : null,
          message: updated.is_public
            ? `"${updated.name}" is now publicly shareable! Anyone with the link can chat with this character.`
            : `"${updated.name}" is now private. Only you can chat with this character.`,
          shareInfo: shareInfo(origin, updated, false),
        },
      })
    } catch (error) {
      return flagError(
        500,
        error instanceof Error ? error.message : 'Failed to update share status',
      )
    }
  })
  app.all('/api/my-agents/characters/:id/share', () => methodNotAllowed(['GET', 'PUT', 'OPTIONS']))

  // Clone: any character (the cloud checks neither ownership nor visibility); 200, not 201.
  app.post('/api/my-agents/characters/:id/clone', async (c) => {
    try {
      const result = await auth(c)
      if (!result.ok) throw new Error(result.message)
      const body = await readJson(c)
      const parsed = S.cloneBody.safeParse(body.ok ? body.value : {})
      const input = parsed.success ? parsed.data : {}
      const original = await findCharacter(db, c.req.param('id'))
      if (!original) return flagError(404, 'Character not found')
      const name = input.name || `${original.name} (Copy)`
      let username: string
      if (input.username) {
        const problem = await usernameProblem(db, input.username)
        if (problem) return flagError(400, problem)
        username = input.username
      } else {
        username = await generateUsername(db, name)
      }
      const { rows } = await db.query<CharacterRow>(
        `INSERT INTO user_characters (organization_id, user_id, name, username, bio, system, topics,
           adjectives, knowledge, plugins, style, settings, character_data, avatar_url, category,
           tags, message_examples, post_examples, is_public, is_template, source)
         SELECT $2, $3, $4, $5, bio, system, topics, adjectives, knowledge, plugins, style,
                settings, character_data, avatar_url, category, tags, message_examples,
                post_examples, $6, false, 'cloud'
           FROM user_characters WHERE id = $1
         RETURNING *`,
        [
          original.id,
          result.auth.organizationId,
          result.auth.userId,
          name,
          username,
          input.makePublic ?? false,
        ],
      )
      const clone = rows[0]
      if (!clone) return flagError(404, 'Character not found')
      return c.json({
        success: true,
        data: { character: serializeCharacter(clone), message: 'Character cloned successfully' },
      })
    } catch (error) {
      const message = error instanceof Error ? error.message : 'Failed to clone character'
      return flagError(message.includes('not found') ? 404 : 500, message)
    }
  })
  app.all('/api/my-agents/characters/:id/clone', () => methodNotAllowed(['POST', 'OPTIONS']))

  app.get('/api/my-agents/characters/:id/stats', async (c) => {
    try {
      const [, row] = await ownCharacter(c)
      if (!row) return flagError(404, 'Character not found')
      // The cloud's stats are a placeholder of zeros (docs/cloud/agents.md).
      return c.json({
        success: true,
        data: { stats: { views: 0, interactions: 0, messageCount: 0 } },
      })
    } catch {
      return flagError(500, 'Failed to get character stats')
    }
  })
  app.all('/api/my-agents/characters/:id/stats', () => methodNotAllowed(['GET', 'OPTIONS']))

  // Retired: always 410 (docs/cloud/agents.md).
  app.post('/api/my-agents/characters/:id/track-view', () =>
    flagError(410, 'This endpoint has been retired'),
  )
  app.all('/api/my-agents/characters/:id/track-view', () => methodNotAllowed(['POST', 'OPTIONS']))

  // Org-scoped read: E2 auth errors with their real status; anything else (a non-UUID id) is
  // the older helper's code-less 500 (docs/cloud/auth-errors-limits.md E2).
  app.get('/api/v1/agents/:agentId', async (c) => {
    const result = await auth(c)
    if (!result.ok) return apiError(result.status, result.message, codeForStatus(result.status))
    try {
      const row = await findCharacter(db, c.req.param('agentId'))
      if (!row || row.organization_id !== result.auth.organizationId) {
        return flagError(404, 'Agent not found')
      }
      return c.json({ success: true, data: serializeCharacter(row) })
    } catch {
      return flagError(500, 'An unexpected error occurred')
    }
  })
  app.all('/api/v1/agents/:agentId', () => methodNotAllowed(['GET', 'OPTIONS']))

  // Publish / unpublish: owner only, no try/catch (auth or DB failure → bare 500, E9).
  app.post('/api/v1/agents/:agentId/publish', async (c) => {
    try {
      const result = await auth(c)
      if (!result.ok) return bare500()
      const row = await findCharacter(db, c.req.param('agentId'))
      if (!row) return flagError(404, 'Agent not found')
      if (row.user_id !== result.auth.userId) {
        return flagError(403, 'Not authorized to publish this agent')
      }
      const origin = originOf(c)
      if (row.is_public) {
        return c.json({
          success: true,
          message: 'Agent is already published',
          agent: { id: row.id, name: row.name, isPublic: true, ...endpoints(origin, row.id) },
        })
      }
      // An invalid (or absent) body is silently replaced by the defaults (docs/cloud/agents.md).
      const body = await readJson(c)
      const parsed = S.publishBody.safeParse(body.ok ? body.value : {})
      const opts = parsed.success ? parsed.data : S.publishBody.parse({})
      await db.query(
        `UPDATE user_characters
            SET is_public = true, monetization_enabled = $2, inference_markup_percentage = $3,
                payout_wallet_address = COALESCE($4, payout_wallet_address), a2a_enabled = $5,
                mcp_enabled = $6, updated_at = now()
          WHERE id = $1`,
        [
          row.id,
          opts.enableMonetization,
          opts.markupPercentage,
          opts.payoutWalletAddress ?? null,
          opts.a2aEnabled,
          opts.mcpEnabled,
        ],
      )
      return c.json({
        success: true,
        message: 'Agent published successfully',
        agent: {
          id: row.id,
          name: row.name,
          isPublic: true,
          monetizationEnabled: opts.enableMonetization,
          markupPercentage: opts.markupPercentage,
          a2aEnabled: opts.a2aEnabled,
          mcpEnabled: opts.mcpEnabled,
          ...endpoints(origin, row.id),
        },
      })
    } catch {
      return bare500()
    }
  })

  app.delete('/api/v1/agents/:agentId/publish', async (c) => {
    try {
      const result = await auth(c)
      if (!result.ok) return bare500()
      const row = await findCharacter(db, c.req.param('agentId'))
      if (!row) return flagError(404, 'Agent not found')
      if (row.user_id !== result.auth.userId) return flagError(403, 'Not authorized')
      await db.query(
        `UPDATE user_characters SET is_public = false, monetization_enabled = false,
                updated_at = now() WHERE id = $1`,
        [row.id],
      )
      return c.json({
        success: true,
        message: 'Agent unpublished',
        agent: { id: row.id, name: row.name, isPublic: false },
      })
    } catch {
      return bare500()
    }
  })
  app.all('/api/v1/agents/:agentId/publish', () => methodNotAllowed(['POST', 'DELETE', 'OPTIONS']))

  // Monetization: no try/catch either (E9). GET: owner or same organization.
  app.get('/api/v1/agents/:agentId/monetization', async (c) => {
    try {
      const result = await auth(c)
      if (!result.ok) return bare500()
      const row = await findCharacter(db, c.req.param('agentId'))
      if (!row) return flagError(404, 'Agent not found')
      if (
        row.user_id !== result.auth.userId &&
        row.organization_id !== result.auth.organizationId
      ) {
        return flagError(403, 'Not authorized to view this agent')
      }
      return c.json({
        success: true,
        monetization: {
          enabled: row.monetization_enabled,
          markupPercentage: Number(row.inference_markup_percentage),
          payoutWalletAddress: row.payout_wallet_address,
          isPublic: row.is_public,
          totalEarnings: Number(row.total_creator_earnings),
          totalRequests: row.total_inference_requests,
          a2aEnabled: row.a2a_enabled,
          mcpEnabled: row.mcp_enabled,
        },
      })
    } catch {
      return bare500()
    }
  })

  // PUT: zod tree → 400 "Invalid request"; the service's refusals are 400 too (owner only,
  // public before monetization).
  app.put('/api/v1/agents/:agentId/monetization', async (c) => {
    try {
      const result = await auth(c)
      if (!result.ok) return bare500()
      const agentId = c.req.param('agentId')
      const parsed = S.monetizationBody.safeParse(await c.req.json())
      if (!parsed.success) {
        return flagError(400, 'Invalid request', { details: z.formatError(parsed.error) })
      }
      const row = await findCharacter(db, agentId)
      if (!row) return flagError(400, 'Agent not found')
      if (row.user_id !== result.auth.userId) {
        return flagError(400, 'Not authorized to update this agent')
      }
      const settings = parsed.data
      if (settings.monetizationEnabled && !row.is_public) {
        return flagError(400, 'Agent must be public to enable monetization')
      }
      const { rows } = await db.query<CharacterRow>(
        `UPDATE user_characters
            SET monetization_enabled = COALESCE($2, monetization_enabled),
                inference_markup_percentage = COALESCE($3, inference_markup_percentage),
                payout_wallet_address = COALESCE($4, payout_wallet_address),
                updated_at = now()
          WHERE id = $1 RETURNING *`,
        [
          row.id,
          settings.monetizationEnabled ?? null,
          settings.markupPercentage ?? null,
          settings.payoutWalletAddress ?? null,
        ],
      )
      const updated = rows[0]
      return c.json({
        success: true,
        monetization: {
          enabled: updated?.monetization_enabled ?? false,
          markupPercentage: Number(updated?.inference_markup_percentage ?? 0),
          payoutWalletAddress: updated?.payout_wallet_address,
          isPublic: updated?.is_public ?? false,
        },
      })
    } catch {
      return bare500()
    }
  })
  app.all('/api/v1/agents/:agentId/monetization', () => methodNotAllowed(['GET', 'PUT', 'OPTIONS']))

  app.route('/', runtimeRoutes(ctx))
  return app
}

// ─── OpenAPI ──────────────────────────────────────────────────────────────────────────────

const common = { family: FAMILY } as const
const bare500Doc = { description: 'Auth or DB failure (non-UUID id): empty body (E9)' }

documentRoute({
  ...common,
  method: 'get',
  path: '/api/my-agents/characters',
  note: 'docs/cloud/agents.md "GET /api/my-agents/characters — list"',
  summary: "The key user's characters, filtered, sorted and paged in memory",
  query: S.listCharactersQuery,
  responses: {
    200: { description: 'A page of list projections', schema: S.listResponse },
    401: { description: 'Bad key (E2)', schema: S.e2Error },
    403: { description: 'Inactive user or organization (E2)', schema: S.e2Error },
  },
})
documentRoute({
  ...common,
  method: 'post',
  path: '/api/v1/app/agents',
  note: 'docs/cloud/agents.md "POST /api/v1/app/agents — create (quick create)"',
  summary: 'Quick-create a character (name, bio, optional token link); STANDARD 60/min',
  body: S.createAgentBody,
  responses: {
    201: { description: 'Created', schema: S.createdAgent },
    400: { description: 'zod formatted tree (E6)', schema: S.e6Error },
    403: {
      description: 'Viewer role, or organization agent quota (5/20/100/500 by balance)',
      schema: S.e6Error,
    },
    404: { description: 'Organization not found', schema: S.e6Error },
    409: { description: 'Token already linked, with existingAgentId', schema: S.e6Error },
    429: { description: 'Rate limited (E10)', schema: S.e10Error },
    500: {
      description: 'Any other failure, authentication and malformed JSON included (E6)',
      schema: S.e6Error,
    },
  },
})
documentRoute({
  ...common,
  method: 'get',
  path: '/api/my-agents/characters/{id}',
  note: 'docs/cloud/agents.md "GET /api/my-agents/characters/{id} — read"',
  summary: 'The full character row (secrets included); owner only',
  params: S.characterIdParams,
  responses: {
    200: {
      description: '{success, data:{character}}',
      schema: z.object({
        success: z.literal(true),
        data: z.object({ character: S.characterObject }),
      }),
    },
    404: { description: 'Missing or not owned', schema: S.e6Error },
    500: bare500Doc,
  },
})
documentRoute({
  ...common,
  method: 'delete',
  path: '/api/my-agents/characters/{id}',
  note: 'docs/cloud/agents.md "DELETE /api/my-agents/characters/{id} — delete"',
  summary: 'Hard-delete an owned character',
  params: S.characterIdParams,
  responses: {
    200: { description: '{success, data:{message}}' },
    404: { description: 'Character not found or access denied', schema: S.e6Error },
    500: bare500Doc,
  },
})
documentRoute({
  ...common,
  method: 'patch',
  path: '/api/my-agents/characters/{id}',
  summary: 'Edit an owned character (persona, style, examples, avatar…); 405 in strict mode',
  extension: CHARACTER_UPDATE_EXTENSION,
  params: S.characterIdParams,
  body: S.updateCharacterBody,
  responses: {
    200: { description: 'The updated row, as GET /{id}' },
    400: {
      description: 'Invalid JSON, zod formatted tree, or a refused username (E6)',
      schema: S.e6Error,
    },
    404: { description: 'Character not found or access denied', schema: S.e6Error },
    405: { description: 'Strict mode: the cloud has no such method (empty body)' },
    500: bare500Doc,
  },
})
documentRoute({
  ...common,
  method: 'get',
  path: '/api/my-agents/characters/{id}/share',
  note: 'docs/cloud/agents.md "Other character sub-routes"',
  summary: 'Sharing status and share URLs',
  params: S.characterIdParams,
  responses: {
    200: { description: '{success, data:{isPublic, shareUrl, shareInfo}}' },
    404: { description: 'Character not found', schema: S.e6Error },
    500: { description: 'Any failure: "Failed to get share status"', schema: S.e6Error },
  },
})
documentRoute({
  ...common,
  method: 'put',
  path: '/api/my-agents/characters/{id}/share',
  note: 'docs/cloud/agents.md "Other character sub-routes"',
  summary: 'Make a character public or private',
  params: S.characterIdParams,
  body: S.shareBody,
  responses: {
    200: {
      description:
        '{success, data:{characterId, characterName, isPublic, shareUrl, message, shareInfo}}',
    },
    400: { description: 'zod issues array (E6)', schema: S.e6Error },
    404: { description: 'Character not found or access denied', schema: S.e6Error },
    500: { description: 'Other failures with their message (E6)', schema: S.e6Error },
  },
})
documentRoute({
  ...common,
  method: 'post',
  path: '/api/my-agents/characters/{id}/clone',
  note: 'docs/cloud/agents.md "Other character sub-routes"',
  summary: 'Copy any character into a new one owned by the caller',
  params: S.characterIdParams,
  body: S.cloneBody,
  responses: {
    200: { description: '{success, data:{character, message}}' },
    400: { description: 'Username refused', schema: S.e6Error },
    404: { description: 'Character not found', schema: S.e6Error },
    500: { description: 'Other failures with their message', schema: S.e6Error },
  },
})
documentRoute({
  ...common,
  method: 'get',
  path: '/api/my-agents/characters/{id}/stats',
  summary: 'Placeholder statistics (always zeros)',
  params: S.characterIdParams,
  responses: {
    200: { description: '{success, data:{stats:{views, interactions, messageCount}}}' },
  },
})
documentRoute({
  ...common,
  method: 'post',
  path: '/api/my-agents/characters/{id}/track-view',
  summary: 'Retired: always 410',
  params: S.characterIdParams,
  responses: { 410: { description: 'Retired', schema: S.e6Error } },
})
documentRoute({
  ...common,
  method: 'get',
  path: '/api/v1/agents/{agentId}',
  note: 'docs/cloud/agents.md "GET /api/v1/agents/{agentId} — read (org-scoped)"',
  summary: "Any character of the caller's organization, unwrapped",
  params: S.agentIdParams,
  responses: {
    200: {
      description: '{success, data:<character>}',
      schema: z.object({ success: z.literal(true), data: S.characterObject }),
    },
    401: { description: 'E2', schema: S.e2Error },
    403: { description: 'E2', schema: S.e2Error },
    404: { description: 'Agent not found', schema: S.e6Error },
    500: { description: 'An unexpected error occurred (no code)', schema: S.e6Error },
  },
})
documentRoute({
  ...common,
  method: 'post',
  path: '/api/v1/agents/{agentId}/publish',
  note: 'docs/cloud/agents.md "POST / DELETE /api/v1/agents/{agentId}/publish"',
  summary: 'Make an owned character public with monetization and protocol flags',
  params: S.agentIdParams,
  body: S.publishBody,
  responses: {
    200: { description: 'Published, or "Agent is already published"' },
    403: { description: 'Not authorized to publish this agent', schema: S.e6Error },
    404: { description: 'Agent not found', schema: S.e6Error },
    500: bare500Doc,
  },
})
documentRoute({
  ...common,
  method: 'delete',
  path: '/api/v1/agents/{agentId}/publish',
  summary: 'Unpublish (also turns monetization off)',
  params: S.agentIdParams,
  responses: {
    200: { description: '{success, message:"Agent unpublished", agent}' },
    403: { description: 'Not authorized', schema: S.e6Error },
    404: { description: 'Agent not found', schema: S.e6Error },
    500: bare500Doc,
  },
})
documentRoute({
  ...common,
  method: 'get',
  path: '/api/v1/agents/{agentId}/monetization',
  note: 'docs/cloud/agents.md "GET / PUT /api/v1/agents/{agentId}/monetization"',
  summary: 'Monetization settings and totals (owner or same organization)',
  params: S.agentIdParams,
  responses: {
    200: { description: '{success, monetization:{…}}' },
    403: { description: 'Not authorized to view this agent', schema: S.e6Error },
    404: { description: 'Agent not found', schema: S.e6Error },
    500: bare500Doc,
  },
})
documentRoute({
  ...common,
  method: 'put',
  path: '/api/v1/agents/{agentId}/monetization',
  summary: 'Set markup, payout wallet, monetization on/off (must be public to enable)',
  params: S.agentIdParams,
  body: S.monetizationBody,
  responses: {
    200: {
      description:
        '{success, monetization:{enabled, markupPercentage, payoutWalletAddress, isPublic}}',
    },
    400: {
      description: '"Invalid request" with a zod tree, or the service\'s reason',
      schema: S.e6Error,
    },
    500: bare500Doc,
  },
})

export const agentsFamily: Family = {
  name: FAMILY,
  routes: agentsRoutes,
  tables: ['milady_sandbox_backups', 'milady_sandboxes'],
  seed: seedAgents,
}
