import type { UseQueryResult } from '@tanstack/react-query'
import { ExternalLink } from 'lucide-react'
import type { ReactNode } from 'react'
import { ErrorState } from '@/components/error-state'
import { Skeleton } from '@/components/ui/skeleton'
import { formatRelativeTime } from '@/lib/format'

const exact = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' })

/** The exact local time of an ISO date; '—' when it is not one. */
export function formatExactTime(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '—' : exact.format(date)
}

/** A relative time ("in 25 minutes") with the exact one on hover and for machines. */
export function RelativeTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatExactTime(iso)}>
      {formatRelativeTime(iso)}
    </time>
  )
}

/** "label: value" rows of a detail card. */
export function DetailRows({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[minmax(7rem,auto)_1fr] gap-x-4 gap-y-2 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted-foreground">{label}</dt>
          <dd className="min-w-0 break-words">{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** A link that opens outside the console (Stripe, the payment provider, the dashboard). */
export function ExternalAnchor({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <a
      href={href}
      target="_blank"
      rel="noreferrer"
      className="inline-flex items-center gap-1 font-medium text-primary underline-offset-4 hover:underline"
    >
      {children}
      <ExternalLink aria-hidden className="size-3.5" />
    </a>
  )
}

/** A detail card's body: skeleton rows while loading, the error with Retry, then the fields. */
export function DetailQueryBody<T>({
  query,
  loadingLabel,
  children,
}: {
  query: UseQueryResult<T>
  /** The loading state's accessible name, e.g. "Loading the invoice". */
  loadingLabel: string
  children: (data: T) => ReactNode
}) {
  if (query.isPending) {
    return (
      <div className="grid gap-2" aria-busy="true" aria-label={loadingLabel}>
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-5 w-full" />
        ))}
      </div>
    )
  }
  if (query.isError) {
    return (
      <ErrorState
        error={query.error}
        onRetry={() => void query.refetch()}
        isRetrying={query.isFetching}
        headingLevel={3}
      />
    )
  }
  return children(query.data)
}
