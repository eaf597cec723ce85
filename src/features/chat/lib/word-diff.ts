export type DiffPart = { text: string; kind: 'same' | 'added' | 'removed' }

const MAX_WORDS = 3000

/**
 * A word-level diff of `b` against `a` (longest common subsequence over words, whitespace kept
 * with the word before it). Texts longer than MAX_WORDS words are compared as one changed block.
 */
export function wordDiff(a: string, b: string): DiffPart[] {
  const x = a.match(/\S+\s*/g) ?? []
  const y = b.match(/\S+\s*/g) ?? []
  if (x.length * y.length > MAX_WORDS * MAX_WORDS) {
    return [
      { text: a, kind: 'removed' },
      { text: b, kind: 'added' },
    ]
  }
  const key = (w: string) => w.trim()
  // lcs[i][j]: common words of x[i..] and y[j..]
  const lcs: Uint16Array[] = Array.from(
    { length: x.length + 1 },
    () => new Uint16Array(y.length + 1),
  )
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      const row = lcs[i] as Uint16Array
      row[j] =
        key(x[i] ?? '') === key(y[j] ?? '')
          ? (lcs[i + 1]?.[j + 1] ?? 0) + 1
          : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0)
    }
  }
  const parts: DiffPart[] = []
  const push = (text: string, kind: DiffPart['kind']) => {
    const last = parts[parts.length - 1]
    if (last && last.kind === kind) last.text += text
    else parts.push({ text, kind })
  }
  let i = 0
  let j = 0
  while (i < x.length && j < y.length) {
    if (key(x[i] ?? '') === key(y[j] ?? '')) {
      push(y[j] ?? '', 'same')
      i++
      j++
    } else if ((lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0)) push(x[i++] ?? '', 'removed')
    else push(y[j++] ?? '', 'added')
  }
  while (i < x.length) push(x[i++] ?? '', 'removed')
  while (j < y.length) push(y[j++] ?? '', 'added')
  return parts
}
