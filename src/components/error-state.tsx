import { ErrorStateView } from './error-state-view'

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

/**
 * How an error is shown (docs/architecture.md §7); the mapping from kinds lives in error-state-view.tsx. The
 * view ships with the shell (about 3.5 KB gzip): an error is often the moment the server cannot be
 * reached, when no further code could be loaded.
 */
export function ErrorState(props: ErrorStateProps) {
  return <ErrorStateView key={errorKey(props.error)} {...props} />
}
