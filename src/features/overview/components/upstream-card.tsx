import { useQuery } from '@tanstack/react-query'
import { Server } from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { Skeleton } from '@/components/ui/skeleton'
import { cn } from '@/lib/cn'
import { formatRelativeTime } from '@/lib/format'
import { consoleInfoQuery } from '@/api/console-info/queries'
import { StatCard, cardState } from './stat-card'
import { latencyText, strictText, upstreamMode, UPSTREAM_CARD_ID } from './upstream-text'

export function UpstreamCard({ className }: { className?: string }) {
  const query = useQuery(consoleInfoQuery())
  return (
    <StatCard
      id={UPSTREAM_CARD_ID}
      title="Upstream"
      icon={Server}
      className={cn('scroll-mt-20', className)}
      skeleton={<DetailsSkeleton />}
      state={cardState(query, (info) => (
        <div className="grid gap-4">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="truncate text-lg font-semibold tracking-tight">{info.upstream.label}</p>
            <Badge variant={info.reachable ? 'success' : 'destructive'}>
              <span
                aria-hidden
                className={
                  info.reachable
                    ? 'size-1.5 rounded-full bg-success'
                    : 'size-1.5 rounded-full bg-destructive'
                }
              />
              {info.reachable ? 'Reachable' : 'Unreachable'}
            </Badge>
          </div>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <DetailRow label="Mode" value={upstreamMode(info)} />
            <DetailRow
              label="Host"
              value={<span className="font-mono text-xs">{info.upstream.host}</span>}
            />
            <DetailRow label="Strict mode" value={strictText(info.upstream.strict)} />
            <DetailRow label="Latency" value={latencyText(info)} />
            <DetailRow
              label="Checked"
              value={
                <time dateTime={info.checkedAt} title={new Date(info.checkedAt).toLocaleString()}>
                  {formatRelativeTime(info.checkedAt)}
                </time>
              }
            />
          </dl>
        </div>
      ))}
    />
  )
}

function DetailRow({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 truncate text-right text-foreground tabular-nums">{value}</dd>
    </>
  )
}

export function DetailsSkeleton() {
  return (
    <div className="grid gap-3 pt-1">
      <Skeleton className="h-6 w-32" />
      {Array.from({ length: 4 }, (_, i) => (
        <div key={i} className="flex justify-between">
          <Skeleton className="h-4 w-20" />
          <Skeleton className="h-4 w-24" />
        </div>
      ))}
    </div>
  )
}
