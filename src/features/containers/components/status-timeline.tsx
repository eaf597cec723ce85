import { Check, Circle, Loader2, X } from 'lucide-react'
import { cn } from '@/lib/cn'
import { statusLabel } from './status-badge'

/** The provisioning path (docs/containers.md §Status lifecycle). */
const STEPS = ['pending', 'building', 'deploying', 'running'] as const

type StepState = 'done' | 'current' | 'upcoming' | 'failed'

const HINT: Record<(typeof STEPS)[number], string> = {
  pending: 'Recorded; the fee is charged',
  building: 'Provisioning started',
  deploying: 'CloudFormation stack',
  running: 'Reachable at its URL',
}

function stepStates(status: string): StepState[] {
  const at = STEPS.indexOf(status as (typeof STEPS)[number])
  if (status === 'failed') return ['done', 'done', 'done', 'failed']
  if (at === -1) return STEPS.map(() => 'done') // stopped, deleting: past provisioning
  return STEPS.map((_, i) =>
    i < at ? 'done' : i === at ? (i === 3 ? 'done' : 'current') : 'upcoming',
  )
}

/**
 * pending → building → deploying → running, or failed in place of running. Follows the detail
 * query, which polls while the container moves, so it advances without a reload.
 */
export function StatusTimeline({
  status,
  errorMessage,
}: {
  status: string
  errorMessage: string | null
}) {
  const states = stepStates(status)
  return (
    <div className="grid gap-2">
      <ol aria-label="Deployment progress" className="grid gap-3 sm:grid-cols-4 sm:gap-2">
        {STEPS.map((step, i) => {
          const state = states[i] ?? 'upcoming'
          const isLast = i === STEPS.length - 1
          const label = isLast && state === 'failed' ? 'Failed' : statusLabel(step)
          return (
            <li
              key={step}
              aria-current={state === 'current' ? 'step' : undefined}
              className="flex items-start gap-2.5 sm:flex-col sm:gap-2"
            >
              <div className="flex items-center gap-2 sm:w-full">
                <span
                  className={cn(
                    'flex size-7 shrink-0 items-center justify-center rounded-full border',
                    state === 'done' && 'border-success/40 bg-success-soft text-success',
                    state === 'current' && 'border-primary/40 bg-info-soft text-primary',
                    state === 'upcoming' && 'border-border bg-muted text-muted-foreground',
                    state === 'failed' &&
                      'border-destructive/40 bg-destructive-soft text-destructive',
                  )}
                >
                  {state === 'done' ? (
                    <Check aria-hidden className="size-4" />
                  ) : state === 'current' ? (
                    <Loader2 aria-hidden className="size-4 animate-spin" />
                  ) : state === 'failed' ? (
                    <X aria-hidden className="size-4" />
                  ) : (
                    <Circle aria-hidden className="size-3" />
                  )}
                </span>
                {!isLast ? (
                  <span
                    aria-hidden
                    className={cn(
                      'hidden h-px flex-1 sm:block',
                      state === 'done' ? 'bg-success/40' : 'bg-border',
                    )}
                  />
                ) : null}
              </div>
              <div className="grid gap-0.5">
                <span
                  className={cn(
                    'text-sm font-medium',
                    state === 'upcoming' && 'text-muted-foreground',
                    state === 'failed' && 'text-destructive',
                  )}
                >
                  {label}
                  <span className="sr-only">
                    {state === 'done'
                      ? ' (done)'
                      : state === 'current'
                        ? ' (in progress)'
                        : state === 'failed'
                          ? ''
                          : ' (not yet)'}
                  </span>
                </span>
                <span className="text-xs text-muted-foreground">
                  {isLast && state === 'failed' ? 'See the reason below' : HINT[step]}
                </span>
              </div>
            </li>
          )
        })}
      </ol>
      {status === 'pending' || status === 'building' || status === 'deploying' ? (
        <p className="text-xs text-muted-foreground">
          On elizaOS Cloud this usually takes 8–12 minutes. This page follows it; you can leave and
          come back.
        </p>
      ) : null}
      {status === 'failed' && errorMessage ? (
        <p className="rounded-md border border-destructive/30 bg-destructive-soft px-3 py-2 text-sm wrap-anywhere text-destructive">
          {errorMessage}
        </p>
      ) : null}
    </div>
  )
}
