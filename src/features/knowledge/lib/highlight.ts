// Marks the words of a query in a fragment, as text segments (rendered as <mark>, never as HTML).
// The cloud's ranking is semantic (the sandbox's is full-text), so this is only a reading aid:
// a fragment may rank high without sharing a word with the query.

/** Words too common to be worth marking. */
const STOP_WORDS = new Set(
  (
    'a an and are as at be but by can do does for from has have how i if in into is it its me my ' +
    'no not of on or our so than that the their them then there these they this to was we were ' +
    'what when where which who why will with you your'
  ).split(' '),
)

/** Crude English stem, enough to mark "deploying" for "deploy" and "containers" for "container". */
function stem(word: string): string {
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
      return word.slice(0, -suffix.length)
    }
  }
  return word
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu

/** The distinct stems of a query's meaningful words, longest first. */
export function queryTerms(query: string): string[] {
  const terms = new Set<string>()
  for (const [word] of query.toLowerCase().matchAll(WORD)) {
    if (word.length < 2 || STOP_WORDS.has(word)) continue
    terms.add(stem(word))
  }
  return [...terms].sort((a, b) => b.length - a.length)
}

export type Segment = { text: string; isMatch: boolean }

/**
 * Splits `text` into segments; a word whose lower-case form starts with a query term (its stem)
 * is a match. Joining the segments' text gives `text` back unchanged.
 */
export function highlightSegments(text: string, terms: readonly string[]): Segment[] {
  if (terms.length === 0 || text === '') return [{ text, isMatch: false }]
  const segments: Segment[] = []
  let last = 0
  for (const match of text.matchAll(WORD)) {
    const word = match[0]
    const lower = word.toLowerCase()
    if (!terms.some((t) => lower.startsWith(t) && (t.length >= 3 || lower === t))) continue
    const start = match.index
    if (start > last) segments.push({ text: text.slice(last, start), isMatch: false })
    segments.push({ text: word, isMatch: true })
    last = start + word.length
  }
  if (last < text.length) segments.push({ text: text.slice(last), isMatch: false })
  return segments.length > 0 ? segments : [{ text, isMatch: false }]
}
