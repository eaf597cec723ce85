// Sharing, publishing and monetization of an agent (docs/cloud/agents.md "Updating a character": the only
// changes an API key may make to a character). Kept out of schemas.ts and queries.ts, which the
// overview loads on the first page.
import { queryOptions } from '@tanstack/react-query'
import { z } from 'zod/mini'
import { api } from '@/lib/api-client'
import { agentKeys } from './keys'

/** GET/PUT /api/my-agents/characters/{id}/share → `{ success, data: { isPublic, shareUrl, shareInfo } }`. */
const shareInfoSchema = z.object({
  chatUrl: z.string(),
  dashboardChatUrl: z.optional(z.string()),
  // Listed by GET only for ERC-8004 registered agents.
  a2aEndpoint: z.optional(z.string()),
  mcpEndpoint: z.optional(z.string()),
})
export const shareStatusSchema = z.pipe(
  z.object({
    data: z.object({
      isPublic: z.boolean(),
      shareUrl: z.nullish(z.string()),
      shareInfo: z.nullish(shareInfoSchema),
      message: z.optional(z.string()),
    }),
  }),
  z.transform(({ data }) => ({
    isPublic: data.isPublic,
    shareUrl: data.shareUrl ?? null,
    a2aEndpoint: data.shareInfo?.a2aEndpoint ?? null,
    mcpEndpoint: data.shareInfo?.mcpEndpoint ?? null,
    message: data.message ?? null,
  })),
)
export type ShareStatus = z.infer<typeof shareStatusSchema>

/** POST/DELETE /api/v1/agents/{id}/publish → `{ success, message, agent: { … } }`. */
export const publishResultSchema = z.pipe(
  z.object({
    message: z.string(),
    agent: z.object({
      id: z.string(),
      isPublic: z.boolean(),
      a2aEndpoint: z.optional(z.string()),
      mcpEndpoint: z.optional(z.string()),
    }),
  }),
  z.transform(({ message, agent }) => ({
    message,
    isPublic: agent.isPublic,
    a2aEndpoint: agent.a2aEndpoint ?? null,
    mcpEndpoint: agent.mcpEndpoint ?? null,
  })),
)
export type PublishResult = z.infer<typeof publishResultSchema>

/** GET/PUT /api/v1/agents/{id}/monetization → `{ success, monetization: { … } }` (PUT: fewer fields). */
export const monetizationSchema = z.pipe(
  z.object({
    monetization: z.object({
      enabled: z.boolean(),
      markupPercentage: z.number(),
      payoutWalletAddress: z.nullish(z.string()),
      isPublic: z.boolean(),
      totalEarnings: z.optional(z.number()),
      totalRequests: z.optional(z.number()),
      a2aEnabled: z.optional(z.boolean()),
      mcpEnabled: z.optional(z.boolean()),
    }),
  }),
  z.transform(({ monetization: m }) => ({
    ...m,
    payoutWalletAddress: m.payoutWalletAddress ?? null,
  })),
)
export type Monetization = z.infer<typeof monetizationSchema>

// ─── Form inputs (the cloud's limits) ─────────────────────────────────────────────────────

/** Markup on inference, in percent: 0–1000 (docs/cloud/agents.md). Kept as text in the form. */
const markupText = z.string().check(
  z.trim(),
  z.refine((v) => v !== '' && Number.isFinite(Number(v)), 'Enter a number'),
  z.refine((v) => Number(v) >= 0 && Number(v) <= 1000, 'Between 0 and 1000'),
)
const walletText = z.string().check(z.trim(), z.maxLength(256))

/**
 * Publish: the cloud silently replaces an invalid body with the defaults (docs/cloud/agents.md), so every
 * rule is checked here, before the request.
 */
export const publishAgentInput = z.object({
  a2aEnabled: z.boolean(),
  mcpEnabled: z.boolean(),
  enableMonetization: z.boolean(),
  markupPercentage: markupText,
  payoutWalletAddress: walletText,
})
export type PublishAgentValues = z.infer<typeof publishAgentInput>

export const monetizationInput = z.object({
  enabled: z.boolean(),
  markupPercentage: markupText,
  payoutWalletAddress: walletText,
})
export type MonetizationValues = z.infer<typeof monetizationInput>

/** Form values → the publish body; an empty wallet is left out (the cloud keeps the old one). */
export function toPublishBody(v: PublishAgentValues) {
  return {
    a2aEnabled: v.a2aEnabled,
    mcpEnabled: v.mcpEnabled,
    enableMonetization: v.enableMonetization,
    markupPercentage: Number(v.markupPercentage),
    ...(v.payoutWalletAddress.trim() ? { payoutWalletAddress: v.payoutWalletAddress.trim() } : {}),
  }
}

/** Form values → the PUT body; the cloud cannot clear a wallet (COALESCE), so empty means "keep". */
export function toMonetizationBody(v: MonetizationValues) {
  return {
    monetizationEnabled: v.enabled,
    markupPercentage: Number(v.markupPercentage),
    ...(v.payoutWalletAddress.trim() ? { payoutWalletAddress: v.payoutWalletAddress.trim() } : {}),
  }
}

// ─── Queries ──────────────────────────────────────────────────────────────────────────────

export const agentShareQuery = (id: string) =>
  queryOptions({
    queryKey: agentKeys.share(id),
    queryFn: ({ signal }) =>
      api.get(`/api/my-agents/characters/${id}/share`, { signal, schema: shareStatusSchema }),
  })

export const agentMonetizationQuery = (id: string) =>
  queryOptions({
    queryKey: agentKeys.monetization(id),
    queryFn: ({ signal }) =>
      api.get(`/api/v1/agents/${id}/monetization`, { signal, schema: monetizationSchema }),
  })
