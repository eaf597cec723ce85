import { useQuery, type UseQueryResult } from '@tanstack/react-query'
import { Search, SearchX } from 'lucide-react'
import { memo, useId, useMemo, useState } from 'react'
import { EmptyState } from '@/components/empty-state'
import { ErrorState } from '@/components/error-state'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { NativeSelect } from '@/components/ui/native-select'
import { Skeleton } from '@/components/ui/skeleton'
import { Textarea } from '@/components/ui/textarea'
import { cn } from '@/lib/cn'
import { useDraft } from '@/lib/use-draft'
import { isKnowledgeUnavailable, knowledgeSearchQuery } from '../api/queries'
import {
  QUERY_LIMITS,
  type KnowledgeDocument,
  type SearchHit,
  type SearchResult,
} from '../api/schemas'
import { hitSource } from '../lib/document-view'
import { highlightSegments, queryTerms } from '../lib/highlight'
import { KnowledgeUnavailable } from './knowledge-unavailable'

const QUERY_DRAFT = 'eliza-console:knowledge-draft:query'
/** Longer fragments are cut to six lines until expanded (fragments run to about 1,750 characters). */
const LONG_FRAGMENT_CHARS = 480
const LIMIT_OPTIONS = Array.from(
  { length: QUERY_LIMITS.max - QUERY_LIMITS.min + 1 },
  (_, i) => QUERY_LIMITS.min + i,
)

type KnowledgeQueryProps = {
  agentId: string
  /** The agent's documents by id, to name the document of each hit. */
  documentsById: ReadonlyMap<string, KnowledgeDocument>
  /** False while pages of the list are still loading (a hit's document may be on one). */
  isListComplete: boolean
  onOpenDocument: (id: string) => void
}

/**
 * "Query": a semantic search of the agent's fragments. The cloud returns at most 20 fragments
 * with a similarity of 0.1 or more, best first, and then cuts them to the limit
 * (docs/knowledge.md §Query).
 */
export function KnowledgeQuery({
  agentId,
  documentsById,
  isListComplete,
  onOpenDocument,
}: KnowledgeQueryProps) {
  const draft = useDraft(QUERY_DRAFT)
  const [limit, setLimit] = useState<number>(QUERY_LIMITS.default)
  const [asked, setAsked] = useState<{ query: string; limit: number } | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const search = useQuery({
    ...knowledgeSearchQuery({
      agentId,
      query: asked?.query ?? '',
      limit: asked?.limit ?? limit,
    }),
    enabled: asked !== null,
  })
  const id = useId()

  function handleSubmit() {
    const query = draft.value.trim()
    if (!query) {
      setProblem('Type what to search for.')
      return
    }
    setProblem(null)
    draft.flush()
    if (asked?.query === query && asked.limit === limit) void search.refetch()
    else setAsked({ query, limit })
  }

  return (
    <div className="grid gap-4">
      <form
        role="search"
        aria-label="Query knowledge"
        noValidate
        className="grid gap-3"
        onSubmit={(event) => {
          event.preventDefault()
          handleSubmit()
        }}
      >
        <Field
          label="Query"
          error={problem ?? undefined}
          description="Finds the fragments closest in meaning; the words of your query are marked in them."
        >
          <Textarea
            value={draft.value}
            onChange={(event) => {
              draft.change(event.target.value)
              if (problem) setProblem(null)
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey) {
                event.preventDefault()
                handleSubmit()
              }
            }}
            rows={2}
            placeholder="e.g. How do I deploy an agent?"
          />
        </Field>
        <div className="flex flex-wrap items-end gap-3">
          <div className="grid gap-1.5">
            <label htmlFor={`${id}-limit`} className="text-sm leading-5 font-medium">
              Results
            </label>
            <NativeSelect
              id={`${id}-limit`}
              value={String(limit)}
              onChange={(event) => setLimit(Number(event.target.value))}
              className="w-20"
            >
              {LIMIT_OPTIONS.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </NativeSelect>
          </div>
          <Button type="submit" pending={search.isFetching}>
            <Search aria-hidden />
            Search
          </Button>
        </div>
      </form>
      {asked ? (
        <SearchResults
          asked={asked}
          search={search}
          documentsById={documentsById}
          isListComplete={isListComplete}
          onOpenDocument={onOpenDocument}
        />
      ) : null}
    </div>
  )
}

