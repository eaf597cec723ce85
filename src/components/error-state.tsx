import { lazy, Suspense, useState, type ComponentType } from 'react'
import { isApiError } from '@/lib/api-error'
import { ErrorStateFrame, RetryButton } from './error-state-frame'
import { errorTitle } from './error-title'

export type ErrorStateProps = {
  error: unknown
  onRetry?: () => void
  /** Shows the retry button as pending while a retry is in flight. */
  isRetrying?: boolean
  /** Accessible name and text of the retry button. */
  retryLabel?: string
  /** 'card' is compact, for one failing card among others; 'page' fills a route. */
  size?: 'card' | 'page'
  headingLevel?: 1 | 2 | 3
  className?: string
}

// The full presentation (descriptions, icons, details, countdown) is only needed once something
// has failed, so it loads then; once loaded it renders at once, with no fallback.
let LoadedView: ComponentType<ErrorStateProps> | null = null
const loadView = () =>
  import('./error-state-view').then((m) => {
    LoadedView = m.ErrorStateView
    return { default: m.ErrorStateView }
  })
const LazyView = lazy(loadView)

/** Loads the full error presentation ahead of need (tests; never on the first page). */
export function preloadErrorState(): Promise<unknown> {
  return loadView()
}

// Stable per-error ids, so a new error object restarts the countdown.
const errorIds = new WeakMap<object, number>()
let nextErrorId = 0
function errorKey(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error)
  let id = errorIds.get(error)
  if (id === undefined) {
    id = ++nextErrorId
    errorIds.set(error, id)
  }
  return String(id)
}

/** How an error is shown (STYLE.md §7); the mapping from kinds lives in error-state-view.tsx. */
export function ErrorState(props: ErrorStateProps) {
  const key = errorKey(props.error)
  if (LoadedView) return <LoadedView key={key} {...props} />
  return (
    <Suspense fallback={<ErrorStateFallback {...props} />}>
      <LazyView key={key} {...props} />
    </Suspense>
  )
}

/**
 * Shown for the moment the full view loads: the same alert with its title, and Retry (held while
 * a rate limit asks to wait, since the countdown is not there yet).
 */
function ErrorStateFallback({
  error,
  onRetry,
  isRetrying = false,
  retryLabel = 'Retry',
  size = 'card',
  headingLevel = 3,
  className,
}: ErrorStateProps) {
  const [isWaiting] = useState(
    () =>
      isApiError(error) && error.kind === 'rate_limited' && (error.details.retryAfterSec ?? 0) > 0,
  )
  return (
    <ErrorStateFrame
      size={size}
      headingLevel={headingLevel}
      className={className}
      marker={<span className="mt-0.5 size-8 shrink-0 rounded-full bg-muted" aria-hidden />}
      title={errorTitle(error)}
      actions={
        onRetry ? (
          <div className="pl-11">
            <RetryButton
              onRetry={onRetry}
              isRetrying={isRetrying}
              isWaiting={isWaiting}
              label={retryLabel}
            />
          </div>
        ) : null
      }
    />
  )
}
