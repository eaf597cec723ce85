// POST /api/v1/app/agents: quick create of a character (docs/cloud/agents.md).
import type { Context } from 'hono'
import { z } from 'zod'
import { authenticate } from '../../core/auth.ts'
import type { SandboxContext } from '../../core/context.ts'
import { flagError, methodNotAllowed } from '../../core/errors.ts'
import { PRESETS, rateLimit } from '../../core/rate-limit.ts'
import { FamilyRoutes } from '../../core/route.ts'
import {
  type CharacterRow,
  generateUsername,
  maxAgentsForBalance,
  normalizeTokenAddress,
} from '../characters.ts'
import * as S from '../schemas.ts'

export function appAgentsRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('agents')
  const { app } = routes
  const { db } = ctx
  const auth = (c: Context) => authenticate(c.req.raw, db, ctx.balanceCache)

  // Quick create. STANDARD rate limit first; then, in order: viewer → 403, body → 400 (zod
  // formatted tree), quota → 403, token already linked → 409. Everything else, authentication
  // and malformed JSON included, is a 500 with the message (docs/cloud/agents.md, E6).
  routes.route({
    method: 'post',
    path: '/api/v1/app/agents',
    auth: 'key',
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
    use: [rateLimit(ctx.limiter, PRESETS.STANDARD)],
    handler: async (c) => {
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
    },
  })
  app.all('/api/v1/app/agents', () => methodNotAllowed(['POST', 'OPTIONS']))
  return routes
}
