import { isApiError, type ApiErrorKind } from '@/lib/api-error'

const TITLES: Record<ApiErrorKind, string> = {
  network: 'The local proxy is not reachable',
  timeout: 'The request timed out',
  aborted: 'The request was cancelled',
  unauthorized: 'The API key was not accepted',
  session_only: 'This needs a dashboard login',
  insufficient_credits: 'Out of credits',
  forbidden: 'Access denied',
  not_found: 'Not found',
  invalid: 'The cloud rejected the request',
  conflict: 'It conflicts with what is there',
  rate_limited: 'Rate limited',
  server: 'The cloud hit an error',
  unavailable: 'The cloud is unreachable',
  bad_response: 'Unexpected response',
  stream_cut: 'The reply was cut off',
  too_large: 'Too large',
}

/**
 * The short headline of an error: ErrorState's title, also used where there is room for one
 * line only (the header's badges). Kept apart from ErrorState so they need none of its code.
 */
export function errorTitle(error: unknown): string {
  if (!isApiError(error)) return 'Something went wrong'
  if (error.kind === 'server') return `${TITLES.server} (${error.status || 500})`
  return TITLES[error.kind] ?? `${TITLES.server} (${error.status || 500})`
}
