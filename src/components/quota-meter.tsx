import { Gauge } from 'lucide-react'
import { cn } from '@/lib/cn'
import { formatCountdown, type QuotaView, type RateLimit } from '@/lib/rate-limit-quota'

type QuotaMeterProps = {
  view: QuotaView
  rateLimit: RateLimit
  /** The group's accessible name ("Video quota", "Deploy quota"). */
  label: string
  /** Calls already counted by the cloud whose answers (and the new count) have not come yet. */
  running?: number
}

const windowText = (seconds: number) =>
  seconds % 60 === 0 ? `${seconds / 60} minute${seconds === 60 ? '' : 's'}` : `${seconds} seconds`
/** "5-minute", "10-second". */
const windowAdjective = (seconds: number) =>
  seconds % 60 === 0 ? `${seconds / 60}-minute` : `${seconds}-second`

/**
 * A route's rate limit (docs/cloud/auth-errors-limits.md §3) as the last answer reported it, with a
 * countdown while it is spent (src/lib/rate-limit-quota.ts).
 */
export function QuotaMeter({ view, rateLimit, label, running = 0 }: QuotaMeterProps) {
  const spent = view.waitMs > 0
  return (
    <div
      role="group"
      aria-label={label}
      className={cn(
        'flex items-start gap-2.5 rounded-lg border px-3 py-2.5 text-sm',
        spent ? 'border-warning/30 bg-warning-soft' : 'border-border bg-muted/40',
      )}
    >
      <Gauge aria-hidden className={cn('mt-0.5 size-4 shrink-0', spent && 'text-warning')} />
      <div className="grid min-w-0 gap-0.5">
        {view.remaining === null ? (
          <p className="font-medium">
            {rateLimit.limit} calls per {windowText(rateLimit.windowSeconds)}
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
            `As of the last answer, in this ${windowAdjective(rateLimit.windowSeconds)} window.`
          )}
          {running > 0 ? ` ${running} running (already counted).` : ''}
        </p>
      </div>
    </div>
  )
}
