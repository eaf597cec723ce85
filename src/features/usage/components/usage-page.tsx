import { useQuery, type UseQueryResult } from '@tanstack/react-query'
import { Activity, Boxes, ChartColumn, Cpu } from 'lucide-react'
import { useMemo, type ReactNode } from 'react'
import { EmptyState } from '@/components/empty-state'
import { ErrorState } from '@/components/error-state'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import { formatNumber, formatUsd } from '@/lib/format'
import { usageModelsQuery, usageProvidersQuery, usageSeriesQuery } from '../api/queries'
import {
  effectiveGranularity,
  fillBuckets,
  GRANULARITY_LABELS,
  lastWeek,
  MAX_HOURLY_DAYS,
  resolveRange,
  utcDay,
  type ExportWindow,
  type Granularity,
  type UsageFilters,
} from '../api/range'
import { RunwayCard } from './runway-card'
import { BreakdownChart, CHART_HEIGHT, SeriesChart } from './usage-charts'
import { ModelTable, ProviderTable, SeriesTable } from './usage-tables'
import { UsageToolbar } from './usage-toolbar'

type UsagePageProps = {
  filters: UsageFilters
  onChange: (patch: Partial<UsageFilters>) => void
  /** The next action when there is no usage yet (a link to the chat). */
  emptyAction: ReactNode
  /** The clock the presets count back from (tests pin it). */
  now?: Date
}

const dayLabel = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
})
const formatDay = (day: string) => dayLabel.format(new Date(`${day}T00:00:00Z`))

