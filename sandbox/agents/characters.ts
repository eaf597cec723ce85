// Characters as the cloud stores and returns them (docs/cloud/agents.md "Character object"): the whole
// `user_characters` row, timestamps as ISO strings, numeric columns as strings.
import type { Context } from 'hono'
import type { Queryable } from '../core/db/client.ts'

/** A `user_characters` row as PGlite returns it (numeric columns already arrive as strings). */
export interface CharacterRow {
  id: string
  organization_id: string
  user_id: string
  name: string
  username: string | null
  system: string | null
  bio: string | string[]
  message_examples: unknown[]
  post_examples: string[]
  topics: string[]
  adjectives: string[]
  knowledge: unknown[]
  plugins: string[]
  settings: Record<string, unknown>
  secrets: Record<string, unknown>
  style: Record<string, unknown>
  character_data: Record<string, unknown>
  is_template: boolean
  is_public: boolean
  avatar_url: string | null
  category: string | null
  tags: string[]
  featured: boolean
  view_count: number
  interaction_count: number
  popularity_score: number
  source: string
  token_address: string | null
  token_chain: string | null
  token_name: string | null
  token_ticker: string | null
  erc8004_registered: boolean
  erc8004_network: string | null
  erc8004_agent_id: string | null
  erc8004_agent_uri: string | null
  erc8004_tx_hash: string | null
  erc8004_registered_at: Date | null
  monetization_enabled: boolean
  inference_markup_percentage: string
  payout_wallet_address: string | null
  total_inference_requests: number
  total_creator_earnings: string
  total_platform_revenue: string
  a2a_enabled: boolean
  mcp_enabled: boolean
  created_at: Date
  updated_at: Date
}

/** The row as JSON, in column order: what GET /{id} and GET /api/v1/agents/{id} return. */
export function serializeCharacter(row: CharacterRow): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(row)) {
    out[key] = value instanceof Date ? value.toISOString() : value
  }
  return out
}

/** Reads one character by id; a non-UUID id makes Postgres throw, as in the cloud. */
export async function findCharacter(db: Queryable, id: string): Promise<CharacterRow | undefined> {
  const { rows } = await db.query<CharacterRow>('SELECT * FROM user_characters WHERE id = $1', [id])
  return rows[0]
}

// ─── Usernames ────────────────────────────────────────────────────────────────────────────

/** 3–30 chars of `a-z0-9` with single inner hyphens (docs/cloud/agents.md, `username`). */
export const USERNAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
export const USERNAME_MIN = 3
export const USERNAME_MAX = 30

function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

async function usernameTaken(db: Queryable, username: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM user_characters WHERE username = $1', [username])
  return rows.length > 0
}

/**
 * The handle the cloud derives from a name on create: `"Support Bot"` → `support-bot`, then
 * `support-bot-2`, … (docs/cloud/agents.md). A name with fewer than 3 usable characters becomes `agent-…`.
 */
export async function generateUsername(db: Queryable, name: string): Promise<string> {
  let base = slugify(name).slice(0, USERNAME_MAX).replace(/-+$/, '')
  if (base.length < USERNAME_MIN) base = base ? `agent-${base}` : 'agent'
  if (!(await usernameTaken(db, base))) return base
  for (let n = 2; ; n++) {
    const suffix = `-${n}`
    const candidate = `${base.slice(0, USERNAME_MAX - suffix.length).replace(/-+$/, '')}${suffix}`
    if (!(await usernameTaken(db, candidate))) return candidate
  }
}

/** Why a caller-chosen username is refused, or null when it is usable. */
export async function usernameProblem(db: Queryable, username: string): Promise<string | null> {
  if (username.length < USERNAME_MIN || username.length > USERNAME_MAX) {
    return `Username must be between ${USERNAME_MIN} and ${USERNAME_MAX} characters`
  }
  if (!USERNAME_PATTERN.test(username)) {
    return 'Username can only contain lowercase letters, numbers, and single hyphens'
  }
  if (await usernameTaken(db, username)) return 'Username is already taken'
  return null
}

// ─── Token linkage ────────────────────────────────────────────────────────────────────────

const EVM_CHAINS = new Set([
  'ethereum',
  'base',
  'bsc',
  'polygon',
  'arbitrum',
  'optimism',
  'avalanche',
  'sepolia',
  'base-sepolia',
])

/** EVM addresses are stored lower-cased; others (e.g. Solana) keep their case (docs/cloud/agents.md). */
export function normalizeTokenAddress(address: string, chain: string | undefined): string {
  const trimmed = address.trim()
  const evm = chain ? EVM_CHAINS.has(chain.toLowerCase()) : /^0x[0-9a-fA-F]{40}$/.test(trimmed)
  return evm ? trimmed.toLowerCase() : trimmed
}

/** The named extension of this family (docs/cloud/README.md "Sandbox policy"); off in strict mode. */
export const CHARACTER_UPDATE_EXTENSION = 'Character update with an API key'

// ─── List ─────────────────────────────────────────────────────────────────────────────────

export type ListRow = Pick<
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

export const SORTS = ['newest', 'updated', 'name', 'popularity'] as const
export type SortBy = (typeof SORTS)[number]

export function matchesSearch(row: ListRow, needle: string): boolean {
  const bio = Array.isArray(row.bio) ? row.bio : [row.bio]
  return [row.name, ...bio].some((text) => text.toLowerCase().includes(needle))
}

export function compare(sortBy: SortBy, a: ListRow, b: ListRow): number {
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
export function listItem(row: ListRow) {
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
export async function readJson(c: Context): Promise<JsonResult> {
  try {
    return { ok: true, value: await c.req.json() }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) }
  }
}

/** The origin the caller used, for the endpoint URLs the cloud builds from its own origin. */
export const originOf = (c: Context) => new URL(c.req.url).origin

export const endpoints = (origin: string, id: string) => ({
  a2aEndpoint: `${origin}/api/agents/${id}/a2a`,
  mcpEndpoint: `${origin}/api/agents/${id}/mcp`,
})

export function shareInfo(origin: string, row: CharacterRow, withProtocols: boolean) {
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
export const UPDATE_COLUMNS: Record<string, string> = {
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
export const JSON_COLUMNS = new Set([
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
