import { $ZodError } from 'zod/v4/core'

/**
 * What went wrong, as far as the UI cares. `<ErrorState>` maps each kind to one presentation
 * (docs/architecture.md §7); the cloud's own wording stays in `message`.
 */
export type ApiErrorKind =
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'unauthorized'
  | 'session_only'
  | 'insufficient_credits'
  | 'forbidden'
  | 'not_found'
  | 'invalid'
  | 'conflict'
  | 'rate_limited'
  | 'server'
  | 'unavailable'
  | 'bad_response'
  | 'stream_cut'
  | 'too_large'

/** Machine-readable extras of an {@link ApiError}. Every field is optional. */
export interface ApiErrorDetails {
  /** The cloud's or the proxy's code (`rate_limit_exceeded`, `insufficient_quota`, `-32601`…). */
  code?: string
  /** Seconds to wait before retrying, from `Retry-After`, the body's `retryAfter` or `X-RateLimit-Reset`. */
  retryAfterSec?: number
  /**
   * Validation messages keyed by dotted field path (`name`, `autoTopUp.amount`, `tags.0`).
   * Messages that belong to no field (an empty zod path) are under `root`, which is also the key
   * react-hook-form uses for form-level errors.
   */
  fieldErrors?: Record<string, string[]>
  /** A short plain-text excerpt of a body that was not a JSON error (HTML pages are stripped of tags). */
  raw?: string
  /** The USD amount the cloud said was needed when credits ran out. */
  requiredUsd?: number
}

/** What an {@link ApiError} is made of: `api-error-body.ts` reads these from an error response. */
export interface ApiErrorFields {
  kind: ApiErrorKind
  message: string
  status: number
  details: ApiErrorDetails
}

/** The one error type the data layer throws (docs/architecture.md §4). */
export class ApiError extends Error {
  override readonly name = 'ApiError'

  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status: number | null,
    readonly details: ApiErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }

  /** An `ApiError` from fields already read (see `readErrorBody` in api-error-body.ts). */
  static fromFields(fields: ApiErrorFields, options?: { cause?: unknown }): ApiError {
    return new ApiError(fields.kind, fields.message, fields.status, fields.details, options)
  }

  /**
   * Builds an `ApiError` from a response that is not ok. This is the only place that reads the
   * cloud's error bodies. It reads the body as text exactly once and never throws; every shape in
   * docs/cloud/auth-errors-limits.md §2 (E1–E10) and the proxy's own `proxy_*` errors are understood.
   *
   * The parser of those shapes lives in `api-error-body.ts`, loaded on the first error only: the
   * first page never pays for it when every request succeeds.
   */
  static async fromResponse(res: Response): Promise<ApiError> {
    const parser = import('./api-error-body')
    let text: string | undefined
    let readError: unknown
    try {
      text = await res.text()
    } catch (error) {
      readError = error
    }
    try {
      const { readErrorBody, readUnreadableBody } = await parser
      return text === undefined
        ? ApiError.fromFields(readUnreadableBody(res.status, res.headers), { cause: readError })
        : ApiError.fromFields(readErrorBody(res.status, text, res.headers))
    } catch (error) {
      // The parser's chunk could not be loaded (e.g. the server restarted with a new build):
      // keep the status, which is still enough to pick a presentation.
      const kind: ApiErrorKind =
        res.status === 429 ? 'rate_limited' : res.status >= 500 ? 'server' : 'invalid'
      return new ApiError(
        kind,
        `The cloud answered ${res.status}.`,
        res.status,
        {},
        { cause: error },
      )
    }
  }

  /**
   * Wraps anything thrown into an `ApiError`: an `ApiError` is returned as is, a `TypeError` from
   * `fetch` becomes `network`, `AbortError`/`TimeoutError` become `aborted`/`timeout`, a zod error
   * or a JSON `SyntaxError` becomes `bad_response`, anything else `server`.
   */
  static from(error: unknown): ApiError {
    if (error instanceof ApiError) return error
    const name = isRecord(error) && typeof error.name === 'string' ? error.name : ''
    if (name === 'TimeoutError') {
      return new ApiError(
        'timeout',
        'The request took too long and was stopped.',
        null,
        {},
        { cause: error },
      )
    }
    if (name === 'AbortError') {
      return new ApiError('aborted', 'The request was cancelled.', null, {}, { cause: error })
    }
    if (isZodError(error)) {
      return new ApiError('bad_response', describeZodError(error), null, {}, { cause: error })
    }
    if (error instanceof SyntaxError) {
      return new ApiError(
        'bad_response',
        `The cloud sent data that could not be read: ${error.message}`,
        null,
        {},
        { cause: error },
      )
    }
    if (error instanceof TypeError) {
      return new ApiError(
        'network',
        'The local proxy is not reachable. Check that the console server is still running.',
        null,
        {},
        { cause: error },
      )
    }
    const message =
      error instanceof Error && error.message ? error.message : 'Something unexpected went wrong.'
    return new ApiError('server', message, null, {}, { cause: error })
  }
}

/** True for an {@link ApiError} (also across module copies, by name and kind). */
export function isApiError(e: unknown): e is ApiError {
  if (e instanceof ApiError) return true
  return (
    e instanceof Error &&
    e.name === 'ApiError' &&
    typeof (e as { kind?: unknown }).kind === 'string'
  )
}

/** A zod failure, from `zod/mini` or classic `zod` (both throw the core `$ZodError`). */
export function isZodError(error: unknown): error is $ZodError {
  if (error instanceof $ZodError) return true
  return (
    error instanceof Error &&
    (error.name === 'ZodError' || error.name === '$ZodError') &&
    Array.isArray((error as { issues?: unknown }).issues)
  )
}

/**
 * A readable one-line description of a zod failure that names the failing path, e.g.
 * `The cloud's answer has an unexpected shape at data.0.id: Invalid input: expected string`.
 */
export function describeZodError(error: $ZodError): string {
  const first = error.issues[0]
  if (!first) return "The cloud's answer has an unexpected shape."
  const path = first.path
    .filter((p): p is string | number => typeof p === 'string' || typeof p === 'number')
    .join('.')
  // zod/mini ships no locale, so its messages are a bare "Invalid input": add what was expected
  const message =
    first.code === 'invalid_type' && first.message === 'Invalid input'
      ? `Invalid input: expected ${first.expected}`
      : first.message
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : ''
  return `The cloud's answer has an unexpected shape at ${path || 'the top level'}: ${message}${more}`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
