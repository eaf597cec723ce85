import { Gauge } from 'lucide-react'
import { cn } from '@/lib/cn'
import { VIDEO_RATE_LIMIT, type QuotaView } from '../api/quota'
import { formatCountdown } from '../hooks/use-quota-view'

/**
 * The 5-calls-per-5-minutes limit (auth-errors-limits.md §3) as the last answer reported it, with
 * a countdown while it is spent. `running` calls were already counted by the cloud when they
 * started; their answers (and the new count) come only when they finish.
 */
export function QuotaMeter({ view, running }: { view: QuotaView; running: number }) {
  const spent = view.waitMs > 0
  return (
    <div
      role="group"
      aria-label="Video quota"
      className={cn(
        'flex items-start gap-2.5 rounded-lg border px-3 py-2.5 text-sm',
        spent ? 'border-warning/30 bg-warning-soft' : 'border-border bg-muted/40',
      )}
    >
      <Gauge aria-hidden className={cn('mt-0.5 size-4 shrink-0', spent && 'text-warning')} />
      <div className="grid min-w-0 gap-0.5">
        {view.remaining === null ? (
          <p className="font-medium">
            {VIDEO_RATE_LIMIT.limit} calls per {VIDEO_RATE_LIMIT.windowSeconds / 60} minutes
          </p>
        ) : (
          <p className="font-medium">
            {view.remaining} of {view.limit} calls left
          </p>
        )}
        <p className="text-xs text-muted-foreground">
          {spent ? (
            <>
              Next call in{' '}
              <span role="timer" className="font-medium text-foreground tabular-nums">
                {formatCountdown(view.waitMs)}
              </span>
            </>
          ) : view.remaining === null ? (
            'The cloud reports what is left after each call.'
          ) : (
            'As of the last answer, in this 5-minute window.'
          )}
          {running > 0 ? ` ${running} running (already counted).` : ''}
        </p>
      </div>
    </div>
  )
}
