// The export's query and answers as zod schemas, for the OpenAPI document (docs/cloud/analytics.md §1).
import { z } from 'zod'
import { EXPORT_TYPES, GRANULARITIES } from './export.ts'

export const exportQuery = z.object({
  format: z
    .string()
    .optional()
    .describe('`json`, `csv` (default; also any unknown value), `excel`/`xlsx`, `pdf` (501)'),
  type: z.enum(EXPORT_TYPES).optional().describe('Default `timeseries`; unknown values too'),
  startDate: z.string().optional().describe('Anything `new Date()` parses; default now − 30 days'),
  endDate: z.string().optional().describe('Default now; the range is at most 365 days'),
  granularity: z.enum(GRANULARITIES).optional().describe('Default `day`; used by `timeseries`'),
  includeMetadata: z.enum(['true']).optional().describe('Adds `metadata.totalRecords`'),
})

export const timeseriesRow = z.object({
  timestamp: z.string(),
  requests: z.number().int(),
  cost: z.number().describe('USD'),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  successRate: z.number(),
})
export const providerRow = z.object({
  provider: z.string(),
  requests: z.number().int(),
  cost: z.number().describe('USD'),
  tokens: z.number().int(),
  successRate: z.number(),
  percentage: z.number().describe('Share of total cost, 0–100'),
})
export const modelRow = z.object({
  model: z.string(),
  provider: z.string(),
  requests: z.number().int(),
  cost: z.string().describe('USD as a 6-decimal string (the cloud skips Number() here)'),
  tokens: z.number().int(),
  avgCostPerToken: z.number(),
  successRate: z.number(),
})
export const userRow = z.object({
  email: z.string(),
  name: z.string(),
  requests: z.number().int(),
  cost: z.number(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  lastActive: z.string(),
})

export const exportEnvelope = z.object({
  generatedAt: z.string(),
  metadata: z.object({ totalRecords: z.number().int() }).optional(),
  data: z.array(z.union([timeseriesRow, providerRow, modelRow, userRow])),
})

/** E5: `{error}`, plus `maxDays` when the range is too large. */
export const bareErrorBody = z.object({ error: z.string() })
export const rangeError = z.object({ error: z.string(), maxDays: z.number().optional() })
