import { z } from 'zod/mini'

/**
 * One item of GET /api/my-agents/characters: a projection with camelCase and snake_case
 * duplicates (docs/cloud/agents.md). Our code says "agent"; the mapping from "character" happens here.
 */
export const agentSummarySchema = z.pipe(
  z.object({
    id: z.string(),
    name: z.string(),
    bio: z.nullish(z.union([z.string(), z.array(z.string())])),
    avatarUrl: z.nullish(z.string()),
    category: z.nullish(z.string()),
    isPublic: z.optional(z.boolean()),
    createdAt: z.string(),
    updatedAt: z.optional(z.string()),
    tags: z.optional(z.array(z.string())),
  }),
  z.transform((c) => ({
    id: c.id,
    name: c.name,
    bio: Array.isArray(c.bio) ? c.bio.join('\n') : (c.bio ?? ''),
    avatarUrl: c.avatarUrl ?? null,
    category: c.category ?? null,
    isPublic: c.isPublic ?? false,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt ?? c.createdAt,
    tags: c.tags ?? [],
  })),
)
export type AgentSummary = z.infer<typeof agentSummarySchema>

export const paginationSchema = z.object({
  page: z.number(),
  limit: z.number(),
  totalPages: z.number(),
  totalCount: z.number(),
  hasMore: z.boolean(),
})
export type Pagination = z.infer<typeof paginationSchema>

/** `{ success, data: { characters, pagination } }` → `{ agents, pagination }`. */
export const agentPageSchema = z.pipe(
  z.object({
    data: z.object({
      characters: z.array(agentSummarySchema),
      pagination: paginationSchema,
    }),
  }),
  z.transform(({ data }) => ({ agents: data.characters, pagination: data.pagination })),
)
export type AgentPage = z.infer<typeof agentPageSchema>

export type AgentListParams = {
  page?: number
  /** 1–1000; send integers, a non-numeric value breaks the cloud's paging (docs/cloud/agents.md). */
  limit?: number
  search?: string
  category?: string
  sortBy?: 'newest' | 'updated' | 'name' | 'popularity'
  order?: 'asc' | 'desc'
}

// ─── One agent (the full character row) ───────────────────────────────────────────────────

const stringList = z.optional(z.nullable(z.array(z.string())))

const messageTurnSchema = z.object({
  name: z.string(),
  content: z.object({ text: z.string() }),
})
export type MessageTurn = z.infer<typeof messageTurnSchema>

const knowledgeItemSchema = z.union([z.string(), z.object({ path: z.string() })])

/**
 * The full character of GET /api/my-agents/characters/{id} (docs/cloud/agents.md "Character object"),
 * mapped to camelCase. `secrets` are returned in clear by the cloud and deliberately dropped here,
 * so the console never renders or exports them.
 */
export const agentDetailFields = z.object({
  id: z.string(),
  name: z.string(),
  username: z.nullish(z.string()),
  system: z.nullish(z.string()),
  bio: z.nullish(z.union([z.string(), z.array(z.string())])),
  message_examples: z.optional(z.nullable(z.array(z.array(messageTurnSchema)))),
  post_examples: stringList,
  topics: stringList,
  adjectives: stringList,
  knowledge: z.optional(z.nullable(z.array(knowledgeItemSchema))),
  plugins: stringList,
  style: z.optional(
    z.nullable(
      z.object({
        all: z.optional(z.array(z.string())),
        chat: z.optional(z.array(z.string())),
        post: z.optional(z.array(z.string())),
      }),
    ),
  ),
  settings: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
  avatar_url: z.nullish(z.string()),
  category: z.nullish(z.string()),
  tags: stringList,
  is_public: z.optional(z.boolean()),
  created_at: z.string(),
  updated_at: z.string(),
})

