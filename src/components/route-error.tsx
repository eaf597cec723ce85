import { useQueryErrorResetBoundary } from '@tanstack/react-query'
import { useRouter, type ErrorComponentProps } from '@tanstack/react-router'
import { useEffect, useMemo } from 'react'
import { ApiError, isApiError } from '@/lib/api-error'
import {
  isChunkLoadError,
  onServerReconnect,
  reloadForCode,
  reportUnreachable,
} from '@/lib/server-connection'
import { ErrorState } from './error-state'

/**
 * The router's defaultErrorComponent (docs/architecture.md §7). Resets the query error boundary so the
 * failed queries refetch, and "Try again" re-runs the route's loaders. A page whose code could not
 * be loaded (the server restarting) says so as the unreachable server it is, and reloads by itself
 * once the server answers (drafts are kept in the browser's storage, so nothing typed is lost).
 */
export function RouteError({ error }: ErrorComponentProps) {
  const router = useRouter()
  const { reset } = useQueryErrorResetBoundary()
  useEffect(() => {
    reset()
  }, [reset])

  const isCodeMissing = isChunkLoadError(error)
  const isNotFound = isApiError(error) && error.kind === 'not_found'
  const shown = useMemo(
    () =>
      isCodeMissing
        ? new ApiError(
            'network',
            'This page’s code could not be loaded: the console’s server did not answer.',
            null,
            {},
            { cause: error },
          )
        : error,
    [error, isCodeMissing],
  )
  useEffect(() => {
    if (!isCodeMissing) return
    reportUnreachable()
    return onServerReconnect(() => void reloadForCode())
  }, [isCodeMissing])

  return (
    <div className="py-6 md:py-10">
      <ErrorState
        error={shown}
        size="page"
        headingLevel={1}
        retryLabel="Try again"
        // what is not there (e.g. a deleted agent's page) does not come back by trying again
        onRetry={
          isNotFound
            ? undefined
            : () => (isCodeMissing ? window.location.reload() : void router.invalidate())
        }
      />
    </div>
  )
}
