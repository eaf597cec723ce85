import type { PricingSummary } from '@/api/pricing-summary/queries'

// The price list of GET /api/v1/pricing/summary (docs/billing-payments.md §Price list): USD,
// markup included. The query is app-wide (src/api/pricing-summary); this is the billing view of it.

/** The summary as the price list shows it: its sections in the API's order, with their ids. */
export function priceListOf({ asOf, pricing, warnings }: PricingSummary) {
  return {
    asOf,
    warnings: warnings ?? [],
    sections: Object.entries(pricing).map(([id, s]) => ({ id, ...s })),
  }
}
export type PriceListData = ReturnType<typeof priceListOf>
export type PriceSection = PriceListData['sections'][number]

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
