import { useInfiniteQuery } from '@tanstack/react-query'
import { useWindowVirtualizer } from '@tanstack/react-virtual'
import { Bot, Plus } from 'lucide-react'
import { memo, useLayoutEffect, useMemo, useState, type ReactNode } from 'react'
import { useElementWidth } from '@/lib/use-element-width'
import { EmptyState } from '@/components/empty-state'
import { ErrorState } from '@/components/error-state'
import { Badge } from '@/components/ui/badge'
import { Skeleton } from '@/components/ui/skeleton'
import { formatNumber, formatRelativeTime } from '@/lib/format'
import { cn } from '@/lib/cn'
import { agentBrowseQuery } from '../api/queries'
import type { AgentBrowseParams, AgentSummary } from '../api/schemas'
import { AgentAvatar } from './agent-avatar'

export type AgentView = 'grid' | 'list'

type AgentListProps = {
  params: AgentBrowseParams
  view: AgentView
  /** Renders the link to one agent (the feature knows no routes). */
  renderLink: (agent: AgentSummary, children: ReactNode, className: string) => ReactNode
  /** The "Create agent" action of the empty state. */
  createAction: ReactNode
  hasFilters: boolean
  onClearFilters: () => void
}

const LIST_ROW_PX = 76
const GRID_ROW_PX = 176
const GRID_MIN_CARD_PX = 260
const GAP_PX = 12

/** Columns that fit the list's width in grid view (1 in list view). */
function useColumns(view: AgentView) {
  const { ref, width } = useElementWidth()
  const columns =
    view === 'list' ? 1 : Math.max(1, Math.floor((width + GAP_PX) / (GRID_MIN_CARD_PX + GAP_PX)))
  return { ref, columns }
}

/**
 * The agents, virtualized against the window: only the rows on screen are in the DOM, so 10,000
 * agents scroll smoothly. Pages of the API are fetched as the last loaded row comes near.
 */
export function AgentList({
  params,
  view,
  renderLink,
  createAction,
  hasFilters,
  onClearFilters,
}: AgentListProps) {
  const query = useInfiniteQuery(agentBrowseQuery(params))
  const agents = useMemo(() => query.data?.pages.flatMap((p) => p.agents) ?? [], [query.data])
  const total = query.data?.pages[0]?.pagination.totalCount ?? 0
  const { ref, columns } = useColumns(view)
  const rowCount = Math.ceil(agents.length / columns)
  const [scrollMargin, setScrollMargin] = useState(0)
  useLayoutEffect(() => {
    setScrollMargin((ref.current?.getBoundingClientRect().top ?? 0) + window.scrollY)
  }, [ref, query.isPending, view])

  const virtualizer = useWindowVirtualizer({
    count: rowCount,
    estimateSize: () => (view === 'list' ? LIST_ROW_PX : GRID_ROW_PX) + GAP_PX,
    overscan: 6,
    scrollMargin,
  })
  const items = virtualizer.getVirtualItems()
  const lastIndex = items.at(-1)?.index ?? -1
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query
  useLayoutEffect(() => {
    if (lastIndex >= rowCount - 5 && hasNextPage && !isFetchingNextPage) void fetchNextPage()
  }, [lastIndex, rowCount, hasNextPage, isFetchingNextPage, fetchNextPage])

  let body: ReactNode
  if (query.isPending) body = <AgentListSkeleton view={view} />
  else if (query.isError && agents.length === 0)
    body = (
      <ErrorState
        error={query.error}
        size="page"
        headingLevel={2}
        onRetry={() => void query.refetch()}
        isRetrying={query.isRefetching}
      />
    )
  else if (agents.length === 0)
    body = hasFilters ? (
      <EmptyState
        size="page"
        icon={Bot}
        title="No agents match"
        description="Try another search or category."
        action={
          <button type="button" className="text-sm text-primary underline" onClick={onClearFilters}>
            Clear filters
          </button>
        }
      />
    ) : (
      <EmptyState
        size="page"
        icon={Plus}
        title="No agents yet"
        description="An agent is a persona (bio, system prompt, style) you can chat with and deploy."
        action={createAction}
      />
    )
  else
    body = (
      <ul aria-label="Agents" className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((row) => {
          const start = row.index * columns
          const rowAgents = agents.slice(start, start + columns)
          return (
            <li
              key={row.key}
              className="absolute inset-x-0 top-0 grid"
              style={{
                transform: `translateY(${row.start - virtualizer.options.scrollMargin}px)`,
                gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
                gap: GAP_PX,
                height: view === 'list' ? LIST_ROW_PX : GRID_ROW_PX,
              }}
            >
              {rowAgents.map((agent) =>
                view === 'list' ? (
                  <AgentRow key={agent.id} agent={agent} renderLink={renderLink} />
                ) : (
                  <AgentCard key={agent.id} agent={agent} renderLink={renderLink} />
                ),
              )}
            </li>
          )
        })}
      </ul>
    )

  return (
    <div ref={ref} className="grid gap-3">
      {query.isSuccess && agents.length > 0 ? (
        <ListStatus
          total={total}
          loaded={agents.length}
          isUpdating={query.isFetching && !query.isFetchingNextPage}
        />
      ) : null}
      {body}
      {query.isFetchNextPageError ? (
        <ErrorState
          error={query.error}
          onRetry={() => void query.fetchNextPage()}
          retryLabel="Load more"
        />
      ) : null}
    </div>
  )
}

