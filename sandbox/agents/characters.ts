// Characters as the cloud stores and returns them (docs/cloud/agents.md "Character object"): the whole
// `user_characters` row, timestamps as ISO strings, numeric columns as strings.
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
