// Request schemas of the agents family, as the cloud's handlers declare them (docs/cloud/agents.md), plus
// loose response schemas for the OpenAPI document. The routes validate with these same objects.
import { z } from 'zod'

// ─── Characters ───────────────────────────────────────────────────────────────────────────

export const characterIdParams = z.object({ id: z.string() })
export const agentIdParams = z.object({ agentId: z.string() })

export const listCharactersQuery = z.object({
  search: z.string().optional(),
  category: z.string().optional(),
  sortBy: z.enum(['newest', 'updated', 'name', 'popularity']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  page: z.string().optional(),
  limit: z.string().optional(),
})

/** POST /api/v1/app/agents: the name is trimmed after the length check (docs/cloud/agents.md). */
export const createAgentBody = z.object({
  name: z
    .string()
    .max(100)
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'Name is required')),
  bio: z
    .string()
    .optional()
    .transform((s) => s?.trim()),
  tokenAddress: z.string().min(1).max(256).optional(),
  tokenChain: z.string().min(1).max(64).optional(),
  tokenName: z.string().min(1).max(128).optional(),
  tokenTicker: z.string().min(1).max(32).optional(),
})

export const shareBody = z.object({ isPublic: z.boolean() })

export const cloneBody = z.object({
  name: z.string().optional(),
  username: z.string().optional(),
  makePublic: z.boolean().optional(),
})

const messageExample = z.array(
  z.object({ name: z.string(), content: z.object({ text: z.string() }).loose() }).loose(),
)

/**
 * The named extension "Character update with an API key" (not in the cloud, see routes/agents.ts):
 * every field optional, camelCase like the MCP `update_agent` tool, at least one field required.
 */
export const updateCharacterBody = z
  .object({
    name: z.string().trim().min(1, 'Name is required').max(100).optional(),
    username: z.string().optional(),
    bio: z.union([z.string(), z.array(z.string())]).optional(),
    system: z.string().max(20_000).nullable().optional(),
    category: z.string().max(50).nullable().optional(),
    tags: z.array(z.string().max(50)).max(20).optional(),
    topics: z.array(z.string()).optional(),
    adjectives: z.array(z.string()).optional(),
    style: z
      .object({
        all: z.array(z.string()).optional(),
        chat: z.array(z.string()).optional(),
        post: z.array(z.string()).optional(),
      })
      .optional(),
    messageExamples: z.array(messageExample).optional(),
    postExamples: z.array(z.string()).optional(),
    knowledge: z
      .array(z.union([z.string(), z.object({ path: z.string(), shared: z.boolean().optional() })]))
      .optional(),
    plugins: z.array(z.string()).optional(),
    settings: z.record(z.string(), z.unknown()).optional(),
    secrets: z.record(z.string(), z.unknown()).optional(),
    avatarUrl: z.string().max(2_000_000).nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'At least one field is required' })

/** POST /publish: an invalid body is silently replaced by these defaults (docs/cloud/agents.md). */
export const publishBody = z.object({
  enableMonetization: z.boolean().default(false),
  markupPercentage: z.number().min(0).max(1000).default(0),
  payoutWalletAddress: z.string().optional(),
  a2aEnabled: z.boolean().default(true),
  mcpEnabled: z.boolean().default(true),
})

export const monetizationBody = z.object({
  monetizationEnabled: z.boolean().optional(),
  markupPercentage: z.number().min(0).max(1000).optional(),
  payoutWalletAddress: z.string().optional(),
})

// ─── Hosted runtimes ──────────────────────────────────────────────────────────────────────

export const runtimeIdParams = z.object({ id: z.string() })
export const jobIdParams = z.object({ jobId: z.string() })
export const logsQuery = z.object({ tail: z.string().optional() })

export const compatCreateBody = z.object({
  agentName: z.string().min(1).max(100),
  agentConfig: z.record(z.string(), z.unknown()).optional(),
  environmentVars: z.record(z.string(), z.string()).optional(),
})

export const suspendBody = z.object({
  reason: z.string().min(1).default('owner requested suspension'),
})

