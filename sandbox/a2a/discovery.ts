// GET /api/v1/discovery (docs/cloud/a2a-discovery.md "GET /api/v1/discovery"): public characters and public
// MCP servers of every organization, merged, filtered and paged — with the cloud's double
// paging and its 3-minute result cache.
import { z } from 'zod'
import type { Db } from '../core/db/client.ts'

const list = z
  .string()
  .transform((s) => s.split(','))
  .optional()

export const discoveryQuery = z.object({
  query: z.string().optional(),
  types: list.describe('agent, mcp, a2a, app; only agent and mcp produce results'),
  categories: list,
  tags: list,
  mcpTools: list.describe('accepted, ignored'),
  a2aSkills: list.describe('accepted, ignored'),
  x402Only: z
    .string()
    .transform((s) => s === 'true')
    .optional(),
  // Only the literal `true` counts as true when given; absent means true.
  activeOnly: z
    .string()
    .optional()
    .default('true')
    .transform((s) => s === 'true'),
  limit: z.coerce.number().int().min(1).max(100).optional().default(50),
  offset: z.coerce.number().int().min(0).optional().default(0),
})
export type DiscoveryQuery = z.infer<typeof discoveryQuery>

const pricing = z.object({
  type: z.enum(['free', 'credits', 'x402', 'subscription']),
  amount: z.number().optional(),
  currency: z.string().optional(),
  description: z.string().optional(),
})

export const discoveredService = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  type: z.enum(['agent', 'mcp']),
  source: z.enum(['cloud', 'local']),
  image: z.string().optional(),
  category: z.string().optional(),
  tags: z.array(z.string()),
  active: z.boolean(),
  a2aEndpoint: z.string().optional(),
  mcpEndpoint: z.string().optional(),
  mcpTools: z.array(z.string()),
  a2aSkills: z.array(z.string()),
  x402Support: z.boolean(),
  verified: z.boolean(),
  slug: z.string().optional(),
  pricing,
})
export type DiscoveredService = z.infer<typeof discoveredService>

export const discoveryResponse = z.object({
  services: z.array(discoveredService),
  total: z.number(),
  hasMore: z.boolean(),
  pagination: z.object({ limit: z.number(), offset: z.number() }),
  cached: z.boolean(),
})

/** Skills every discovered agent advertises, whatever it is (docs/cloud/a2a-discovery.md, `a2aSkills`). */
const AGENT_SKILLS = ['web_search', 'extract_page', 'browser_session']

interface AgentRow {
  id: string
  name: string
  bio: string[] | string
  avatar_url: string | null
  category: string | null
  tags: string[]
  monetization_enabled: boolean
  inference_markup_percentage: string
}

interface McpRow {
  id: string
  name: string
  slug: string
  description: string | null
  category: string | null
  tags: string[]
  status: string
  tools: { name: string }[]
  pricing_type: 'free' | 'credits' | 'x402'
  credits_per_request: string | null
  x402_price_usd: string | null
  x402_enabled: boolean
  is_verified: boolean
}

/** `source` is `local` when the server's own URL is a loopback name, else `cloud`. */
function sourceOf(baseUrl: string): 'cloud' | 'local' {
  const host = new URL(baseUrl).hostname
  return ['localhost', '127.0.0.1', '[::1]', '::1'].includes(host) ? 'local' : 'cloud'
}

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

// First slicing, per source: the marketplace pages agents by `page = floor(offset/limit) + 1`,
// the MCP list takes `offset` as is (hence "applied twice" in the note).
async function loadAgents(db: Db, q: DiscoveryQuery, baseUrl: string) {
  const page = Math.floor(q.offset / q.limit)
  const { rows } = await db.query<AgentRow>(
    `SELECT id, name, bio, avatar_url, category, tags, monetization_enabled,
            inference_markup_percentage
       FROM user_characters
      WHERE is_public
        AND ($1::text IS NULL OR name ILIKE $1 OR bio::text ILIKE $1)
        AND ($2::text IS NULL OR category = $2)
      ORDER BY popularity_score DESC, created_at DESC, id
      LIMIT $3 OFFSET $4`,
    [q.query ? like(q.query) : null, q.categories?.[0] ?? null, q.limit, page * q.limit],
  )
  const source = sourceOf(baseUrl)
  return rows.map((c): DiscoveredService => ({
    id: c.id,
    name: c.name,
    description: Array.isArray(c.bio) ? c.bio.join(' ') : c.bio || '',
    type: 'agent',
    source,
    ...(c.avatar_url ? { image: c.avatar_url } : {}),
    ...(c.category ? { category: c.category } : {}),
    tags: c.tags ?? [],
    active: true,
    a2aEndpoint: `${baseUrl}/api/agents/${c.id}/a2a`,
    mcpEndpoint: `${baseUrl}/api/agents/${c.id}/mcp`,
    mcpTools: [],
    a2aSkills: [...AGENT_SKILLS],
    x402Support: false,
    verified: false,
    pricing: c.monetization_enabled
      ? {
          type: 'credits',
          description: `${c.inference_markup_percentage}% markup on inference costs`,
        }
      : { type: 'free', description: 'Free to use' },
  }))
}

