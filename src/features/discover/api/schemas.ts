import { z } from 'zod/mini'

// Shapes of the public directory, the agent card and per-agent chat (docs/discover.md). Unknown
// keys are dropped; only what the pages show is required.

export const servicePricingSchema = z.object({
  type: z.enum(['free', 'credits', 'x402', 'subscription']),
  amount: z.optional(z.number()),
  currency: z.optional(z.string()),
  description: z.optional(z.string()),
})
export type ServicePricing = z.infer<typeof servicePricingSchema>

/** One service of GET /api/v1/discovery (docs/discover.md §Directory response). */
export const serviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  type: z.enum(['agent', 'mcp']),
  source: z.optional(z.string()),
  image: z.optional(z.string()),
  category: z.optional(z.string()),
  tags: z.array(z.string()),
  active: z.boolean(),
  a2aEndpoint: z.optional(z.string()),
  mcpEndpoint: z.optional(z.string()),
  mcpTools: z.array(z.string()),
  a2aSkills: z.array(z.string()),
  x402Support: z.boolean(),
  verified: z.boolean(),
  slug: z.optional(z.string()),
  pricing: servicePricingSchema,
})
export type Service = z.infer<typeof serviceSchema>
export type ServiceType = Service['type']

export const discoveryPageSchema = z.object({
  services: z.array(serviceSchema),
  total: z.number(),
  hasMore: z.boolean(),
  pagination: z.object({ limit: z.number(), offset: z.number() }),
  cached: z.boolean(),
})
export type DiscoveryPage = z.infer<typeof discoveryPageSchema>

/** GET /api/agents/{id}/a2a (docs/discover.md §Agent card). Prices are display values. */
export const agentCardSchema = z.object({
  name: z.string(),
  description: z.string(),
  image: z.optional(z.string()),
  version: z.optional(z.string()),
  capabilities: z.optional(
    z.object({
      streaming: z.optional(z.boolean()),
      pushNotifications: z.optional(z.boolean()),
      stateTransitionHistory: z.optional(z.boolean()),
    }),
  ),
  authentication: z.optional(
    z.object({
      schemes: z.array(z.object({ scheme: z.string(), description: z.optional(z.string()) })),
    }),
  ),
  skills: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.optional(z.string()),
      pricing: z.optional(
        z.object({
          type: z.string(),
          inputCostPer1k: z.optional(z.number()),
          outputCostPer1k: z.optional(z.number()),
          amount: z.optional(z.number()),
          markupPercentage: z.optional(z.number()),
        }),
      ),
    }),
  ),
  pricing: z.optional(
    z.object({
      currency: z.optional(z.string()),
      paymentMethods: z.optional(z.array(z.string())),
      minimumPayment: z.optional(z.number()),
    }),
  ),
})
export type AgentCard = z.infer<typeof agentCardSchema>

/** The `result` of the per-agent `chat` method (docs/discover.md §Per-agent chat). */
export const agentChatResultSchema = z.object({
  content: z.string(),
  model: z.string(),
  usage: z.object({
    prompt_tokens: z.number(),
    completion_tokens: z.number(),
    total_tokens: z.number(),
  }),
  cost: z.object({ base: z.number(), markup: z.number(), total: z.number() }),
})
export type AgentChatResult = z.infer<typeof agentChatResultSchema>

/** Either a result or an error: several errors arrive with HTTP 200 (docs/discover.md). */
export const agentRpcResponseSchema = z.object({
  jsonrpc: z.literal('2.0'),
  result: z.optional(z.unknown()),
  error: z.optional(z.object({ code: z.number(), message: z.string() })),
  id: z.nullable(z.union([z.string(), z.number()])),
})

export type ChatTurn = { role: 'user' | 'assistant'; content: string }

/** Limits of the Try-it box, checked before any request. */
export const TRY_IT_MAX_CHARS = 4000