export const miladyCreateBody = z.object({
  agentName: z.string().min(1).max(100),
  characterId: z.uuid().optional(),
  agentConfig: z.record(z.string(), z.unknown()).optional(),
  environmentVars: z.record(z.string(), z.string()).optional(),
})

export const miladyPatchBody = z.object({ action: z.enum(['shutdown', 'suspend']) })

export const restoreBody = z.object({ backupId: z.uuid().optional() })

export const syncQuery = z.object({ sync: z.enum(['true', 'false']).optional() })

// ─── Response bodies (documentation only) ─────────────────────────────────────────────────

export const e6Error = z.object({
  success: z.literal(false),
  error: z.string(),
  details: z.unknown().optional(),
})
export const e2Error = e6Error.extend({ code: z.string() })
export const e5Error = z.object({ error: z.string() })
export const e10Error = z.object({
  success: z.literal(false),
  error: z.string(),
  code: z.literal('rate_limit_exceeded'),
  message: z.string(),
  retryAfter: z.number(),
})

export const characterObject = z
  .object({
    id: z.string(),
    organization_id: z.string(),
    user_id: z.string(),
    name: z.string(),
    username: z.string().nullable(),
    bio: z.union([z.string(), z.array(z.string())]),
    is_public: z.boolean(),
    inference_markup_percentage: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .loose()

export const listItem = z.object({
  id: z.string(),
  name: z.string(),
  bio: z.union([z.string(), z.array(z.string())]),
  avatarUrl: z.string().nullable(),
  avatar_url: z.string().nullable(),
  category: z.string().nullable(),
  isPublic: z.boolean(),
  is_public: z.boolean(),
  createdAt: z.string(),
  created_at: z.string(),
  updatedAt: z.string(),
  updated_at: z.string(),
  tags: z.array(z.string()),
  token_address: z.string().nullable(),
  token_chain: z.string().nullable(),
  token_name: z.string().nullable(),
  token_ticker: z.string().nullable(),
})

export const listResponse = z.object({
  success: z.literal(true),
  data: z.object({
    characters: z.array(listItem),
    pagination: z.object({
      page: z.number(),
      limit: z.number().nullable(),
      totalPages: z.number().nullable(),
      totalCount: z.number(),
      hasMore: z.boolean(),
    }),
  }),
})

export const createdAgent = z.object({
  success: z.literal(true),
  agent: z.object({
    id: z.string(),
    name: z.string(),
    username: z.string(),
    bio: z.array(z.string()),
    created_at: z.string(),
    token_address: z.string().nullable(),
    token_chain: z.string().nullable(),
    token_name: z.string().nullable(),
    token_ticker: z.string().nullable(),
  }),
})

export const compatAgent = z
  .object({ agent_id: z.string(), agent_name: z.string(), status: z.string() })
  .loose()

export const compatStatusBody = z.object({
  status: z.string(),
  lastHeartbeat: z.string().nullable(),
  bridgeUrl: z.string().nullable(),
  webUiUrl: z.string().nullable(),
  currentNode: z.string().nullable(),
  suspendedReason: z.string().nullable(),
  databaseStatus: z.string(),
})

export const compatOp = z.object({ jobId: z.string(), status: z.string(), message: z.string() })

export const envelope = <T extends z.ZodType>(data: T) =>
  z.object({ success: z.literal(true), data })

export const creditGateError = z.object({
  success: z.literal(false),
  error: z.string(),
  requiredBalance: z.number(),
  currentBalance: z.number(),
})

// ─── Doc helpers ──────────────────────────────────────────────────────────────────────────

export const hosted = 'docs/cloud/agents.md "Hosted runtime routes usable with an API key"'
export const compatErr = (description: string) => ({ description, schema: e6Error })
/** A handler without a try/catch: auth and DB failures (a non-UUID id) are an empty 500 (E9). */
export const e9 = { description: 'Auth or DB failure (non-UUID id): empty body (E9)' }
export const bare500Doc = e9
export const runtimeId = { params: runtimeIdParams }
