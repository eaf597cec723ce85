// API-key rows in PGlite (the core `api_keys` table of 0001, extended by 0008_api_keys.sql).
// The secret is generated here, handed out once and kept only as its SHA-256; see the header
// of routes/api-keys.ts for why the sandbox departs from the cloud's plaintext `key` column.
import type { Queryable } from '../core/db/client.ts'
import { generateApiKey, hashApiKey, keyPrefix } from '../core/keys.ts'

export interface ApiKeyRow {
  id: string
  name: string
  description: string | null
  key_hash: string
  key_prefix: string
  organization_id: string
  user_id: string
  permissions: string[]
  rate_limit: number
  is_active: boolean
  usage_count: number
  expires_at: Date | null
  last_used_at: Date | null
  created_at: Date
  updated_at: Date
  /** Plaintext, stored for the API Explorer key only (0008_api_keys.sql). */
  key: string | null
}

const COLUMNS = `id, name, description, key_hash, key_prefix, organization_id, user_id, permissions,
  rate_limit, is_active, usage_count, expires_at, last_used_at, created_at, updated_at, key`

const iso = (date: Date | null) => (date === null ? null : date.toISOString())

/** The list item: the cloud's raw snake_case row, minus the plaintext `key` (docs/cloud/api-keys.md). */
export function listItem(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    key_hash: row.key_hash,
    key_prefix: row.key_prefix,
    organization_id: row.organization_id,
    user_id: row.user_id,
    permissions: row.permissions,
    rate_limit: row.rate_limit,
    is_active: row.is_active,
    usage_count: row.usage_count,
    expires_at: iso(row.expires_at),
    last_used_at: iso(row.last_used_at),
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  }
}

/** The projection create and regenerate answer with (update adds `is_active`). */
export function summary(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    key_prefix: row.key_prefix,
    created_at: row.created_at.toISOString(),
    permissions: row.permissions,
    rate_limit: row.rate_limit,
    expires_at: iso(row.expires_at),
  }
}

/** Newest first; the cloud promises no order, the console gets a stable one. */
export async function listKeys(db: Queryable, organizationId: string): Promise<ApiKeyRow[]> {
  const { rows } = await db.query<ApiKeyRow>(
    `SELECT ${COLUMNS} FROM api_keys WHERE organization_id = $1 ORDER BY created_at DESC, id`,
    [organizationId],
  )
  return rows
}

/** Throws on a non-UUID id (Postgres `invalid input syntax for type uuid`), as the cloud's query does. */
export async function getKey(db: Queryable, id: string): Promise<ApiKeyRow | undefined> {
  const { rows } = await db.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1`, [id])
  return rows[0]
}

export interface NewKey {
  organizationId: string
  userId: string
  name: string
  description: string | null
  permissions: string[]
  rateLimit: number
  expiresAt: Date | null
  /** Keep the plaintext (API Explorer key only). */
  storePlaintext?: boolean
}

export async function createKey(
  db: Queryable,
  input: NewKey,
): Promise<{ row: ApiKeyRow; plainKey: string }> {
  const plainKey = generateApiKey()
  const { rows } = await db.query<ApiKeyRow>(
    `INSERT INTO api_keys (organization_id, user_id, name, description, key_hash, key_prefix,
                           permissions, rate_limit, expires_at, key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     RETURNING ${COLUMNS}`,
    [
      input.organizationId,
      input.userId,
      input.name,
      input.description,
      hashApiKey(plainKey),
      keyPrefix(plainKey),
      JSON.stringify(input.permissions),
      input.rateLimit,
      input.expiresAt,
      input.storePlaintext ? plainKey : null,
    ],
  )
  return { row: rows[0] as ApiKeyRow, plainKey }
}

export interface KeyChanges {
  name?: string
  description?: string | null
  permissions?: string[]
  rate_limit?: number
  is_active?: boolean
  expires_at?: Date | null
}

export async function updateKey(
  db: Queryable,
  id: string,
  changes: KeyChanges,
): Promise<ApiKeyRow | undefined> {
  const sets: string[] = []
  const values: unknown[] = [id]
  for (const [column, value] of Object.entries(changes)) {
    if (value === undefined) continue
    values.push(column === 'permissions' ? JSON.stringify(value) : value)
    sets.push(`${column} = $${values.length}`)
  }
  const { rows } = await db.query<ApiKeyRow>(
    `UPDATE api_keys SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1
     RETURNING ${COLUMNS}`,
    values,
  )
  return rows[0]
}

/** New secret, hash and prefix for the same record; everything else is kept (docs/cloud/api-keys.md). */
export async function regenerateKey(
  db: Queryable,
  id: string,
): Promise<{ row: ApiKeyRow; plainKey: string } | undefined> {
  const plainKey = generateApiKey()
  const { rows } = await db.query<ApiKeyRow>(
    `UPDATE api_keys
        SET key_hash = $2, key_prefix = $3, updated_at = now(),
            key = CASE WHEN key IS NULL THEN NULL ELSE $4 END
      WHERE id = $1
     RETURNING ${COLUMNS}`,
    [id, hashApiKey(plainKey), keyPrefix(plainKey), plainKey],
  )
  return rows[0] ? { row: rows[0], plainKey } : undefined
}

export async function deleteKey(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM api_keys WHERE id = $1', [id])
}

export const EXPLORER_KEY_NAME = 'API Explorer Key'
const EXPLORER_DESCRIPTION =
  'Auto-generated key for testing APIs in the API Explorer. Usage is billed to your account.'

/**
 * The caller's newest usable "API Explorer Key", or a new one (rate_limit 100, no permissions)
 * after deactivating the unusable ones (docs/cloud/api-keys.md, "explorer").
 */
export async function explorerKey(
  db: Queryable,
  organizationId: string,
  userId: string,
): Promise<{ row: ApiKeyRow; key: string; isNew: boolean }> {
  const { rows } = await db.query<ApiKeyRow>(
    `SELECT ${COLUMNS} FROM api_keys
      WHERE organization_id = $1 AND user_id = $2 AND name = $3
      ORDER BY created_at DESC, id`,
    [organizationId, userId, EXPLORER_KEY_NAME],
  )
  const now = Date.now()
  const usable = rows.find(
    (row) =>
      row.is_active &&
      row.key !== null &&
      (row.expires_at === null || row.expires_at.getTime() > now),
  )
  if (usable?.key) return { row: usable, key: usable.key, isNew: false }

  // Expired but still flagged active. A usable key without a stored secret (one named like this
  // through POST) is left alone: it works, the explorer just cannot hand it out.
  const stale = rows
    .filter((row) => row.is_active && row.expires_at !== null && row.expires_at.getTime() <= now)
    .map((row) => row.id)
  if (stale.length > 0) {
    await db.query(
      'UPDATE api_keys SET is_active = false, updated_at = now() WHERE id = ANY($1::uuid[])',
      [stale],
    )
  }
  const { row, plainKey } = await createKey(db, {
    organizationId,
    userId,
    name: EXPLORER_KEY_NAME,
    description: EXPLORER_DESCRIPTION,
    permissions: [],
    rateLimit: 100,
    expiresAt: null,
    storePlaintext: true,
  })
  return { row, key: plainKey, isNew: true }
}
