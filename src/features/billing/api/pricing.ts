import { queryOptions } from '@tanstack/react-query'
import { z } from 'zod/mini'
import { api } from '@/lib/api-client'
import { billingKeys } from './keys'

// GET /api/v1/pricing/summary (docs/billing-payments.md §Price list): USD, markup included.

export const pricingKeys = {
  summary: () => [...billingKeys.all, 'pricing'] as const,
}

const sectionSchema = z.object({
  unit: z.string(),
  isVariable: z.optional(z.boolean()),
  estimatedRange: z.optional(z.object({ min: z.number(), max: z.number() })),
  cost: z.optional(z.number()),
  description: z.catch(z.string(), ''),
})

export const pricingSummarySchema = z.pipe(
  z.object({
    asOf: z.string(),
    pricing: z.record(z.string(), sectionSchema),
    warnings: z.optional(z.array(z.string())),
  }),
  z.transform(({ asOf, pricing, warnings }) => ({
    asOf,
    warnings: warnings ?? [],
    sections: Object.entries(pricing).map(([id, s]) => ({ id, ...s })),
  })),
)
export type PricingSummary = z.infer<typeof pricingSummarySchema>
export type PriceSection = PricingSummary['sections'][number]

export const pricingSummaryQuery = () =>
  queryOptions({
    queryKey: pricingKeys.summary(),
    queryFn: ({ signal }) =>
      api.get('/api/v1/pricing/summary', { signal, schema: pricingSummarySchema }),
    staleTime: 5 * 60_000,
  })

const SECTION_NAMES: Record<string, string> = {
  'chat-completions': 'Chat completions',
  'generate-image': 'Image generation',
  'generate-video': 'Video generation',
  'voice-tts': 'Text to speech',
  'voice-stt': 'Speech to text',
  'voice-clone': 'Voice cloning',
}
/** A readable name for a section id; unknown ids are shown as sent. */
export const sectionName = (id: string) => SECTION_NAMES[id] ?? id

/** Spells a unit out: "1k tokens" → "per 1,000 tokens". */
export function perUnit(unit: string): string {
  const m = /^(\d+)k\s+(.+)$/i.exec(unit.trim())
  if (m) return `per ${(Number(m[1]) * 1000).toLocaleString('en-US')} ${m[2]}`
  return `per ${unit}`
}

/** Sections whose name, id, unit or description contain every word of `q` (case-insensitive). */
export function filterSections(sections: PriceSection[], q: string): PriceSection[] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return sections
  return sections.filter((s) => {
    const hay = `${sectionName(s.id)} ${s.id} ${s.unit} ${s.description}`.toLowerCase()
    return words.every((w) => hay.includes(w))
  })
}

const GROUP_NAMES: Record<string, string> = {
  chat: 'Chat',
  generate: 'Image and video',
  voice: 'Voice',
}
/**
 * The API's own grouping: section ids are `<family>-<operation>` (`voice-tts`, `voice-stt`), so
 * sections are grouped by the part before the first dash, in the order the API sent them.
 */
export function groupSections(sections: PriceSection[]) {
  const groups = new Map<string, { id: string; name: string; sections: PriceSection[] }>()
  for (const section of sections) {
    const family = section.id.split('-')[0] ?? section.id
    let group = groups.get(family)
    if (!group) {
      group = { id: family, name: GROUP_NAMES[family] ?? family, sections: [] }
      groups.set(family, group)
    }
    group.sections.push(section)
  }
  return [...groups.values()]
}
