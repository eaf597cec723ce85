import { defaultFilter } from 'cmdk'

/**
 * Ranks a palette command against what was typed, in tiers, so that a command whose own words match
 * always beats a loose fuzzy hit ("speak" runs "Speak text", not "Switch to dark theme", whose letters
 * merely appear in order). `keywords[0]` is the command's label; the rest are its extra keywords.
 * Within a tier the order is stable; below all tiers, cmdk's fuzzy score, scaled down.
 */
export function paletteScore(value: string, search: string, keywords: string[] = []): number {
  const query = normalize(search)
  if (!query) return 1
  const [label = '', ...extra] = keywords.map(normalize)
  const queryWords = query.split(' ')
  const labelWords = words(label)
  const extraWords = extra.flatMap(words)
  const prefixOfAny = (pool: string[]) =>
    queryWords.every((q) => pool.some((word) => word.startsWith(q)))

  if (label === query) return 1
  if (label.startsWith(query)) return 0.95
  if (prefixOfAny(labelWords)) return 0.9
  if (label.includes(query)) return 0.8
  if (extra.some((k) => k === query || k.startsWith(query))) return 0.7
  if (prefixOfAny([...labelWords, ...extraWords])) return 0.6
  if (extra.some((k) => k.includes(query))) return 0.5
  // cmdk's own fuzzy match, kept for typos and abbreviations, ranked under every word match
  return defaultFilter(value, search, keywords) * 0.4
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim()
}

function words(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean)
}

type Rankable = { id: string; label: string; group: string; keywords?: string[] }

/**
 * The palette's results for `search`: matching commands grouped, best group first (on an empty
 * search, in `groupOrder`), each group best first; ties keep their registration order. The first
 * command of the first group is the best match overall, which Enter runs.
 */
export function rankCommands<C extends Rankable>(
  commands: Iterable<C>,
  search: string,
  groupOrder: readonly string[],
): [group: string, commands: C[]][] {
  const groups = new Map<string, { best: number; items: { command: C; score: number }[] }>()
  for (const command of commands) {
    const score = paletteScore(command.id, search, [command.label, ...(command.keywords ?? [])])
    if (score <= 0) continue
    const group = groups.get(command.group) ?? { best: 0, items: [] }
    group.items.push({ command, score })
    group.best = Math.max(group.best, score)
    groups.set(command.group, group)
  }
  const order = (g: string) => (groupOrder.includes(g) ? groupOrder.indexOf(g) : groupOrder.length)
  return [...groups.entries()]
    .sort(([a, ga], [b, gb]) => gb.best - ga.best || order(a) - order(b))
    .map(([name, group]) => [
      name,
      group.items.sort((x, y) => y.score - x.score).map((item) => item.command),
    ])
}
