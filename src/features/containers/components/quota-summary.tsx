import { useQuery } from '@tanstack/react-query'
import { Gauge } from 'lucide-react'
import { ErrorState } from '@/components/error-state'
import { Skeleton } from '@/components/ui/skeleton'
import { cn } from '@/lib/cn'
import { formatNumber, formatUsd } from '@/lib/format'
import { containerQuotaQuery } from '../api/detail-queries'

/**
 * Quota and cost (docs/containers.md §Quota): containers used of those allowed (the allowance
 * follows the balance), the deploy fee, the daily cost and the days the balance lasts.
 */
export function QuotaSummary({ className }: { className?: string }) {
  const query = useQuery(containerQuotaQuery())
  if (query.isPending) {
    return (
      <div
        className={cn('grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5', className)}
        role="status"
        aria-label="Loading quota and cost"
      >
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-[4.5rem] rounded-lg" />
        ))}
      </div>
    )
  }
  if (query.isError) {
    return (
      <ErrorState
        error={query.error}
        onRetry={() => void query.refetch()}
        isRetrying={query.isRefetching}
        retryLabel="Retry quota"
        className={className}
      />
    )
  }
  const { quota, credits, billing, pricing } = query.data
  const runway = billing.daysOfRunway
  return (
    <section aria-labelledby="quota-heading" className={cn('grid gap-2', className)}>
      <h2
        id="quota-heading"
        className="flex items-center gap-2 text-sm font-medium text-muted-foreground"
      >
        <Gauge aria-hidden className="size-4" />
        Quota and cost
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        <Figure
          label="Containers"
          value={`${formatNumber(quota.current)} of ${formatNumber(quota.max)}`}
          note={
            quota.remaining > 0
              ? `${formatNumber(quota.remaining)} more allowed`
              : 'Quota full: more balance raises it'
          }
          tone={quota.remaining > 0 ? undefined : 'warning'}
        />
        <Figure
          label="Deploy fee"
          value={formatUsd(pricing.deployment)}
          note="Default size, per deploy"
        />
        <Figure
          label="Daily cost"
          value={`${formatUsd(billing.currentDailyBurn)}/day`}
          note={`${formatNumber(billing.runningContainers)} running · ${formatUsd(billing.dailyCostPerContainer)} each by default`}
        />
        <Figure
          label="Balance"
          value={formatUsd(credits.balance)}
          note={credits.canDeploy ? 'Covers a default deploy' : 'Below the default deploy fee'}
          tone={credits.canDeploy ? undefined : 'warning'}
        />
        <Figure
          label="Runway"
          value={runway === null ? '—' : `${formatNumber(runway)} day${runway === 1 ? '' : 's'}`}
          note={runway === null ? 'Nothing running' : 'At the current daily cost'}
          tone={runway !== null && runway < 3 ? 'warning' : undefined}
        />
      </dl>
    </section>
  )
}

function Figure({
  label,
  value,
  note,
  tone,
}: {
  label: string
  value: string
  note: string
  tone?: 'warning'
}) {
  return (
    <div
      className={cn(
        'grid gap-0.5 rounded-lg border bg-card px-3 py-2.5 shadow-card',
        tone === 'warning' ? 'border-warning/40' : 'border-border',
      )}
    >
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums">{value}</dd>
      <dd className={cn('text-xs', tone === 'warning' ? 'text-warning' : 'text-muted-foreground')}>
        {note}
      </dd>
    </div>
  )
}
