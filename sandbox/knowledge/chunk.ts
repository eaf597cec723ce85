// Splits a document into overlapping fragments. @elizaos/plugin-knowledge 1.6 (docs/cloud/knowledge.md, top)
// chunks at 500 tokens with 100 tokens of overlap and estimates 3.5 characters per token; the
// note gives no sizes of its own, so the sandbox uses those, in characters.

export const CHUNK_CHARS = 500 * 3.5
export const OVERLAP_CHARS = 100 * 3.5

// Coarsest first: paragraphs, lines, sentences, words, then a hard cut.
const SEPARATORS = ['\n\n', '\n', '. ', ' ']

/** Cuts `text` into pieces of at most `size` characters, at the coarsest separator that works. */
function atomize(text: string, size: number, separators: readonly string[]): string[] {
  if (text.length <= size) return [text]
  const index = separators.findIndex((sep) => text.includes(sep))
  if (index === -1) {
    const out: string[] = []
    for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size))
    return out
  }
  const sep = separators[index] as string
  const rest = separators.slice(index + 1)
  const parts = text.split(sep)
  // Keep the separator with the piece before it, so joining the pieces restores the text.
  return parts.flatMap((part, i) => atomize(i < parts.length - 1 ? part + sep : part, size, rest))
}

/** The last ≤ `overlap` characters of `chunk`, starting at a word boundary when there is one. */
function tail(chunk: string, overlap: number): string {
  if (chunk.length <= overlap) return chunk
  const cut = chunk.slice(-overlap)
  const space = cut.indexOf(' ')
  return space === -1 ? cut : cut.slice(space + 1)
}

/**
 * Greedily packs the pieces into fragments of ≤ `size` characters; each new fragment starts
 * with the tail of the previous one. Whitespace-only text has no fragments.
 */
export function splitIntoChunks(
  text: string,
  size: number = CHUNK_CHARS,
  overlap: number = OVERLAP_CHARS,
): string[] {
  const clean = text.trim()
  if (!clean) return []
  const chunks: string[] = []
  let current = ''
  for (const piece of atomize(clean, size, SEPARATORS)) {
    if (current && current.length + piece.length > size) {
      chunks.push(current.trim())
      const carried = tail(current, overlap)
      current = carried.length + piece.length <= size ? carried + piece : piece
    } else {
      current += piece
    }
  }
  if (current.trim()) chunks.push(current.trim())
  return chunks
}