const toAgent = (c: z.infer<typeof agentDetailFields>) => ({
  id: c.id,
  name: c.name,
  username: c.username ?? null,
  system: c.system ?? '',
  bio: Array.isArray(c.bio) ? c.bio : c.bio ? [c.bio] : [],
  messageExamples: c.message_examples ?? [],
  postExamples: c.post_examples ?? [],
  topics: c.topics ?? [],
  adjectives: c.adjectives ?? [],
  knowledge: (c.knowledge ?? []).map((k) => (typeof k === 'string' ? k : k.path)),
  plugins: c.plugins ?? [],
  style: { all: c.style?.all ?? [], chat: c.style?.chat ?? [], post: c.style?.post ?? [] },
  settings: c.settings ?? {},
  avatarUrl: c.avatar_url ?? null,
  category: c.category ?? null,
  tags: c.tags ?? [],
  isPublic: c.is_public ?? false,
  createdAt: c.created_at,
  updatedAt: c.updated_at,
})
export type Agent = ReturnType<typeof toAgent>

/** `{ success, data: { character } }` → `Agent` (GET and the PATCH extension). */
export const agentResponseSchema = z.pipe(
  z.object({ data: z.object({ character: agentDetailFields }) }),
  z.transform(({ data }) => toAgent(data.character)),
)

/** POST /api/v1/app/agents → 201 `{ success, agent: { id, name, username, … } }`. */
export const createdAgentSchema = z.object({
  agent: z.object({ id: z.string(), name: z.string(), username: z.nullish(z.string()) }),
})

/** POST …/{id}/clone → `{ success, data: { character } }` (200, not 201). */
export const clonedAgentSchema = agentResponseSchema

// ─── Hosted runtimes ──────────────────────────────────────────────────────────────────────

/** The key the console puts in a runtime's agentConfig: the API has no runtime → character field. */
export const CONSOLE_CHARACTER_KEY = 'consoleCharacterId'

/** GET /api/compat/agents: `{ success, data: [ {agent_id, agent_config, status, …} ] }`. */
export const compatRuntimeListSchema = z.pipe(
  z.object({
    data: z.array(
      z.object({
        agent_id: z.string(),
        agent_name: z.string(),
        status: z.string(),
        agent_config: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
        created_at: z.string(),
      }),
    ),
  }),
  z.transform(({ data }) =>
    data.map((r) => ({
      id: r.agent_id,
      name: r.agent_name,
      characterId:
        typeof r.agent_config?.[CONSOLE_CHARACTER_KEY] === 'string'
          ? (r.agent_config[CONSOLE_CHARACTER_KEY] as string)
          : null,
      createdAt: r.created_at,
    })),
  ),
)

export const RUNTIME_STATUSES = [
  'pending',
  'provisioning',
  'running',
  'stopped',
  'disconnected',
  'error',
] as const
export type RuntimeStatus = (typeof RUNTIME_STATUSES)[number]

/** GET /api/v1/milady/agents/{id}: `{ success, data: { id, status, databaseStatus, … } }`. */
export const runtimeSchema = z.pipe(
  z.object({
    data: z.object({
      id: z.string(),
      agentName: z.nullish(z.string()),
      status: z.enum(RUNTIME_STATUSES),
      databaseStatus: z.string(),
      bridgeUrl: z.nullish(z.string()),
      lastHeartbeatAt: z.nullish(z.string()),
      errorMessage: z.nullish(z.string()),
      updatedAt: z.string(),
    }),
  }),
  z.transform(({ data }) => data),
)
export type Runtime = z.infer<typeof runtimeSchema>

/** POST /api/v1/milady/agents → 201 `{ success, data: { id, agentName, status } }`. */
export const createdRuntimeSchema = z.object({ data: z.object({ id: z.string() }) })

/** The list page's filters; the page number is the infinite query's own page param. */
export type AgentBrowseParams = {
  search?: string
  category?: string
  sortBy: 'newest' | 'updated' | 'name'
  order: 'asc' | 'desc'
}
