import { useQuery } from '@tanstack/react-query'
import { Boxes, ExternalLink, SearchX } from 'lucide-react'
import { memo, useMemo, type ReactNode } from 'react'
import { EmptyState } from '@/components/empty-state'
import { ErrorState } from '@/components/error-state'
import { Button } from '@/components/ui/button'
import { Skeleton } from '@/components/ui/skeleton'
import { formatRelativeTime } from '@/lib/format'
import { filterContainers, type ContainerFilters } from '../lib/list-filters'
import { containerListQuery } from '../api/queries'
import type { Container } from '../api/schemas'
import { ContainerStatusBadge, formatCpu, formatMemory } from './status-badge'

type ContainerListProps = {
  filters: ContainerFilters
  /** The link to one container (the feature knows no routes). */
  renderLink: (container: Container, children: ReactNode) => ReactNode
  /** "Deploy container", for the empty state. */
  deployAction: ReactNode
  onClearFilters: () => void
}

/**
 * Every container with its status (and why it failed), size, instances, URL and last deploy.
 * The organization holds at most 100 (docs/containers.md §Quota), so it is one table, filtered
 * and sorted in the browser; the query polls while any container is on its way.
 */
export function ContainerList({
  filters,
  renderLink,
  deployAction,
  onClearFilters,
}: ContainerListProps) {
  const query = useQuery(containerListQuery())
  const shown = useMemo(
    () => (query.data ? filterContainers(query.data, filters) : []),
    [query.data, filters],
  )
  if (query.isPending) return <ContainerListSkeleton />
  if (query.isError) {
    return (
      <ErrorState
        error={query.error}
        onRetry={() => void query.refetch()}
        isRetrying={query.isRefetching}
        retryLabel="Retry containers"
        size="page"
      />
    )
  }
  if (query.data.length === 0) {
    return (
      <EmptyState
        size="page"
        icon={Boxes}
        title="No containers yet"
        description="Deploy a Docker image from your ECR repository: it gets a public URL, logs and metrics, billed per day while it runs."
        action={deployAction}
      />
    )
  }
  if (shown.length === 0) {
    return (
      <EmptyState
        size="page"
        icon={SearchX}
        title="No container matches"
        description={`None of your ${query.data.length} containers matches this search or status.`}
        action={
          <Button variant="outline" onClick={onClearFilters}>
            Clear filters
          </Button>
        }
      />
    )
  }
  return (
    <div className="grid gap-2">
      <p className="text-xs text-muted-foreground" aria-live="polite">
        {shown.length === query.data.length
          ? `${shown.length} container${shown.length === 1 ? '' : 's'}`
          : `${shown.length} of ${query.data.length} containers`}
      </p>
      {/* Phones get cards; wider screens the table (each hidden form is out of the a11y tree). */}
      <ul aria-label="Containers" className="grid gap-2 md:hidden">
        {shown.map((c) => (
          <ContainerCard key={c.id} container={c} renderLink={renderLink} />
        ))}
      </ul>
      <div className="hidden overflow-x-auto rounded-xl border border-border bg-card shadow-card md:block">
        <table className="w-full min-w-[44rem] text-sm">
          <caption className="sr-only">Containers</caption>
          <thead className="border-b border-border text-left text-xs text-muted-foreground">
            <tr>
              <th scope="col" className="px-4 py-2.5 font-medium">
                Name
              </th>
              <th scope="col" className="px-4 py-2.5 font-medium">
                Status
              </th>
              <th scope="col" className="px-4 py-2.5 font-medium">
                CPU · memory
              </th>
              <th scope="col" className="px-4 py-2.5 text-right font-medium">
                Instances
              </th>
              <th scope="col" className="px-4 py-2.5 font-medium">
                URL
              </th>
              <th scope="col" className="px-4 py-2.5 font-medium">
                Last deploy
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {shown.map((c) => (
              <ContainerRow key={c.id} container={c} renderLink={renderLink} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}

type RowProps = { container: Container; renderLink: ContainerListProps['renderLink'] }

const ContainerCard = memo(function ContainerCard({ container: c, renderLink }: RowProps) {
  return (
    <li className="grid gap-2 rounded-xl border border-border bg-card p-4 shadow-card">
      <div className="flex items-start justify-between gap-3">
        <div className="grid min-w-0 gap-0.5">
          <ContainerName container={c} renderLink={renderLink} />
        </div>
        <ContainerStatusBadge status={c.status} />
      </div>
      {c.status === 'failed' && c.errorMessage ? (
        <p className="line-clamp-3 text-xs wrap-anywhere text-destructive">{c.errorMessage}</p>
      ) : null}
      <p className="text-xs text-muted-foreground tabular-nums">
        {formatCpu(c.cpu)} · {formatMemory(c.memory)} · {c.instances ?? '—'} instance
        {c.instances === 1 ? '' : 's'}
        {c.lastDeployedAt ? ` · deployed ${formatRelativeTime(c.lastDeployedAt)}` : ''}
      </p>
      {c.url ? <UrlLink url={c.url} /> : null}
    </li>
  )
})

/** The name (the link to the container) and the project under it: the card's and the row's. */
function ContainerName({ container: c, renderLink }: RowProps) {
  return (
    <>
      {renderLink(c, <span className="truncate">{c.name}</span>)}
      {c.projectName ? (
        <span className="truncate font-mono text-xs text-muted-foreground">{c.projectName}</span>
      ) : null}
    </>
  )
}

function UrlLink({ url }: { url: string }) {
  return (
    <a
      href={url}
      target="_blank"
      rel="noreferrer"
      className="inline-flex max-w-full items-center gap-1 text-sm text-primary hover:underline"
    >
      <span className="truncate">{url.replace(/^https?:\/\//, '')}</span>
      <ExternalLink aria-hidden className="size-3.5 shrink-0" />
      <span className="sr-only">(opens in a new tab)</span>
    </a>
  )
}

const ContainerRow = memo(function ContainerRow({ container: c, renderLink }: RowProps) {
  return (
    <tr className="align-top hover:bg-muted/40">
      <td className="max-w-64 px-4 py-3">
        <div className="grid gap-0.5">
          <ContainerName container={c} renderLink={renderLink} />
        </div>
      </td>
      <td className="max-w-72 px-4 py-3">
        <div className="grid gap-1">
          <ContainerStatusBadge status={c.status} />
          {c.status === 'failed' && c.errorMessage ? (
            <span
              className="line-clamp-2 text-xs wrap-anywhere text-destructive"
              title={c.errorMessage}
            >
              {c.errorMessage}
            </span>
          ) : null}
        </div>
      </td>
      <td className="px-4 py-3 whitespace-nowrap tabular-nums">
        {formatCpu(c.cpu)} · {formatMemory(c.memory)}
      </td>
      <td className="px-4 py-3 text-right tabular-nums">{c.instances ?? '—'}</td>
      <td className="max-w-56 px-4 py-3">
        {c.url ? <UrlLink url={c.url} /> : <span className="text-muted-foreground">Not yet</span>}
      </td>
      <td className="px-4 py-3 whitespace-nowrap text-muted-foreground">
        {c.lastDeployedAt ? (
          <time dateTime={c.lastDeployedAt} title={new Date(c.lastDeployedAt).toLocaleString()}>
            {formatRelativeTime(c.lastDeployedAt)}
          </time>
        ) : (
          '—'
        )}
      </td>
    </tr>
  )
})

export function ContainerListSkeleton() {
  return (
    <div className="grid gap-2" role="status" aria-label="Loading containers">
      <Skeleton className="h-4 w-24" />
      <div className="grid gap-px overflow-hidden rounded-xl border border-border">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-14 rounded-none" />
        ))}
      </div>
    </div>
  )
}