/** The usage page: range and granularity from the URL, charts with table views, the runway. */
export function UsagePage({ filters, onChange, emptyAction, now }: UsagePageProps) {
  // One clock per render of the URL: presets mean whole UTC days ending today.
  const clock = useMemo(() => now ?? new Date(), [now])
  const range = resolveRange(filters, clock)
  const week = lastWeek(clock)
  const granularity = range.ok ? effectiveGranularity(filters.granularity, range.days) : 'day'
  return (
    <div className="grid gap-6">
      <UsageToolbar
        filters={filters}
        onChange={onChange}
        today={utcDay(clock)}
        rangeError={range.ok ? undefined : range.message}
      />
      {range.ok ? (
        <p className="-mt-3 text-sm text-muted-foreground">
          {formatDay(range.from)} – {formatDay(range.to)} (UTC), {range.days}{' '}
          {range.days === 1 ? 'day' : 'days'}. Costs are in US dollars.
          {granularity !== filters.granularity
            ? ` Hourly points cover up to ${MAX_HOURLY_DAYS} days, so this range is shown daily.`
            : null}
        </p>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        {range.ok ? (
          <TotalsCard window={range.window} granularity={granularity} />
        ) : (
          <InvalidRangeCard title="In this range" />
        )}
        {week.ok ? <RunwayCard lastWeek={week.window} /> : null}
      </div>
      {range.ok ? (
        <Breakdowns
          window={range.window}
          granularity={granularity}
          isTable={filters.view === 'table'}
          emptyAction={emptyAction}
        />
      ) : null}
    </div>
  )
}

function InvalidRangeCard({ title }: { title: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>
        <p className="text-sm text-muted-foreground">Choose a valid range above to see usage.</p>
      </CardContent>
    </Card>
  )
}

function TotalsCard({ window, granularity }: { window: ExportWindow; granularity: Granularity }) {
  const series = useQuery(usageSeriesQuery(window, granularity))
  return (
    <Card aria-labelledby="card-range-totals">
      <CardHeader>
        <CardTitle id="card-range-totals">
          <Activity aria-hidden />
          In this range
        </CardTitle>
      </CardHeader>
      <CardContent>
        <QueryBody query={series} skeleton={<TotalsSkeleton />}>
          {(points) => {
            const cost = points.reduce((n, p) => n + p.cost, 0)
            const requests = points.reduce((n, p) => n + p.requests, 0)
            return (
              <div className="grid gap-1">
                <p className="text-3xl font-semibold tracking-tight text-foreground tabular-nums">
                  {formatUsd(cost)}
                </p>
                <p className="text-sm text-muted-foreground">
                  {formatNumber(requests, { maximumFractionDigits: 0 })}{' '}
                  {requests === 1 ? 'billed request' : 'billed requests'}
                </p>
              </div>
            )
          }}
        </QueryBody>
      </CardContent>
    </Card>
  )
}

function TotalsSkeleton() {
  return (
    <div className="grid gap-2.5 pt-1">
      <Skeleton className="h-8 w-28" />
      <Skeleton className="h-4 w-40" />
    </div>
  )
}

/** Loading, error with retry, or the content; data wins over a background error. */
function QueryBody<T>({
  query,
  skeleton,
  children,
}: {
  query: UseQueryResult<T>
  skeleton: ReactNode
  children: (data: T) => ReactNode
}) {
  if (query.data !== undefined) return children(query.data)
  if (query.isError) {
    return (
      <ErrorState
        error={query.error}
        onRetry={() => void query.refetch()}
        isRetrying={query.isFetching}
      />
    )
  }
  return skeleton
}

const chartSkeleton = <Skeleton style={{ height: CHART_HEIGHT }} className="w-full" />

function Breakdowns({
  window,
  granularity,
  isTable,
  emptyAction,
}: {
  window: ExportWindow
  granularity: Granularity
  isTable: boolean
  emptyAction: ReactNode
}) {
  const series = useQuery(usageSeriesQuery(window, granularity))
  const models = useQuery(usageModelsQuery(window))
  const providers = useQuery(usageProvidersQuery(window))
  const filled = useMemo(
    () => (series.data ? fillBuckets(series.data, window, granularity) : []),
    [series.data, window, granularity],
  )
  const noUsage = series.data?.length === 0
  return (
    <>
      <Card aria-labelledby="card-usage-over-time">
        <CardHeader>
          <div className="grid gap-1">
            <CardTitle id="card-usage-over-time">
              <ChartColumn aria-hidden />
              Cost and requests over time
            </CardTitle>
            <CardDescription>
              {GRANULARITY_LABELS[granularity]} totals, UTC. Every billed call counts as one
              request.
            </CardDescription>
          </div>
        </CardHeader>
        <CardContent>
          <QueryBody
            query={series}
            skeleton={
              <div className="grid gap-6 lg:grid-cols-2">
                {chartSkeleton}
                {chartSkeleton}
              </div>
            }
          >
            {(points) =>
              noUsage ? (
                <EmptyState
                  icon={ChartColumn}
                  title="No usage in this range"
                  description="Billed calls (chat, images, video, voice, container deploys) show up here with their cost. Send a chat message to see the first one."
                  action={emptyAction}
                  className="min-h-60"
                />
              ) : isTable ? (
                <SeriesTable points={points} granularity={granularity} />
              ) : (
                <div className="grid gap-6 lg:grid-cols-2">
                  <figure className="grid gap-2">
                    <figcaption className="text-sm font-medium text-foreground">
                      Cost (USD)
                    </figcaption>
                    <SeriesChart points={filled} metric="cost" granularity={granularity} />
                  </figure>
                  <figure className="grid gap-2">
                    <figcaption className="text-sm font-medium text-foreground">
                      Requests
                    </figcaption>
                    <SeriesChart points={filled} metric="requests" granularity={granularity} />
                  </figure>
                </div>
              )
            }
          </QueryBody>
        </CardContent>
      </Card>
      {/* With no usage at all the empty state above says it once; two more empty cards would not. */}
      {noUsage ? null : (
        <div className="grid gap-4 lg:grid-cols-2">
          <BreakdownCard id="card-by-model" title="By model" icon={Cpu} query={models}>
            {(rows) =>
              isTable ? (
                <ModelTable rows={rows} />
              ) : (
                <BreakdownChart rows={rows.map((r) => ({ label: r.model, cost: r.cost }))} />
              )
            }
          </BreakdownCard>
          <BreakdownCard id="card-by-provider" title="By provider" icon={Boxes} query={providers}>
            {(rows) =>
              isTable ? (
                <ProviderTable rows={rows} />
              ) : (
                <BreakdownChart rows={rows.map((r) => ({ label: r.provider, cost: r.cost }))} />
              )
            }
          </BreakdownCard>
        </div>
      )}
    </>
  )
}

function BreakdownCard<T>({
  id,
  title,
  icon: Icon,
  query,
  children,
}: {
  id: string
  title: string
  icon: typeof Cpu
  query: UseQueryResult<readonly T[]>
  children: (rows: readonly T[]) => ReactNode
}) {
  return (
    <Card aria-labelledby={id}>
      <CardHeader>
        <div className="grid gap-1">
          <CardTitle id={id}>
            <Icon aria-hidden />
            {title}
          </CardTitle>
          <CardDescription>Cost in this range, largest first.</CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        <QueryBody query={query} skeleton={chartSkeleton}>
          {(rows) =>
            rows.length === 0 ? (
              <p
                className="flex items-center justify-center text-sm text-muted-foreground"
                style={{ height: CHART_HEIGHT }}
              >
                No usage in this range.
              </p>
            ) : (
              children(rows)
            )
          }
        </QueryBody>
      </CardContent>
    </Card>
  )
}
