import { safeParse, type $ZodType } from 'zod/v4/core'

import { ApiError, describeZodError } from './api-error'
import { reportUnreachable } from './server-connection'

/** Query parameters; `undefined` and `null` values are left out. */
export type Query = Record<string, string | number | boolean | undefined | null>

export interface RequestOptions<T> {
  query?: Query
  /** JSON-serialised, except `FormData`, `Blob`, `URLSearchParams`, `ArrayBuffer` and typed arrays, which are sent as is. */
  body?: unknown
  headers?: Record<string, string>
  signal?: AbortSignal
  /**
   * Parses the response; a mismatch throws `ApiError('bad_response')` naming the failing path.
   * Any zod 4 schema works: the browser code uses `zod/mini`, tests may use classic `zod`.
   */
  schema?: $ZodType<T>
  /**
   * Milliseconds before the request is stopped with kind `timeout` (default 30 000; 0 = none).
   * For {@link ApiClient.raw} it bounds the wait for the response headers only, so a long stream
   * is not cut; the caller's `signal` ends it.
   */
  timeoutMs?: number
}

export interface ApiClient {
  get<T = unknown>(path: string, opts?: RequestOptions<T>): Promise<T>
  post<T = unknown>(path: string, opts?: RequestOptions<T>): Promise<T>
  put<T = unknown>(path: string, opts?: RequestOptions<T>): Promise<T>
  patch<T = unknown>(path: string, opts?: RequestOptions<T>): Promise<T>
  delete<T = unknown>(path: string, opts?: RequestOptions<T>): Promise<T>
  /** The bare response, for streams and downloads; throws `ApiError` when it is not ok. */
  raw(path: string, opts?: RequestOptions<unknown> & { method?: string }): Promise<Response>
}

export interface ApiClientConfig {
  /** Prefix for every path; '' (the default) means same-origin. Tests pass `http://127.0.0.1:<port>`. */
  baseUrl?: string
  fetch?: typeof fetch
  defaultTimeoutMs?: number
  /** Called when a request cannot reach the server at all (a network error). */
  onUnreachable?: () => void
}

const DEFAULT_TIMEOUT_MS = 30_000

/**
 * Creates the typed fetch client (docs/architecture.md §4). It is the only code that calls `fetch`; every
 * failure comes out as an `ApiError`: `network` when the proxy cannot be reached, `timeout` when
 * `timeoutMs` passes, `aborted` when the caller's signal fires, the cloud's errors through
 * `ApiError.fromResponse`, and `bad_response` when a `schema` does not match.
 *
 * Successful bodies are read by content type: JSON is parsed, `text/*` becomes a string,
 * anything else a `Blob`; 204 and empty bodies give `undefined`.
 */
