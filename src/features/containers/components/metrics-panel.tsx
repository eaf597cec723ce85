import { useQuery } from '@tanstack/react-query'
import { Cpu, MemoryStick, Network, Server } from 'lucide-react'
import type { ReactNode } from 'react'
import { EmptyState } from '@/components/empty-state'
import { ErrorState } from '@/components/error-state'
import { Skeleton } from '@/components/ui/skeleton'
import { cn } from '@/lib/cn'
import { formatBytes, formatNumber } from '@/lib/format'
import {
  METRICS_HISTORY,
  METRICS_POLL_MS,
  metricsQuery,
  type MetricsHistory,
} from '../api/detail-queries'

/**
 * CPU %, memory % and network, polled while this panel is shown (and the tab visible), with the
 * last samples drawn as small bars. The cloud reports 5-minute averages (docs/containers.md
 * §Metrics), so neighbouring samples are often equal.
 */
export function MetricsPanel({
  containerId,
  hasService,
}: {
  containerId: string
  hasService: boolean
}) {
  const query = useQuery({ ...metricsQuery(containerId), enabled: hasService })
  if (!hasService) {
    return (
      <EmptyState
        icon={Cpu}
        title="No metrics yet"
        description="Metrics appear once the container's service exists (when it reaches running)."
      />
    )
  }
  if (query.isPending) {
    return (
      <div className="grid gap-3 sm:grid-cols-2" role="status" aria-label="Loading metrics">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-32 rounded-lg" />
        ))}
      </div>
    )
  }
  if (query.isError && !query.data) {
    return (
      <ErrorState
        error={query.error}
        onRetry={() => void query.refetch()}
        isRetrying={query.isRefetching}
        retryLabel="Retry metrics"
      />
    )
  }
  const history: MetricsHistory = query.data
  const { latest, samples } = history
  return (
    <div className="grid gap-3">
      {query.isError ? (
        <ErrorState
          error={query.error}
          onRetry={() => void query.refetch()}
          isRetrying={query.isRefetching}
          retryLabel="Retry metrics"
        />
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Gauge
          icon={<Cpu aria-hidden className="size-4" />}
          label="CPU"
          value={latest.cpuPercent}
          series={samples.map((s) => s.cpuPercent)}
        />
        <Gauge
          icon={<MemoryStick aria-hidden className="size-4" />}
          label="Memory"
          value={latest.memoryPercent}
          series={samples.map((s) => s.memoryPercent)}
        />
        <Tile icon={<Network aria-hidden className="size-4" />} label="Network">
          <dl className="grid grid-cols-2 gap-2">
            <div>
              <dt className="text-xs text-muted-foreground">In</dt>
              <dd className="text-lg font-semibold tabular-nums">{formatBytes(latest.rxBytes)}</dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">Out</dt>
              <dd className="text-lg font-semibold tabular-nums">{formatBytes(latest.txBytes)}</dd>
            </div>
          </dl>
        </Tile>
        <Tile icon={<Server aria-hidden className="size-4" />} label="Tasks">
          <p className="text-lg font-semibold tabular-nums">
            {latest.healthyTasks ?? '—'} of {latest.tasks ?? '—'} healthy
          </p>
          <p className="text-xs text-muted-foreground">
            The cloud reports the desired count here; it is not measured.
          </p>
        </Tile>
      </div>
      <p className="text-xs text-muted-foreground">
        5-minute averages as of {new Date(latest.timestamp).toLocaleTimeString()}. Sampled every{' '}
        {METRICS_POLL_MS / 1000} s while this tab is open; the last {METRICS_HISTORY} samples stay
        in this page only ({samples.length} so far).
      </p>
    </div>
  )
}

function Tile({ icon, label, children }: { icon: ReactNode; label: string; children: ReactNode }) {
  return (
    <section
      aria-label={label}
      className="grid content-start gap-2 rounded-lg border border-border bg-card p-4 shadow-card"
    >
      <h4 className="flex items-center gap-2 text-sm font-medium text-muted-foreground">
        {icon}
        {label}
      </h4>
      {children}
    </section>
  )
}

function Gauge({
  icon,
  label,
  value,
  series,
}: {
  icon: ReactNode
  label: string
  value: number
  series: number[]
}) {
  const min = Math.min(...series)
  const max = Math.max(...series)
  return (
    <Tile icon={icon} label={label}>
      <p className="text-2xl font-semibold tabular-nums">
        {formatNumber(value, { maximumFractionDigits: 1 })}%
      </p>
      <div
        className="h-2 overflow-hidden rounded-full bg-muted"
        role="meter"
        aria-label={`${label} utilization`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
      >
        <div
          className={cn('h-full rounded-full', value >= 85 ? 'bg-destructive' : 'bg-primary')}
          style={{ width: `${Math.min(100, Math.max(0, value))}%` }}
        />
      </div>
      <Bars series={series} />
      <p className="text-xs text-muted-foreground">
        {series.length < 2
          ? 'History builds up while this tab is open'
          : min === max
            ? `Steady at ${formatNumber(min, { maximumFractionDigits: 1 })}% over the last ${series.length} samples`
            : `${formatNumber(min, { maximumFractionDigits: 1 })}–${formatNumber(max, { maximumFractionDigits: 1 })}% over the last ${series.length} samples`}
      </p>
    </Tile>
  )
}

/** The samples as small bars (0–100 %), oldest left; decoration next to the text above. */
function Bars({ series }: { series: number[] }) {
  const slots = METRICS_HISTORY
  const padded = [...Array<number | null>(Math.max(0, slots - series.length)).fill(null), ...series]
  return (
    <svg
      viewBox={`0 0 ${slots * 4} 40`}
      className="h-10 w-full"
      preserveAspectRatio="none"
      aria-hidden
    >
      {padded.map((v, i) => (
        <g key={i}>
          <rect x={i * 4 + 0.5} y={0} width={3} height={40} className="fill-muted" />
          {v === null ? null : (
            <rect
              x={i * 4 + 0.5}
              y={40 - Math.max(1.5, (Math.min(100, v) / 100) * 40)}
              width={3}
              height={Math.max(1.5, (Math.min(100, v) / 100) * 40)}
              className="fill-primary"
            />
          )}
        </g>
      ))}
    </svg>
  )
}
