// /api/my-agents/characters and /api/my-agents/characters/{id}[/share|/clone|/stats|/track-view]
// (docs/cloud/agents.md): the caller's characters.
import type { Context } from 'hono'
import { z } from 'zod'
import { authenticate, type AuthContext } from '../../core/auth.ts'
import type { SandboxContext } from '../../core/context.ts'
import { apiError, bare500, codeForStatus, flagError, methodNotAllowed } from '../../core/errors.ts'

import { FamilyRoutes } from '../../core/route.ts'
import {
  CHARACTER_UPDATE_EXTENSION,
  type CharacterRow,
  compare,
  findCharacter,
  generateUsername,
  JSON_COLUMNS,
  listItem,
  type ListRow,
  matchesSearch,
  originOf,
  readJson,
  serializeCharacter,
  shareInfo,
  SORTS,
  type SortBy,
  UPDATE_COLUMNS,
  usernameProblem,
} from '../characters.ts'
import * as S from '../schemas.ts'
import { bare500Doc } from '../schemas.ts'

export function charactersRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('agents')
  const { app } = routes
  const { db } = ctx
  const auth = (c: Context) => authenticate(c.req.raw, db, ctx.balanceCache)

  // No rate limit; auth failures are E2. Scope is the key's *user*, not the org, and all
  // filtering, sorting and paging happen in memory after loading the full list (docs/cloud/agents.md).
  routes.route({
    method: 'get',
    path: '/api/my-agents/characters',
    auth: 'key',
    note: 'docs/cloud/agents.md "GET /api/my-agents/characters — list"',
    summary: "The key user's characters, filtered, sorted and paged in memory",
    query: S.listCharactersQuery,
    responses: {
      200: { description: 'A page of list projections', schema: S.listResponse },
      401: { description: 'Bad key (E2)', schema: S.e2Error },
      403: { description: 'Inactive user or organization (E2)', schema: S.e2Error },
    },
    handler: async (c) => {
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
      if (sortBy !== 'popularity')
        list = [...list].sort((a, b) => direction * compare(sortBy, a, b))

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
    },
  })
  app.all('/api/my-agents/characters', () => methodNotAllowed(['GET', 'OPTIONS']))

  // Read / delete: owner only. Auth and DB failures (a non-UUID id) are not caught in the cloud
  // → bare 500 (docs/cloud/auth-errors-limits.md E9).
  const ownCharacter = async (c: Context): Promise<[AuthContext, CharacterRow | undefined]> => {
    const result = await auth(c)
    if (!result.ok) throw new Error(result.message)
    const row = await findCharacter(db, c.req.param('id') ?? '')
    return [result.auth, row && row.user_id === result.auth.userId ? row : undefined]
  }

  routes.route({
    method: 'get',
    path: '/api/my-agents/characters/{id}',
    auth: 'key',
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
    handler: async (c) => {
      try {
        const [, row] = await ownCharacter(c)
        if (!row) return flagError(404, 'Character not found')
        return c.json({ success: true, data: { character: serializeCharacter(row) } })
      } catch {
        return bare500()
      }
    },
  })

  routes.route({
    method: 'delete',
    path: '/api/my-agents/characters/{id}',
    auth: 'key',
    note: 'docs/cloud/agents.md "DELETE /api/my-agents/characters/{id} — delete"',
    summary: 'Hard-delete an owned character',
    params: S.characterIdParams,
    responses: {
      200: { description: '{success, data:{message}}' },
      404: { description: 'Character not found or access denied', schema: S.e6Error },
      500: bare500Doc,
    },
    handler: async (c) => {
      try {
        const [, row] = await ownCharacter(c)
        if (!row) return flagError(404, 'Character not found or access denied')
        await db.query('DELETE FROM user_characters WHERE id = $1', [row.id])
        return c.json({ success: true, data: { message: 'Character deleted successfully' } })
      } catch {
        return bare500()
      }
    },
  })

  // Named extension (README "Sandbox policy"): the cloud has no API-key route that edits a
  // character (docs/cloud/agents.md "Updating a character": only the dashboard's server actions and the
  // MCP `update_agent` tool do). In strict mode the method does not exist → empty 405.
  routes.route({
    method: 'patch',
    path: '/api/my-agents/characters/{id}',
    auth: 'key',
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
    handler: async (c) => {
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
    },
  })
  app.all('/api/my-agents/characters/:id', () =>
    methodNotAllowed(
      ctx.strict ? ['GET', 'DELETE', 'OPTIONS'] : ['GET', 'DELETE', 'PATCH', 'OPTIONS'],
    ),
  )

  // Share: GET turns every failure into one 500; PUT reports zod issues as an array.
  routes.route({
    method: 'get',
    path: '/api/my-agents/characters/{id}/share',
    auth: 'key',
    note: 'docs/cloud/agents.md "Other character sub-routes"',
    summary: 'Sharing status and share URLs',
    params: S.characterIdParams,
    responses: {
      200: { description: '{success, data:{isPublic, shareUrl, shareInfo}}' },
      404: { description: 'Character not found', schema: S.e6Error },
      500: { description: 'Any failure: "Failed to get share status"', schema: S.e6Error },
    },
    handler: async (c) => {
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
    },
  })

  routes.route({
    method: 'put',
    path: '/api/my-agents/characters/{id}/share',
    auth: 'key',
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
    handler: async (c) => {
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
    },
  })
  app.all('/api/my-agents/characters/:id/share', () => methodNotAllowed(['GET', 'PUT', 'OPTIONS']))

  // Clone: any character (the cloud checks neither ownership nor visibility); 200, not 201.
  routes.route({
    method: 'post',
    path: '/api/my-agents/characters/{id}/clone',
    auth: 'key',
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
    handler: async (c) => {
      try {
        const result = await auth(c)
        if (!result.ok) throw new Error(result.message)
        const body = await readJson(c)
        const parsed = S.cloneBody.safeParse(body.ok ? body.value : {})
        const input = parsed.success ? parsed.data : {}
        const original = await findCharacter(db, c.req.param('id') ?? '')
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
    },
  })
  app.all('/api/my-agents/characters/:id/clone', () => methodNotAllowed(['POST', 'OPTIONS']))

  routes.route({
    method: 'get',
    path: '/api/my-agents/characters/{id}/stats',
    auth: 'key',
    summary: 'Placeholder statistics (always zeros)',
    params: S.characterIdParams,
    responses: {
      200: { description: '{success, data:{stats:{views, interactions, messageCount}}}' },
    },
    handler: async (c) => {
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
    },
  })
  app.all('/api/my-agents/characters/:id/stats', () => methodNotAllowed(['GET', 'OPTIONS']))

  // Retired: always 410 (docs/cloud/agents.md).
  routes.route({
    method: 'post',
    path: '/api/my-agents/characters/{id}/track-view',
    auth: 'credential',
    summary: 'Retired: always 410',
    params: S.characterIdParams,
    responses: { 410: { description: 'Retired', schema: S.e6Error } },
    handler: () => flagError(410, 'This endpoint has been retired'),
  })
  app.all('/api/my-agents/characters/:id/track-view', () => methodNotAllowed(['POST', 'OPTIONS']))
  return routes
}