export function createApiClient(config: ApiClientConfig = {}): ApiClient {
  const baseUrl = (config.baseUrl ?? '').replace(/\/+$/, '')
  const defaultTimeoutMs = config.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS

  async function send(
    method: string,
    path: string,
    opts: RequestOptions<unknown>,
    readBody: boolean,
  ): Promise<{ response: Response; value: unknown }> {
    // resolved per call (not captured) so a stubbed global fetch is honoured; called unbound
    // because browsers reject `fetch` invoked as a method of another object
    const doFetch = config.fetch ?? globalThis.fetch
    const url = buildUrl(baseUrl, path, opts.query)
    const timeoutMs = opts.timeoutMs ?? defaultTimeoutMs
    const deadline = createDeadline(timeoutMs)
    const signal = combineSignals(opts.signal, deadline?.signal)
    const { body, contentType } = encodeBody(opts.body)

    const headers = new Headers({ Accept: 'application/json, */*;q=0.5' })
    if (contentType) headers.set('Content-Type', contentType)
    for (const [name, value] of Object.entries(opts.headers ?? {})) headers.set(name, value)

    const fail = (error: unknown): ApiError => {
      if (error instanceof ApiError) return error
      if (opts.signal?.aborted) {
        return new ApiError('aborted', 'The request was cancelled.', null, {}, { cause: error })
      }
      if (deadline?.signal.aborted) {
        return new ApiError(
          'timeout',
          `No answer within ${formatSeconds(timeoutMs)}; the request was stopped.`,
          null,
          {},
          { cause: error },
        )
      }
      const apiError = ApiError.from(error)
      if (apiError.kind === 'network') config.onUnreachable?.()
      return apiError
    }

    try {
      let response: Response
      try {
        const init: RequestInit = { method, headers }
        if (body !== undefined) init.body = body
        if (signal) init.signal = signal
        response = await doFetch(url, init)
      } catch (error) {
        throw fail(error)
      }
      if (!readBody) {
        if (!response.ok) throw await ApiError.fromResponse(response)
        // raw(): the deadline covers the headers only; the stream is the caller's
        deadline?.clear()
        return { response, value: undefined }
      }
      if (!response.ok) throw await ApiError.fromResponse(response)
      let value: unknown
      try {
        value = await readSuccessBody(response)
      } catch (error) {
        throw fail(error)
      }
      return { response, value }
    } finally {
      deadline?.clear()
    }
  }

  async function request<T>(
    method: string,
    path: string,
    opts: RequestOptions<T> = {},
  ): Promise<T> {
    const { response, value } = await send(method, path, opts, true)
    if (!opts.schema) return value as T
    const result = safeParse(opts.schema, value)
    if (result.success) return result.data
    throw new ApiError(
      'bad_response',
      `${method} ${path}: ${describeZodError(result.error)}`,
      response.status,
      {},
      { cause: result.error },
    )
  }

  return {
    get: (path, opts) => request('GET', path, opts),
    post: (path, opts) => request('POST', path, opts),
    put: (path, opts) => request('PUT', path, opts),
    patch: (path, opts) => request('PATCH', path, opts),
    delete: (path, opts) => request('DELETE', path, opts),
    raw: async (path, opts = {}) => {
      const { method = opts.body === undefined ? 'GET' : 'POST', ...rest } = opts
      const { response } = await send(method.toUpperCase(), path, rest, false)
      return response
    },
  }
}

/** The same-origin client the app uses; every path starts with `/api/`. */
export const api: ApiClient = createApiClient({ onUnreachable: reportUnreachable })

/** Joins base URL, path and query; `undefined`/`null` query values are skipped. */
export function buildUrl(baseUrl: string, path: string, query?: Query): string {
  let url = baseUrl + (path.startsWith('/') || baseUrl === '' ? path : `/${path}`)
  if (query) {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === null) continue
      params.append(key, String(value))
    }
    const search = params.toString()
    if (search) url += (url.includes('?') ? '&' : '?') + search
  }
  return url
}

function encodeBody(value: unknown): { body?: BodyInit; contentType?: string } {
  if (value === undefined) return {}
  if (
    value instanceof FormData || // the browser sets the multipart boundary itself
    value instanceof Blob ||
    value instanceof URLSearchParams ||
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value)
  ) {
    return { body: value as BodyInit }
  }
  return { body: JSON.stringify(value), contentType: 'application/json' }
}

async function readSuccessBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205 || response.body === null) {
    return undefined
  }
  const type = (response.headers.get('content-type') ?? '').toLowerCase()
  if (type.includes('json')) {
    const text = await response.text()
    if (text.trim() === '') return undefined
    return JSON.parse(text) as unknown // a SyntaxError becomes bad_response
  }
  if (type.startsWith('text/')) {
    const text = await response.text()
    return text === '' ? undefined : text
  }
  const blob = await response.blob()
  return blob.size === 0 && type === '' ? undefined : blob
}

interface Deadline {
  signal: AbortSignal
  clear(): void
}

/** A timer-driven signal that can be cleared (AbortSignal.timeout cannot, which raw() needs). */
function createDeadline(timeoutMs: number): Deadline | undefined {
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) return undefined
  const controller = new AbortController()
  const timer = setTimeout(() => {
    controller.abort(new DOMException('The request timed out.', 'TimeoutError'))
  }, timeoutMs)
  return { signal: controller.signal, clear: () => clearTimeout(timer) }
}

function combineSignals(a?: AbortSignal, b?: AbortSignal): AbortSignal | undefined {
  if (!a) return b
  if (!b) return a
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b])
  // older browsers: link both by hand
  const controller = new AbortController()
  const forward = (source: AbortSignal) => () => controller.abort(source.reason)
  for (const source of [a, b]) {
    if (source.aborted) {
      controller.abort(source.reason)
      break
    }
    source.addEventListener('abort', forward(source), { once: true })
  }
  return controller.signal
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000
  return seconds >= 1 ? `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s` : `${ms} ms`
}
