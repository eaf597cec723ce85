// The documents list as the page shows it: filtered by the search box and sorted, both from the
// URL. The cloud lists newest first and has no search, so both happen in the browser over the
// pages loaded so far (the page loads every page).
import type { KnowledgeDocument } from '../api/schemas'
import type { DocumentSort } from './document-sorts'

export const SORT_LABELS: Record<DocumentSort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  name: 'Name (A–Z)',
  size: 'Largest first',
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true })

const compare: Record<DocumentSort, (a: KnowledgeDocument, b: KnowledgeDocument) => number> = {
  newest: (a, b) => b.createdAt - a.createdAt,
  oldest: (a, b) => a.createdAt - b.createdAt,
  name: (a, b) => collator.compare(a.name, b.name),
  size: (a, b) => b.size - a.size,
}

/** Documents whose name or type contains `search` (case-insensitive), in `sort` order. */
export function viewDocuments(
  documents: readonly KnowledgeDocument[],
  search: string,
  sort: DocumentSort,
): KnowledgeDocument[] {
  const needle = search.trim().toLowerCase()
  const matching = needle
    ? documents.filter(
        (d) => d.name.toLowerCase().includes(needle) || d.ext.toLowerCase().includes(needle),
      )
    : [...documents]
  // Stable: ties keep the cloud's order (newest first, then id).
  return matching.sort(compare[sort])
}

/** Pages of the list joined into one list; a document moved by a concurrent add is kept once. */
export function joinPages(pages: readonly { documents: readonly KnowledgeDocument[] }[]) {
  const seen = new Set<string>()
  const out: KnowledgeDocument[] = []
  for (const page of pages) {
    for (const doc of page.documents) {
      if (seen.has(doc.id)) continue
      seen.add(doc.id)
      out.push(doc)
    }
  }
  return out
}

export type HitSource =
  | { kind: 'document'; document: KnowledgeDocument }
  /** The list is still loading: the document may be on a page not yet loaded. */
  | { kind: 'loading'; documentId: string }
  /** Not among the agent's documents (deleted since, or a fragment without its document). */
  | { kind: 'unknown'; documentId: string | null }

/** Which document a search hit came from (`metadata.documentId`, docs/knowledge.md §Query). */
export function hitSource(
  documentId: string | null,
  byId: ReadonlyMap<string, KnowledgeDocument>,
  isListComplete: boolean,
): HitSource {
  const document = documentId ? byId.get(documentId) : undefined
  if (document) return { kind: 'document', document }
  if (documentId && !isListComplete) return { kind: 'loading', documentId }
  return { kind: 'unknown', documentId }
}
