import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { Badge } from '@/components/ui/badge'
import { Skeleton } from '@/components/ui/skeleton'
import { errorTitle } from '@/components/error-title'
import { cn } from '@/lib/cn'
import { consoleInfoQuery } from '@/api/console-info/queries'
import { describeUpstream, latencyText, UPSTREAM_CARD_ID } from './upstream-text'

/**
 * "Sandbox" or the cloud's host, with a dot for reachability. The status is in the accessible
 * name ("Upstream: Sandbox, reachable, 3 ms") and the details in the title; the link leads to
 * the overview's Upstream card, which shows them all.
 */
export function UpstreamBadge() {
  const { data, error, isPending } = useQuery(consoleInfoQuery())
  if (isPending) return <Skeleton className="h-6 w-20 rounded-full" />

  const isReachable = data?.reachable ?? false
  const label = data ? data.upstream.label : 'Proxy offline'
  const status = data
    ? data.reachable
      ? `reachable, ${latencyText(data)}`
      : 'not reachable'
    : errorTitle(error)
  const details = data ? describeUpstream(data) : [errorTitle(error)]

  return (
    <Link
      to="/"
      hash={UPSTREAM_CARD_ID}
      aria-label={`Upstream: ${label}, ${status}`}
      title={details.join('\n')}
      className="rounded-full outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      <Badge
        variant={isReachable ? 'outline' : 'destructive'}
        className="h-7 max-w-[9rem] gap-1.5 px-2.5 sm:max-w-[14rem]"
      >
        <span
          aria-hidden
          className={cn(
            'size-2 shrink-0 rounded-full',
            isReachable ? 'bg-success' : 'bg-destructive',
          )}
        />
        <span className="truncate">{label}</span>
      </Badge>
    </Link>
  )
}
