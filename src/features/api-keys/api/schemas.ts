// The key routes' answers (docs/api-keys.md §Endpoints), parsed with zod/mini and mapped to the
// console's camelCase once, here. `z.object` drops unknown keys: the cloud's list carries every
// secret (`key`) and its hash, and neither ever reaches the query cache.
import { z } from 'zod/mini'

const rowSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.nullable(z.string()),
  key_prefix: z.string(),
  permissions: z.array(z.string()),
  rate_limit: z.number(),
  is_active: z.boolean(),
  usage_count: z.number(),
  expires_at: z.nullable(z.string()),
  last_used_at: z.nullable(z.string()),
  created_at: z.string(),
})

type Row = z.infer<typeof rowSchema>

const toApiKey = (row: Row) => ({
  id: row.id,
  name: row.name,
  description: row.description,
  prefix: row.key_prefix,
  permissions: row.permissions,
  rateLimit: row.rate_limit,
  isActive: row.is_active,
  usageCount: row.usage_count,
  expiresAt: row.expires_at,
  lastUsedAt: row.last_used_at,
  createdAt: row.created_at,
})

export type ApiKey = ReturnType<typeof toApiKey>

/** GET /api/v1/api-keys. */
export const apiKeyListSchema = z.pipe(
  z.object({ keys: z.array(rowSchema) }),
  z.transform(({ keys }) => keys.map(toApiKey)),
)

/** POST /api/v1/api-keys (201) and POST /api/v1/api-keys/{id}/regenerate (200). */
export const issuedKeySchema = z.pipe(
  z.object({
    apiKey: z.object({ id: z.string(), name: z.string(), key_prefix: z.string() }),
    plainKey: z.string(),
  }),
  z.transform(({ apiKey, plainKey }) => ({
    id: apiKey.id,
    name: apiKey.name,
    prefix: apiKey.key_prefix,
    secret: plainKey,
  })),
)
export type IssuedKey = z.infer<typeof issuedKeySchema>

// ─── Create ────────────────────────────────────────────────────────────────────────────────
/** The cloud's limits (docs/api-keys.md §Create): name 1–100 after trim, rate limit 1–100000. */
export const NAME_MAX = 100
export const RATE_LIMIT_MIN = 1
export const RATE_LIMIT_MAX = 100_000
export const RATE_LIMIT_DEFAULT = 1000

export const EXPIRY_PRESETS = ['never', '7', '30', '90', '365', 'custom'] as const
export type ExpiryPreset = (typeof EXPIRY_PRESETS)[number]

const DAY_MS = 24 * 60 * 60 * 1000

export const keyNameInput = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'Give the key a name.'),
    z.maxLength(NAME_MAX, `At most ${NAME_MAX} characters.`),
  )

export const createKeyInput = z
  .object({
    name: keyNameInput,
    description: z.string(),
    permissions: z.array(z.string()),
    rateLimit: z
      .number('Enter a whole number of requests per minute.')
      .check(
        z.int('Enter a whole number of requests per minute.'),
        z.gte(RATE_LIMIT_MIN, `At least ${RATE_LIMIT_MIN}.`),
        z.lte(RATE_LIMIT_MAX, `At most ${RATE_LIMIT_MAX.toLocaleString('en-US')}.`),
      ),
    expiry: z.enum(EXPIRY_PRESETS),
    /** `yyyy-mm-dd`, used when `expiry` is `custom`. */
    expiresOn: z.string(),
  })
  .check(
    z.refine((v) => v.expiry !== 'custom' || customExpiry(v.expiresOn) !== null, {
      message: 'Pick a day after today.',
      path: ['expiresOn'],
    }),
  )
export type CreateKeyValues = z.infer<typeof createKeyInput>

/** The end of a picked day, local time; null unless it is after today. */
function customExpiry(day: string, now = Date.now()): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return null
  const end = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59, 999)
  return end.getTime() > now && Number.isFinite(end.getTime()) ? end : null
}

/** The request body of POST /api/v1/api-keys for the form's values. */
export function createKeyBody(values: CreateKeyValues, now = Date.now()) {
  const expires =
    values.expiry === 'never'
      ? null
      : values.expiry === 'custom'
        ? customExpiry(values.expiresOn, now)
        : new Date(now + Number(values.expiry) * DAY_MS)
  return {
    name: values.name.trim(),
    description: values.description.trim() || null,
    permissions: values.permissions,
    rate_limit: values.rateLimit,
    expires_at: expires ? expires.toISOString() : null,
  }
}

/** A key's state: what the sandbox and the cloud do with it now (docs/api-keys.md, key object). */
export type KeyStatus = 'active' | 'disabled' | 'expired'
export function keyStatus(key: Pick<ApiKey, 'isActive' | 'expiresAt'>, now = Date.now()) {
  if (!key.isActive) return 'disabled'
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return 'expired'
  return 'active'
}
