import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { isApiError } from '@/lib/api-error'
import { knowledgeKeys } from './keys'
import { documentPageSchema, searchResultSchema, type DocumentPage } from './schemas'

/**
 * Documents per request. The list pages with `count`/`offset` (docs/knowledge.md §List) and every
 * document carries its whole text, so pages stay modest; 100 is the cloud's own default.
 */
export const DOCUMENT_PAGE_SIZE = 100

const nextOffset = (page: DocumentPage) =>
  page.offset + page.count < page.total && page.count > 0 ? page.offset + page.count : undefined

/** An agent's documents, newest first, one page after another (the page loads them all). */
export const knowledgeDocumentsQuery = (agentId: string) =>
  infiniteQueryOptions({
    queryKey: knowledgeKeys.documents(agentId),
    queryFn: ({ pageParam, signal }) =>
      api.get('/api/v1/knowledge', {
        query: { characterId: agentId, count: DOCUMENT_PAGE_SIZE, offset: pageParam },
        signal,
        schema: documentPageSchema,
      }),
    initialPageParam: 0,
    getNextPageParam: nextOffset,
  })

export type KnowledgeSearchParams = { agentId: string; query: string; limit: number }

/**
 * A semantic search of the agent's fragments. The cloud keeps at most 20 fragments with a
 * similarity of 0.1 or more, then applies `limit` (docs/knowledge.md §Query). A read, so a query:
 * the same question is answered from the cache until the documents change.
 */
export const knowledgeSearchQuery = ({ agentId, query, limit }: KnowledgeSearchParams) =>
  queryOptions({
    queryKey: knowledgeKeys.search(agentId, query, limit),
    queryFn: ({ signal }) =>
      api.post('/api/v1/knowledge/query', {
        body: { query, limit, characterId: agentId },
        signal,
        schema: searchResultSchema,
      }),
    staleTime: 5 * 60_000,
  })

/**
 * The cloud's 503 "Knowledge service not available": the agent's runtime has no knowledge service,
 * which on the cloud means the agent has no document yet (docs/knowledge.md §503). Not a failure
 * of the console: the page explains it and keeps adding reachable.
 */
export function isKnowledgeUnavailable(error: unknown): boolean {
  return (
    isApiError(error) &&
    error.status === 503 &&
    /knowledge service not available/i.test(error.message)
  )
}
