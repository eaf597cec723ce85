// Request and response schemas of the API-key routes (docs/cloud/api-keys.md). The request rules are the
// cloud's: `name` trimmed 1–100, ≤ 50 non-blank permissions, `rate_limit` 1–100000 (numeric
// strings accepted), `expires_at` an ISO date or null; a blank description becomes null.
// Validation failures are reported with zod's own issue objects (docs/cloud/auth-errors-limits.md E5).
import { z } from 'zod'

/** The product description's permission names (docs/cloud/README.md, "Sandbox policy"). */
export const PERMISSIONS = [
  'chat',
  'embeddings',
  'images',
  'video',
  'voice',
  'knowledge',
  'agents',
  'apps',
] as const
export type Permission = (typeof PERMISSIONS)[number]

// Free-form strings as in the cloud; only the names above are enforced (permissions.ts).
const permissions = z
  .array(z.string().trim().min(1))
  .max(50)
  .meta({
    description:
      'Free-form strings (≤ 50). The sandbox enforces chat, embeddings, images, video, voice, ' +
      'knowledge, agents, apps; a list with none of them grants everything.',
    example: ['chat', 'embeddings'],
  })

const rateLimit = z.coerce
  .number()
  .int()
  .min(1)
  .max(100000)
  .meta({ description: 'Requests per minute (enforced by the sandbox, stored only by the cloud)' })

const expiresAt = z
  .union([z.string().trim().min(1), z.null()])
  .optional()
  .refine(
    (value) => value === undefined || value === null || !Number.isNaN(Date.parse(value)),
    'expires_at must be a valid ISO date',
  )
  .transform((value) => (value === undefined || value === null ? value : new Date(value)))
  .meta({ description: 'ISO date after which the key stops authenticating; null = never' })

const blankToNull = (value: string) => value.trim() || null

export const createApiKeyBody = z.object({
  name: z.string().trim().min(1, 'Name is required').max(100),
  description: z
    .union([z.string(), z.null()])
    .optional()
    .transform((value) => (value == null ? null : blankToNull(value))),
  permissions: permissions.default([]),
  rate_limit: rateLimit.default(1000),
  expires_at: expiresAt,
})

export const updateApiKeyBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    // Unlike create, an absent description stays absent (no change).
    description: z
      .union([z.string(), z.null()])
      .optional()
      .transform((value) => (value == null ? value : blankToNull(value))),
    permissions: permissions.optional(),
    rate_limit: rateLimit.optional(),
    is_active: z.boolean().optional(),
    expires_at: expiresAt,
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), {
    message: 'At least one field is required',
  })

export const apiKeyIdParams = z.object({ id: z.uuid().meta({ description: 'API key id' }) })

// ─── Responses ─────────────────────────────────────────────────────────────────────────────
const isoDate = z.iso.datetime()

/** What create, update and regenerate answer (update adds `is_active`). */
export const apiKeySummary = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  key_prefix: z.string().meta({ example: 'eliza_ee2a74' }),
  created_at: isoDate,
  permissions: z.array(z.string()),
  rate_limit: z.number().int(),
  expires_at: isoDate.nullable(),
})

export const createdApiKey = z.object({
  apiKey: apiKeySummary,
  plainKey: z
    .string()
    .regex(/^eliza_[0-9a-f]{64}$/)
    .meta({ description: 'The secret; shown here and never again' }),
})

export const updatedApiKey = z.object({
  apiKey: apiKeySummary.extend({ is_active: z.boolean() }),
})

/** A list item: the stored row without the plaintext secret (see routes/api-keys.ts). */
export const apiKeyRow = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  key_hash: z.string().meta({ description: 'SHA-256 hex of the secret' }),
  key_prefix: z.string(),
  organization_id: z.uuid(),
  user_id: z.uuid(),
  permissions: z.array(z.string()),
  rate_limit: z.number().int(),
  is_active: z.boolean(),
  usage_count: z.number().int(),
  expires_at: isoDate.nullable(),
  last_used_at: isoDate.nullable(),
  created_at: isoDate,
  updated_at: isoDate,
})

export const apiKeyList = z.object({ keys: z.array(apiKeyRow) })

export const explorerKey = z.object({
  apiKey: z.object({
    id: z.uuid(),
    name: z.literal('API Explorer Key'),
    description: z.string().nullable(),
    key_prefix: z.string(),
    key: z.string(),
    created_at: isoDate,
    is_active: z.boolean(),
    usage_count: z.number().int(),
    last_used_at: isoDate.nullable(),
  }),
  isNew: z.boolean(),
})

export const bareErrorBody = z.object({ error: z.string() })
export const validationErrorBody = z.object({
  error: z.literal('Validation error'),
  details: z.array(
    z.looseObject({ code: z.string(), path: z.array(z.unknown()), message: z.string() }),
  ),
})
export const rateLimitBody = z.object({
  success: z.literal(false),
  error: z.literal('Too many requests'),
  code: z.literal('rate_limit_exceeded'),
  message: z.string(),
  retryAfter: z.number(),
})
export const successBody = z.object({ success: z.literal(true) })
