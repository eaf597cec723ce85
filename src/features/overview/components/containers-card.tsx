import { useQuery } from '@tanstack/react-query'
import { Boxes } from 'lucide-react'
import type { ReactNode } from 'react'
import { Badge } from '@/components/ui/badge'
import { Skeleton } from '@/components/ui/skeleton'
import { containerListQuery } from '@/features/containers/api/queries'
import type { Container } from '@/features/containers/api/schemas'
import { formatNumber } from '@/lib/format'
import { StatCard, StatSkeleton, StatValue, cardState } from './stat-card'

type Tone = 'success' | 'warning' | 'destructive' | 'secondary'
const STATUS_TONE: Record<string, Tone> = {
  running: 'success',
  pending: 'warning',
  building: 'warning',
  deploying: 'warning',
  deleting: 'warning',
  failed: 'destructive',
  stopped: 'secondary',
}

function countByStatus(containers: Container[]): [string, number][] {
  const counts = new Map<string, number>()
  for (const c of containers) counts.set(c.status, (counts.get(c.status) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1])
}

type ContainersCardProps = {
  className?: string
  /** Links the route gives the card (features know no routes): the list, and a new deploy. */
  links?: { list: ReactNode; deploy: ReactNode }
}

export function ContainersCard({ className, links }: ContainersCardProps) {
  const query = useQuery(containerListQuery())
  const isEmpty = query.data?.length === 0
  return (
    <StatCard
      title="Containers"
      icon={Boxes}
      className={className}
      action={links ? (isEmpty ? links.deploy : links.list) : undefined}
      state={cardState(query, (containers) => (
        <div className="grid gap-3">
          <StatValue
            value={formatNumber(containers.length)}
            caption={
              containers.length === 0
                ? 'No containers deployed in this organization.'
                : 'Deployed in this organization.'
            }
          />
          {containers.length > 0 ? (
            <ul className="flex flex-wrap gap-1.5" aria-label="Containers by status">
              {countByStatus(containers).map(([status, count]) => (
                <li key={status}>
                  <Badge variant={STATUS_TONE[status] ?? 'secondary'}>
                    {formatNumber(count)} {status}
                  </Badge>
                </li>
              ))}
            </ul>
          ) : (
            // The status row's place is kept, so the card does not shrink under the page.
            <div aria-hidden className="h-5.5" />
          )}
        </div>
      ))}
      skeleton={
        <div className="grid gap-3">
          <StatSkeleton />
          <Skeleton className="h-5.5 w-44 rounded-full" />
        </div>
      }
    />
  )
}
