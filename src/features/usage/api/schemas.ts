import { z } from 'zod/mini'

// GET /api/analytics/export?format=json (docs/analytics.md §Export). Costs are US dollars.

/** One bucket of the time series; only buckets holding records are sent (no zero-fill). */
export const seriesPointSchema = z.object({
  timestamp: z.string(),
  requests: z.number(),
  cost: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  successRate: z.number(),
})
export type SeriesPoint = z.infer<typeof seriesPointSchema>

export const seriesSchema = z.pipe(
  z.object({ generatedAt: z.string(), data: z.array(seriesPointSchema) }),
  z.transform(({ data }) => data),
)

// type=models answers `cost` as a 6-decimal string, the other types as a number
// (docs/analytics.md §Export); a number is accepted too, should the cloud fix it.
const usd = z.pipe(
  z.union([z.string(), z.number()]),
  z.transform((v) => Number(v)),
)

export const modelUsageSchema = z.object({
  model: z.string(),
  provider: z.string(),
  requests: z.number(),
  cost: usd,
  tokens: z.number(),
  successRate: z.number(),
})
export type ModelUsage = z.infer<typeof modelUsageSchema>

export const modelsSchema = z.pipe(
  z.object({ generatedAt: z.string(), data: z.array(modelUsageSchema) }),
  z.transform(({ data }) => data),
)

export const providerUsageSchema = z.object({
  provider: z.string(),
  requests: z.number(),
  cost: z.number(),
  tokens: z.number(),
  successRate: z.number(),
  percentage: z.number(),
})
export type ProviderUsage = z.infer<typeof providerUsageSchema>

export const providersSchema = z.pipe(
  z.object({ generatedAt: z.string(), data: z.array(providerUsageSchema) }),
  z.transform(({ data }) => data),
)
