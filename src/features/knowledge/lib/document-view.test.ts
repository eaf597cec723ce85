import { describe, expect, it } from 'vitest'
import type { KnowledgeDocument } from '../api/schemas'
import { hitSource, joinPages, viewDocuments } from './document-view'

const doc = (id: string, name: string, createdAt: number, size: number): KnowledgeDocument => ({
  id,
  name,
  ext: name.slice(name.lastIndexOf('.')),
  contentType: 'text/plain',
  size,
  createdAt,
  text: '',
  isBase64: false,
})

const a = doc('a', 'beta.md', 3, 10)
const b = doc('b', 'Alpha 10.txt', 2, 30)
const c = doc('c', 'alpha 9.txt', 1, 20)

describe('document view', () => {
  it('filters by name or extension and sorts by the URL’s order', () => {
    expect(viewDocuments([a, b, c], '', 'newest').map((d) => d.id)).toEqual(['a', 'b', 'c'])
    expect(viewDocuments([a, b, c], '', 'oldest').map((d) => d.id)).toEqual(['c', 'b', 'a'])
    expect(viewDocuments([a, b, c], '', 'name').map((d) => d.id)).toEqual(['c', 'b', 'a'])
    expect(viewDocuments([a, b, c], '', 'size').map((d) => d.id)).toEqual(['b', 'c', 'a'])
    expect(viewDocuments([a, b, c], ' ALPHA ', 'newest').map((d) => d.id)).toEqual(['b', 'c'])
    expect(viewDocuments([a, b, c], '.md', 'newest').map((d) => d.id)).toEqual(['a'])
  })

  it('joins pages once per document', () => {
    expect(joinPages([{ documents: [a, b] }, { documents: [b, c] }]).map((d) => d.id)).toEqual([
      'a',
      'b',
      'c',
    ])
  })

  it('joins a hit to its document, or says why it cannot', () => {
    const byId = new Map([[a.id, a]])
    expect(hitSource('a', byId, true)).toEqual({ kind: 'document', document: a })
    expect(hitSource('zzz', byId, false)).toEqual({ kind: 'loading', documentId: 'zzz' })
    expect(hitSource('zzz', byId, true)).toEqual({ kind: 'unknown', documentId: 'zzz' })
    expect(hitSource(null, byId, false)).toEqual({ kind: 'unknown', documentId: null })
  })
})
