// Citations in the code point inside the repo: `docs/cloud/<note>.md §N` (the cloud's facts, in
// the project's words), `docs/architecture.md §N` and `docs/<area>.md §Heading`. This module finds
// them and checks that each resolves to a heading of the cited page; `citations.test.ts` runs it
// over every tracked file, and `npm run structure` reports the count of outside citations.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

/** Citations of files a clone does not have: the research notes and the style guide. */
export const OUTSIDE =
  /shared\/(cloud-api|STYLE|tools|bench)|STYLE(\.md| §)|cloud-api\/|cloud-api[ ]README/g
/** A research note cited by its bare name (outside docs/, where a bare name is a sibling page). */
export const BARE_NOTE =
  /(^|[^/a-z0-9-])(a2a-discovery|agents|analytics|api-keys|auth-errors-limits|billing|chat|containers|knowledge|media)\.md/g

export interface Citation {
  file: string
  line: number
  page: string
  /** `§4`, `§5.2`, `§Token counting`, `E9` or a quoted heading, when the citation names one. */
  section?: string
}

export interface Problem extends Citation {
  problem: string
}

// `docs/<page>.md`, `docs/cloud/<page>.md`; inside docs/, also `cloud/<page>.md` and a bare name.
const CITE =
  /(?<![\w/.-])((?:docs\/)?(?:cloud\/)?[a-z0-9-]+\.md|docs\/[a-z0-9-]+\.md)((?:,? (?:§[\w.–-]+(?: [A-Z]?[a-z]+)*|E\d+|"[^"\n]+"))?)/g

export function trackedTextFiles(): string[] {
  return execFileSync('git', ['ls-files'], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => /\.(ts|tsx|mts|mjs|js|md|sql|css|html)$/.test(f))
}

/** The citations of one file's text. */
export function citationsIn(file: string, text: string): Citation[] {
  const inDocs = file.startsWith('docs/')
  const out: Citation[] = []
  const lines = text.split('\n')
  lines.forEach((content, i) => {
    for (const m of content.matchAll(CITE)) {
      const raw = m[1] as string
      let page: string
      if (raw.startsWith('docs/')) page = raw
      else if (inDocs) {
        page = path.posix.join(path.posix.dirname(file), raw)
        // Inside docs/ a bare name is a sibling page, unless no such page exists: then it is an
        // example file name (a knowledge upload's `deploy-guide.md`), not a citation.
        if (!existsSync(page)) continue
      } else continue // a bare name outside docs/ is not a citation of ours (README.md, a fixture)
      const section = (m[2] ?? '').replace(/^,? /, '') || undefined
      out.push({ file, line: i + 1, page, ...(section && { section }) })
    }
  })
  return out
}

const headingsCache = new Map<string, string[]>()
function headings(page: string): string[] {
  let list = headingsCache.get(page)
  if (!list) {
    list = readFileSync(page, 'utf8')
      .split('\n')
      .filter((l) => /^#{1,6} /.test(l))
      .map((l) => l.replace(/^#+ /, '').replace(/`/g, '').trim())
    headingsCache.set(page, list)
  }
  return list
}

/** Why a citation does not resolve, or undefined when it does. */
export function problemOf(c: Citation): string | undefined {
  if (!existsSync(c.page)) return `${c.page} does not exist`
  if (!c.section) return undefined
  const hs = headings(c.page)
  const s = c.section.replace(/`/g, '')
  if (s === '§N') return undefined // the pattern itself, in prose about citations
  const numbered = /^§(\d+(?:\.\d+)?)/.exec(s)
  if (numbered) {
    // `§4`, `§5.2`, `§1–§5` (the first number is checked).
    const n = numbered[1] as string
    const re = new RegExp(`^(§)?${n.replace('.', '\\.')}(\\.|\\s|$)`)
    return hs.some((h) => re.test(h)) ? undefined : `no heading numbered ${n} in ${c.page}`
  }
  if (s.startsWith('§')) {
    const words = s.slice(1).toLowerCase()
    const re = new RegExp(`(^|\\W)${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)
    return hs.some((h) => re.test(h.toLowerCase()) || words.startsWith(h.toLowerCase()))
      ? undefined
      : `no heading "${s.slice(1)}" in ${c.page}`
  }
  if (/^E\d+$/.test(s)) {
    return hs.some((h) => new RegExp(`\\b${s}\\b`).test(h))
      ? undefined
      : `no ${s} heading in ${c.page}`
  }
  const quoted = s.slice(1, -1).toLowerCase()
  return hs.some((h) => h.toLowerCase().includes(quoted)) ||
    readFileSync(c.page, 'utf8').toLowerCase().includes(quoted)
    ? undefined
    : `"${s.slice(1, -1)}" is not in ${c.page}`
}

/** Every citation in the repo that does not resolve. */
export function unresolvedCitations(files = trackedTextFiles()): Problem[] {
  const problems: Problem[] = []
  for (const file of files) {
    for (const c of citationsIn(file, readFileSync(file, 'utf8'))) {
      const problem = problemOf(c)
      if (problem) problems.push({ ...c, problem })
    }
  }
  return problems
}

/** Citations pointing outside the repo, per file. */
export function outsideCitations(files = trackedTextFiles()): Record<string, number> {
  const out: Record<string, number> = {}
  for (const f of files) {
    const text = readFileSync(f, 'utf8')
    const n =
      (text.match(OUTSIDE) ?? []).length +
      (f.startsWith('docs/') ? 0 : (text.match(BARE_NOTE) ?? []).length)
    if (n) out[f] = n
  }
  return out
}