function SearchResults({
  asked,
  search,
  documentsById,
  isListComplete,
  onOpenDocument,
}: {
  asked: { query: string; limit: number }
  search: UseQueryResult<SearchResult>
} & Omit<KnowledgeQueryProps, 'agentId'>) {
  const terms = useMemo(() => queryTerms(asked.query), [asked.query])
  if (search.isPending) {
    return (
      <div role="status" aria-label="Searching" className="grid gap-2">
        {Array.from({ length: 3 }, (_, i) => (
          <Skeleton key={i} className="h-20 rounded-lg" />
        ))}
      </div>
    )
  }
  if (search.isError) {
    return isKnowledgeUnavailable(search.error) ? (
      <KnowledgeUnavailable
        action="search"
        onRetry={() => void search.refetch()}
        isRetrying={search.isFetching}
      />
    ) : (
      <ErrorState
        error={search.error}
        onRetry={() => void search.refetch()}
        isRetrying={search.isFetching}
      />
    )
  }
  const hits = search.data.hits
  if (hits.length === 0) {
    return (
      <EmptyState
        icon={SearchX}
        title={`Nothing found for “${asked.query}”`}
        description={
          <>
            No fragment scored a similarity of 0.1 or more (the cloud keeps the 20 best above that).
            Try other words or add documents that cover them. On elizaOS Cloud a query can also come
            back empty for documents added through the API, a known issue of its search filter.
          </>
        }
        className="rounded-lg border border-dashed"
      />
    )
  }
  return (
    <div className="grid gap-2">
      <p className="text-sm text-muted-foreground" role="status">
        {hits.length} {hits.length === 1 ? 'fragment' : 'fragments'} for “{asked.query}”, best first
      </p>
      <ol aria-label="Results" className="grid gap-2">
        {hits.map((hit) => (
          <HitItem
            key={hit.id}
            hit={hit}
            terms={terms}
            source={hitSource(hit.documentId, documentsById, isListComplete)}
            onOpenDocument={onOpenDocument}
          />
        ))}
      </ol>
    </div>
  )
}

const HitItem = memo(function HitItem({
  hit,
  terms,
  source,
  onOpenDocument,
}: {
  hit: SearchHit
  terms: readonly string[]
  source: ReturnType<typeof hitSource>
  onOpenDocument: (id: string) => void
}) {
  const percent = Math.round(hit.similarity * 100)
  const segments = useMemo(() => highlightSegments(hit.content, terms), [hit.content, terms])
  const isLong = hit.content.length > LONG_FRAGMENT_CHARS
  const [isExpanded, setIsExpanded] = useState(false)
  const textId = useId()
  return (
    <li className="grid gap-2 rounded-lg border border-border bg-card p-3 text-sm">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="flex items-center gap-2" title="Similarity (cosine, 0–100 %)">
          <span aria-hidden className="h-1.5 w-20 overflow-hidden rounded-full bg-muted">
            <span
              className="block h-full rounded-full bg-primary"
              style={{ width: `${percent}%` }}
            />
          </span>
          <span className="text-xs font-medium tabular-nums">
            <span className="sr-only">Similarity </span>
            {percent}%
          </span>
        </span>
        <span className="min-w-0 text-xs text-muted-foreground">
          {source.kind === 'document' ? (
            <button
              type="button"
              className="max-w-full truncate font-medium text-foreground underline-offset-4 hover:underline focus-visible:rounded-sm focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
              onClick={() => onOpenDocument(source.document.id)}
            >
              {source.document.name}
            </button>
          ) : source.kind === 'loading' ? (
            'Document still loading…'
          ) : (
            <span title={source.documentId ?? undefined}>
              Unknown document (not in this agent’s list)
            </span>
          )}
          {hit.position !== null ? ` · fragment ${hit.position + 1}` : ''}
        </span>
      </div>
      <p
        id={textId}
        className={cn(
          'leading-relaxed break-words whitespace-pre-wrap text-foreground/90',
          isLong && !isExpanded && 'line-clamp-6',
        )}
      >
        {segments.map((s, i) =>
          s.isMatch ? (
            <mark key={i} className="rounded-sm bg-warning-soft px-0.5 text-foreground">
              {s.text}
            </mark>
          ) : (
            <span key={i}>{s.text}</span>
          ),
        )}
      </p>
      {isLong ? (
        <Button
          variant="link"
          size="sm"
          className="w-fit px-0"
          aria-expanded={isExpanded}
          aria-controls={textId}
          onClick={() => setIsExpanded((e) => !e)}
        >
          {isExpanded ? 'Show less' : 'Show the whole fragment'}
        </Button>
      ) : null}
    </li>
  )
})
