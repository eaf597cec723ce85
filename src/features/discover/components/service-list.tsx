import { useQueries, type UseQueryResult } from '@tanstack/react-query'
import { useWindowVirtualizer } from '@tanstack/react-virtual'
import { Compass, TriangleAlert } from 'lucide-react'
import { useCallback, useLayoutEffect, useState, type ReactNode } from 'react'
import { useElementWidth } from '@/lib/use-element-width'
import { EmptyState } from '@/components/empty-state'
import { ErrorState } from '@/components/error-state'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Skeleton } from '@/components/ui/skeleton'
import { DIRECTORY_LIMIT, mergeDirectory, typesOf } from '../api/directory'
import { directoryQuery } from '../api/queries'
import type { DiscoveryPage, Service } from '../api/schemas'
import type { DiscoverFilters } from './discover-toolbar'
import { ServiceCard } from './service-card'

const ROW_PX = 144
const GAP_PX = 12
const MIN_CARD_PX = 340

/** Columns that fit the list's width (one on a phone). */
function useColumns() {
  const { ref, width } = useElementWidth()
  return { ref, columns: Math.max(1, Math.floor((width + GAP_PX) / (MIN_CARD_PX + GAP_PX))) }
}

export const filtersToParams = (f: DiscoverFilters) =>
  typesOf(f.type).map((type) => ({
    type,
    query: f.q,
    category: f.category,
    tag: f.tag,
    x402Only: f.x402,
  }))

/**
 * The directory: one request per type at offset 0 (never paged with offset, docs/discover.md
 * §Paging), merged and sorted by name, virtualized against the window.
 */
export function ServiceList({
  filters,
  yourIds,
  renderLink,
  onClearFilters,
}: {
  filters: DiscoverFilters
  yourIds: ReadonlySet<string>
  renderLink: (service: Service, children: ReactNode) => ReactNode
  onClearFilters: () => void
}) {
  const params = filtersToParams(filters)
  const typeFilter = filters.type
  // Merged once per change of the answers (combine is memoised while its identity holds).
  const combine = useCallback(
    (results: UseQueryResult<DiscoveryPage>[]) => {
      const types = typesOf(typeFilter)
      return {
        merged: mergeDirectory(
          results.flatMap((r, i) => (r.data && types[i] ? [{ type: types[i], page: r.data }] : [])),
        ),
        isPending: results.some((r) => r.isPending),
        error: results.find((r) => r.isError)?.error ?? null,
        isFetching: results.some((r) => r.isFetching),
        refetchAll: () => results.forEach((r) => void r.refetch()),
      }
    },
    [typeFilter],
  )
  const { merged, isPending, error, isFetching, refetchAll } = useQueries({
    queries: params.map((p) => directoryQuery(p)),
    combine,
  })

  const { ref, columns } = useColumns()
  const rowCount = Math.ceil(merged.services.length / columns)
  const [scrollMargin, setScrollMargin] = useState(0)
  useLayoutEffect(() => {
    setScrollMargin((ref.current?.getBoundingClientRect().top ?? 0) + window.scrollY)
  }, [ref, isPending, merged.truncatedTypes.length, merged.isCached])
  const virtualizer = useWindowVirtualizer({
    count: rowCount,
    estimateSize: () => ROW_PX + GAP_PX,
    overscan: 4,
    scrollMargin,
  })

  const hasFilters = Boolean(
    filters.q || filters.category || filters.tag || filters.x402 || filters.type !== 'all',
  )
  let body: ReactNode
  if (isPending) body = <ServiceListSkeleton />
  else if (error && merged.services.length === 0)
    body = (
      <ErrorState
        error={error}
        size="page"
        headingLevel={2}
        onRetry={refetchAll}
        isRetrying={isFetching}
      />
    )
  else if (merged.services.length === 0)
    body = (
      <EmptyState
        size="page"
        icon={Compass}
        title={hasFilters ? 'No services match' : 'The directory is empty'}
        description={
          hasFilters
            ? 'Try another search, type, category or tag.'
            : 'Public agents and MCP servers of every user appear here. Make one of your agents public to list it.'
        }
        action={
          hasFilters ? (
            <Button variant="outline" size="sm" onClick={onClearFilters}>
              Clear filters
            </Button>
          ) : undefined
        }
      />
    )
  else
    body = (
      <ul aria-label="Services" className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const start = row.index * columns
          return (
            <li
              key={row.key}
              className="absolute inset-x-0 top-0 grid"
              style={{
                transform: `translateY(${row.start - virtualizer.options.scrollMargin}px)`,
                gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
                gap: GAP_PX,
                height: ROW_PX,
              }}
            >
              {merged.services.slice(start, start + columns).map((s) => (
                <ServiceCard
                  key={`${s.type}:${s.id}`}
                  service={s}
                  isYours={s.type === 'agent' && yourIds.has(s.id)}
                  renderLink={renderLink}
                />
              ))}
            </li>
          )
        })}
      </ul>
    )

  return (
    <div ref={ref} className="grid gap-3">
      {!isPending && merged.services.length > 0 ? (
        <p className="text-sm text-muted-foreground" role="status">
          {merged.services.length} {merged.services.length === 1 ? 'service' : 'services'}
          {merged.isCached ? ' · results may be up to 3 minutes old' : ''}
          {isFetching ? ' · updating…' : ''}
        </p>
      ) : null}
      {merged.truncatedTypes.length > 0 ? (
        <Alert>
          <TriangleAlert aria-hidden />
          <AlertTitle>More services exist than the directory can return</AlertTitle>
          <AlertDescription>
            The directory API returns at most {DIRECTORY_LIMIT}{' '}
            {merged.truncatedTypes
              .map((t) => (t === 'agent' ? 'agents' : 'MCP servers'))
              .join(' and ')}{' '}
            per search and cannot page further. Narrow the search, type, category or tag to see the
            others.
          </AlertDescription>
        </Alert>
      ) : null}
      {error && merged.services.length > 0 ? (
        <ErrorState error={error} onRetry={refetchAll} isRetrying={isFetching} />
      ) : null}
      {body}
    </div>
  )
}

export function ServiceListSkeleton() {
  return (
    <div className="grid gap-3 sm:grid-cols-2" aria-busy="true" aria-label="Loading services">
      {Array.from({ length: 6 }, (_, i) => (
        <Skeleton key={i} style={{ height: ROW_PX }} className="rounded-xl" />
      ))}
    </div>
  )
}