// The list re-renders on every scroll frame (the virtualizer's range); what follows is memoised so
// a frame renders only the rows that come into view (scripts/bench/agents-scroll.ts).

const ListStatus = memo(function ListStatus({
  total,
  loaded,
  isUpdating,
}: {
  total: number
  loaded: number
  isUpdating: boolean
}) {
  return (
    <p role="status" className="text-xs text-muted-foreground">
      {formatNumber(total)} {total === 1 ? 'agent' : 'agents'}
      {loaded < total ? `, ${formatNumber(loaded)} loaded` : ''}
      {isUpdating ? ' · updating…' : ''}
    </p>
  )
})

type ItemProps = { agent: AgentSummary; renderLink: AgentListProps['renderLink'] }

const StatusBadge = memo(function StatusBadge({ isPublic }: { isPublic: boolean }) {
  return isPublic ? (
    <Badge variant="success">Public</Badge>
  ) : (
    <Badge variant="outline">Private</Badge>
  )
})

const AgentRow = memo(function AgentRow({ agent, renderLink }: ItemProps) {
  return renderLink(
    agent,
    <>
      <AgentAvatar name={agent.name} url={agent.avatarUrl} />
      <span className="grid min-w-0 flex-1 gap-0.5">
        <span className="truncate text-sm font-medium text-foreground">{agent.name}</span>
        <span className="truncate text-xs text-muted-foreground">{agent.bio || 'No bio'}</span>
      </span>
      <span className="hidden shrink-0 items-center gap-2 sm:flex">
        {agent.category ? <Badge variant="secondary">{agent.category}</Badge> : null}
        <StatusBadge isPublic={agent.isPublic} />
      </span>
      <span className="hidden w-28 shrink-0 text-right text-xs text-muted-foreground md:block">
        {formatRelativeTime(agent.updatedAt)}
      </span>
    </>,
    'flex h-full items-center gap-3 rounded-xl border border-border bg-card px-4 shadow-card transition-colors hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none',
  )
})

const AgentCard = memo(function AgentCard({ agent, renderLink }: ItemProps) {
  return renderLink(
    agent,
    <>
      <span className="flex items-center gap-3">
        <AgentAvatar name={agent.name} url={agent.avatarUrl} />
        <span className="grid min-w-0 gap-0.5">
          <span className="truncate text-sm font-medium text-foreground">{agent.name}</span>
          <span className="text-xs text-muted-foreground">
            Updated {formatRelativeTime(agent.updatedAt)}
          </span>
        </span>
      </span>
      <span className="line-clamp-2 text-sm text-muted-foreground">{agent.bio || 'No bio'}</span>
      <span className="mt-auto flex flex-wrap gap-2">
        <StatusBadge isPublic={agent.isPublic} />
        {agent.category ? <Badge variant="secondary">{agent.category}</Badge> : null}
      </span>
    </>,
    'flex h-full flex-col gap-3 rounded-xl border border-border bg-card p-4 shadow-card transition-colors hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none',
  )
})

export function AgentListSkeleton({ view = 'list' }: { view?: AgentView }) {
  return (
    <div
      aria-busy
      aria-label="Loading agents"
      role="status"
      className={cn('grid gap-3', view === 'grid' && 'sm:grid-cols-2 lg:grid-cols-3')}
    >
      {Array.from({ length: 6 }, (_, i) => (
        <Skeleton key={i} className={view === 'grid' ? 'h-44 rounded-xl' : 'h-[76px] rounded-xl'} />
      ))}
    </div>
  )
}
