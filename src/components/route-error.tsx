import { useQueryErrorResetBoundary } from '@tanstack/react-query'
import { useRouter, type ErrorComponentProps } from '@tanstack/react-router'
import { useEffect } from 'react'
import { ErrorState } from './error-state'

/**
 * The router's defaultErrorComponent (STYLE.md §7). Resets the query error boundary so the
 * failed queries refetch, and "Try again" re-runs the route's loaders.
 */
export function RouteError({ error }: ErrorComponentProps) {
  const router = useRouter()
  const { reset } = useQueryErrorResetBoundary()
  useEffect(() => {
    reset()
  }, [reset])
  return (
    <div className="py-6 md:py-10">
      <ErrorState
        error={error}
        size="page"
        headingLevel={1}
        retryLabel="Try again"
        onRetry={() => void router.invalidate()}
      />
    </div>
  )
}
