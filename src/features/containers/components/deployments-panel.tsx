import { useQuery } from '@tanstack/react-query'
import { History } from 'lucide-react'
import { EmptyState } from '@/components/empty-state'
import { ErrorState } from '@/components/error-state'
import { Badge } from '@/components/ui/badge'
import { Skeleton } from '@/components/ui/skeleton'
import { formatDuration, formatUsd } from '@/lib/format'
import { deploymentsQuery } from '../api/detail-queries'
import { formatCpu, formatMemory } from './status-badge'

const TONE = { success: 'success', failed: 'destructive', pending: 'info' } as const

/**
 * Deployment history with cost and duration (docs/containers.md §Deployments): the cloud builds it
 * from its 50 newest usage records and lists first deployments only, not redeploys.
 */
export function DeploymentsPanel({ containerId }: { containerId: string }) {
  const query = useQuery(deploymentsQuery(containerId))
  if (query.isPending) {
    return (
      <div className="grid gap-2" role="status" aria-label="Loading deployments">
        <Skeleton className="h-10" />
        <Skeleton className="h-10" />
      </div>
    )
  }
  if (query.isError) {
    return (
      <ErrorState
        error={query.error}
        onRetry={() => void query.refetch()}
        isRetrying={query.isRefetching}
        retryLabel="Retry deployments"
      />
    )
  }
  const rows = query.data
  return (
    <div className="grid gap-3">
      {rows.length === 0 ? (
        <EmptyState
          icon={History}
          title="No deployment on record"
          description="The cloud keeps the organization's 50 newest usage records; older deployments fall out of this list."
        />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-border">
          <table className="w-full min-w-[40rem] text-sm">
            <caption className="sr-only">Deployments</caption>
            <thead className="border-b border-border text-left text-xs text-muted-foreground">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Deployed
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Result
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Cost
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Duration
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Size
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Image tag
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {rows.map((d) => (
                <tr key={d.id} className="align-top">
                  <td className="px-3 py-2 whitespace-nowrap">
                    <time dateTime={d.deployedAt}>{new Date(d.deployedAt).toLocaleString()}</time>
                  </td>
                  <td className="max-w-72 px-3 py-2">
                    <div className="grid gap-1">
                      <Badge variant={TONE[d.status as keyof typeof TONE] ?? 'secondary'}>
                        {d.status === 'success'
                          ? 'Succeeded'
                          : d.status === 'failed'
                            ? 'Failed'
                            : d.status === 'pending'
                              ? 'In progress'
                              : d.status}
                      </Badge>
                      {d.error ? (
                        <span className="text-xs wrap-anywhere text-destructive">{d.error}</span>
                      ) : null}
                    </div>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {d.cost === null ? '—' : formatUsd(d.cost)}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {d.durationMs === null ? '—' : formatDuration(d.durationMs)}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap text-muted-foreground">
                    {formatCpu(d.cpu)} · {formatMemory(d.memory)} · ×{d.instances ?? '—'}
                  </td>
                  <td className="px-3 py-2 font-mono text-xs break-all">{d.imageTag ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="text-xs text-muted-foreground">
        Redeploys are billed like first deployments but the cloud does not list them here. A failed
        deployment’s fee is refunded.
      </p>
    </div>
  )
}
