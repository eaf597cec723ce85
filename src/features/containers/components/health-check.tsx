import { Activity, CircleCheck, CircleX, TriangleAlert } from 'lucide-react'
import { ErrorState } from '@/components/error-state'
import { Button } from '@/components/ui/button'
import { formatRelativeTime } from '@/lib/format'
import { useHealthCheck } from '../api/mutations'

/**
 * A live probe of `<url><health path>` on demand (docs/containers.md §Health). Its side effect is
 * said before it runs: an unhealthy answer turns a running container `failed`.
 */
export function HealthCheck({
  containerId,
  status,
  url,
  healthCheckPath,
  lastHealthCheck,
}: {
  containerId: string
  status: string
  url: string | null
  healthCheckPath: string | null
  lastHealthCheck: string | null
}) {
  const check = useHealthCheck(containerId)
  const result = check.data
  return (
    <section aria-labelledby="health-heading" className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="health-heading" className="flex items-center gap-2 text-sm font-medium">
          <Activity aria-hidden className="size-4" />
          Health check
        </h3>
        <Button
          variant="outline"
          size="sm"
          pending={check.isPending}
          disabled={!url}
          onClick={() => check.mutate()}
        >
          Run health check
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">
        {url
          ? `Requests ${healthCheckPath ?? '/health'} on the container's URL now (10 s timeout). `
          : 'Available once the container has a URL. '}
        {status === 'running'
          ? 'If it does not answer 2xx, the cloud marks this running container as failed.'
          : null}
        {lastHealthCheck ? ` Last checked ${formatRelativeTime(lastHealthCheck)}.` : null}
      </p>
      {check.isError ? (
        <ErrorState
          error={check.error}
          onRetry={() => check.mutate()}
          isRetrying={check.isPending}
          retryLabel="Retry health check"
        />
      ) : null}
      {result ? (
        <div
          role="status"
          className={
            result.healthy
              ? 'flex items-start gap-2 rounded-md border border-success/30 bg-success-soft px-3 py-2 text-sm'
              : 'flex items-start gap-2 rounded-md border border-destructive/30 bg-destructive-soft px-3 py-2 text-sm'
          }
        >
          {result.healthy ? (
            <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-success" />
          ) : (
            <CircleX aria-hidden className="mt-0.5 size-4 shrink-0 text-destructive" />
          )}
          <div className="grid gap-0.5">
            <p className="font-medium">
              {result.healthy ? 'Healthy' : 'Unhealthy'}
              {result.statusCode !== null ? ` · HTTP ${result.statusCode}` : ''}
              {result.responseTimeMs !== null ? ` · ${result.responseTimeMs} ms` : ''}
            </p>
            <p className="text-xs text-muted-foreground">
              Checked {formatRelativeTime(result.checkedAt)}
              {result.error ? ` · ${result.error}` : ''}
            </p>
            {!result.healthy && result.statusBefore === 'running' ? (
              <p className="flex items-center gap-1 text-xs font-medium text-destructive">
                <TriangleAlert aria-hidden className="size-3.5" />
                The container is now marked failed.
              </p>
            ) : null}
          </div>
        </div>
      ) : null}
    </section>
  )
}