async function loadMcps(db: Db, q: DiscoveryQuery, baseUrl: string) {
  const { rows } = await db.query<McpRow>(
    `SELECT id, name, slug, description, category, tags, status, tools, pricing_type,
            credits_per_request, x402_price_usd, x402_enabled, is_verified
       FROM user_mcps
      WHERE is_public
        AND ($1::text IS NULL OR name ILIKE $1 OR description ILIKE $1)
        AND ($2::text IS NULL OR category = $2)
      ORDER BY created_at DESC, id
      LIMIT $3 OFFSET $4`,
    [q.query ? like(q.query) : null, q.categories?.[0] ?? null, q.limit, q.offset],
  )
  const source = sourceOf(baseUrl)
  return rows.map((m): DiscoveredService => ({
    id: m.id,
    name: m.name,
    description: m.description ?? '',
    type: 'mcp',
    source,
    ...(m.category ? { category: m.category } : {}),
    tags: m.tags ?? [],
    active: m.status === 'live',
    mcpEndpoint: `${baseUrl}/api/mcp/user/${m.slug}`,
    mcpTools: m.tools.map((t) => t.name),
    a2aSkills: [],
    x402Support: m.x402_enabled,
    verified: m.is_verified,
    slug: m.slug,
    pricing:
      m.pricing_type === 'free'
        ? { type: 'free', description: 'Free to use' }
        : m.pricing_type === 'credits'
          ? {
              type: 'credits',
              amount: Number(m.credits_per_request),
              description: `${m.credits_per_request} credits per request`,
            }
          : {
              type: 'x402',
              amount: Number(m.x402_price_usd),
              currency: 'USD',
              description: `$${m.x402_price_usd} per request`,
            },
  }))
}

export async function discover(db: Db, q: DiscoveryQuery, baseUrl: string) {
  const types = q.types ?? ['agent', 'mcp', 'app']
  const services: DiscoveredService[] = []
  if (types.includes('agent')) services.push(...(await loadAgents(db, q, baseUrl)))
  if (types.includes('mcp')) services.push(...(await loadMcps(db, q, baseUrl)))

  // Near-duplicates collapse: same type + endpoint/slug + name + description.
  const seen = new Map<string, DiscoveredService>()
  for (const s of services) {
    const key = [s.type, s.a2aEndpoint ?? s.mcpEndpoint ?? s.slug ?? '', s.name, s.description]
    seen.set(JSON.stringify(key), s)
  }
  let filtered = [...seen.values()]
  if (q.query) {
    const needle = q.query.toLowerCase()
    filtered = filtered.filter(
      (s) => s.name.toLowerCase().includes(needle) || s.description.toLowerCase().includes(needle),
    )
  }
  if (q.x402Only) filtered = filtered.filter((s) => s.x402Support)
  if (q.activeOnly) filtered = filtered.filter((s) => s.active)
  const categories = q.categories
  if (categories?.length) {
    filtered = filtered.filter((s) => s.category !== undefined && categories.includes(s.category))
  }
  const tags = q.tags
  if (tags?.length) filtered = filtered.filter((s) => s.tags.some((t) => tags.includes(t)))
  filtered.sort((a, b) => a.name.localeCompare(b.name))

  // Second slicing, on the merged list: `total` counts what survived the first one.
  const total = filtered.length
  const page = filtered.slice(q.offset, q.offset + q.limit)
  return {
    services: page,
    total,
    hasMore: q.offset + page.length < total,
    pagination: { limit: q.limit, offset: q.offset },
  }
}

const CACHE_TTL_MS = 3 * 60 * 1000

/** The cloud caches each distinct (parsed) query for 3 minutes; `cached` tells which answer. */
export class DiscoveryCache {
  private readonly entries = new Map<
    string,
    { value: Awaited<ReturnType<typeof discover>>; expiresAt: number }
  >()
  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string, load: () => ReturnType<typeof discover>) {
    const hit = this.entries.get(key)
    if (hit && hit.expiresAt > this.now()) return { ...hit.value, cached: true }
    const value = await load()
    this.entries.set(key, { value, expiresAt: this.now() + CACHE_TTL_MS })
    return { ...value, cached: false }
  }

  clear() {
    this.entries.clear()
  }
}
