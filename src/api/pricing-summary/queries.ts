import { queryOptions } from '@tanstack/react-query'
import { z } from 'zod/mini'
import { api } from '@/lib/api-client'

// GET /api/v1/pricing/summary (docs/cloud/billing.md §10, docs/cloud/media.md §6): the cloud's live
// USD price ranges, markup included. The only price source the API exposes for media (per-model
// prices are not published), and the billing price list. One query, one cache entry, for both.

export const pricingSummaryKeys = {
  all: ['pricing-summary'] as const,
}

const range = z.object({ min: z.number(), max: z.number() })
export const pricingSummarySchema = z.object({
  asOf: z.string(),
  pricing: z.record(
    z.string(),
    z.object({
      unit: z.string(),
      isVariable: z.optional(z.boolean()),
      estimatedRange: z.optional(range),
      cost: z.optional(z.number()),
      description: z.catch(z.string(), ''),
    }),
  ),
  warnings: z.optional(z.array(z.string())),
})
export type PricingSummary = z.infer<typeof pricingSummarySchema>
export type PricingSection = PricingSummary['pricing'][string]

export const pricingSummaryQuery = () =>
  queryOptions({
    queryKey: pricingSummaryKeys.all,
    queryFn: ({ signal }) =>
      api.get('/api/v1/pricing/summary', { signal, schema: pricingSummarySchema }),
    // The cloud refreshes its catalog every 15 minutes (docs/cloud/media.md §1).
    staleTime: 5 * 60_000,
  })
