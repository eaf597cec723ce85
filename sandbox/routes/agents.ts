// Agents (characters) family: /shared/cloud-api/agents.md. For now only the list,
// "GET /api/my-agents/characters"; the rest of the CRUD comes later.
import { Hono } from 'hono'
import { authenticate } from '../auth.ts'
import type { SandboxContext } from '../context.ts'
import type { Family } from '../family.ts'
import { apiError, codeForStatus, methodNotAllowed } from '../errors.ts'

interface CharacterRow {
  id: string
  name: string
  bio: string | string[]
  avatar_url: string | null
  category: string | null
  is_public: boolean
  tags: string[]
  token_address: string | null
  token_chain: string | null
  token_name: string | null
  token_ticker: string | null
  created_at: Date
  updated_at: Date
}

const SORTS = ['newest', 'updated', 'name', 'popularity'] as const
type SortBy = (typeof SORTS)[number]

function matchesSearch(row: CharacterRow, needle: string): boolean {
  const bio = Array.isArray(row.bio) ? row.bio : [row.bio]
  return [row.name, ...bio].some((text) => text.toLowerCase().includes(needle))
}

function compare(sortBy: SortBy, a: CharacterRow, b: CharacterRow): number {
  switch (sortBy) {
    case 'name':
      return a.name.localeCompare(b.name)
    case 'updated':
      return a.updated_at.getTime() - b.updated_at.getTime()
    default:
      return a.created_at.getTime() - b.created_at.getTime()
  }
}

/** The list's projection, with camelCase and snake_case duplicates (agents.md). */
function listItem(row: CharacterRow) {
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

export function agentsRoutes(ctx: SandboxContext): Hono {
  const app = new Hono()

  // No rate limit; auth failures are E2. Scope is the key's *user*, not the org, and all
  // filtering, sorting and paging happen in memory after loading the full list (agents.md).
  app.get('/api/my-agents/characters', async (c) => {
    const result = await authenticate(c.req.raw, ctx.db, ctx.balanceCache)
    if (!result.ok) return apiError(result.status, result.message, codeForStatus(result.status))

    const { rows } = await ctx.db.query<CharacterRow>(
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
    // `popularity` is accepted but does nothing: the DB's newest-first order stays (agents.md).
    if (sortBy !== 'popularity') list = [...list].sort((a, b) => direction * compare(sortBy, a, b))

    // parseInt + clamp as in the handler: a non-numeric value gives NaN, which serialises as
    // null and empties the page ("non-numeric values break paging", agents.md).
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

  return app
}

export const agentsFamily: Family = { name: 'agents', routes: agentsRoutes }
