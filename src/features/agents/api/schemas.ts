import { z } from 'zod/mini'

/**
 * One item of GET /api/my-agents/characters: a projection with camelCase and snake_case
 * duplicates (agents.md). Our code says "agent"; the mapping from "character" happens here.
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
  /** 1–1000; send integers, a non-numeric value breaks the cloud's paging (agents.md). */
  limit?: number
  search?: string
  category?: string
  sortBy?: 'newest' | 'updated' | 'name' | 'popularity'
  order?: 'asc' | 'desc'
}
