import { useQuery } from '@tanstack/react-query'
import { Hourglass } from 'lucide-react'
import { ErrorState } from '@/components/error-state'
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import { balanceQuery } from '@/features/billing/api/queries'
import { formatNumber, formatUsd } from '@/lib/format'
import { usageSeriesQuery } from '../api/queries'
import { runwayOf, type ExportWindow } from '../api/range'

function describeDays(days: number): string {
  if (days < 1) return 'Less than a day'
  if (days >= 3650) return 'More than 10 years'
  const whole = Math.floor(days)
  return `About ${formatNumber(whole, { maximumFractionDigits: 0 })} ${whole === 1 ? 'day' : 'days'}`
}

/** At the last 7 days' spending rate, how long the balance lasts. */
export function RunwayCard({ lastWeek }: { lastWeek: ExportWindow }) {
  const balance = useQuery(balanceQuery())
  const week = useQuery(usageSeriesQuery(lastWeek, 'day'))
  const failed = balance.isError ? balance : week.isError ? week : null
  let body
  if (balance.data && week.data) {
    const weekCost = week.data.reduce((n, p) => n + p.cost, 0)
    const runway = runwayOf(balance.data.balance, weekCost)
    body = (
      <div className="grid gap-1">
        <p className="text-3xl font-semibold tracking-tight text-foreground tabular-nums">
          {runway.days === null ? 'No recent spend' : describeDays(runway.days)}
        </p>
        <p className="text-sm text-muted-foreground">
          {runway.days === null
            ? `Nothing was spent in the last 7 days; the balance of ${formatUsd(balance.data.balance)} stays as it is.`
            : `${formatUsd(balance.data.balance)} balance at ${formatUsd(runway.dailySpend)} a day (the last 7 days' average).`}
        </p>
      </div>
    )
  } else if (failed) {
    body = (
      <ErrorState
        error={failed.error}
        onRetry={() => void failed.refetch()}
        isRetrying={failed.isFetching}
      />
    )
  } else {
    body = (
      <div className="grid gap-2.5 pt-1">
        <Skeleton className="h-8 w-36" />
        <Skeleton className="h-4 w-64" />
      </div>
    )
  }
  return (
    <Card aria-labelledby="card-runway">
      <CardHeader>
        <CardTitle id="card-runway">
          <Hourglass aria-hidden />
          Runway
        </CardTitle>
      </CardHeader>
      <CardContent>{body}</CardContent>
    </Card>
  )
}
