// One call to POST /api/a2a, kept whole for the console's "raw request and response" panel
// (docs/a2a.md §Envelope). The typed client does the request and turns every failure into an
// ApiError, reading the JSON-RPC body whatever the HTTP status (the cloud answers 404 for
// -32601, 402 for -32011 …). A response listener hands us a copy of the raw body as well.
import { createApiClient } from '@/lib/api-client'
import { ApiError, isApiError } from '@/lib/api-error'
import { rpcTaskSuccessSchema, rpcErrorSchema, type RpcRequest, type Task } from './schemas'
import { safeParse } from 'zod/v4/core'

export type RpcExchange = {
  request: RpcRequest
  sentAt: string
  durationMs: number
  /** HTTP status, or null when no response came (network, timeout). */
  status: number | null
  /** The body exactly as received ('' when empty; null when no response came). */
  responseText: string | null
  outcome: { ok: true; task: Task } | { ok: false; error: ApiError }
}

/** Every A2A call waits this long: the cloud's own 60-second budget plus a margin. */
export const A2A_TIMEOUT_MS = 65_000

/** POST /api/a2a through the typed client; never throws except when `signal` aborts. */
export async function callA2a(request: RpcRequest, signal?: AbortSignal): Promise<RpcExchange> {
  const seen: { status: number | null; body: Promise<string> | null } = {
    status: null,
    body: null,
  }
  // The client is the one that fetches; this wrapper only keeps a copy of what came back.
  const client = createApiClient({
    fetch: async (input, init) => {
      const response = await globalThis.fetch(input, init)
      seen.status = response.status
      seen.body = response
        .clone()
        .text()
        .catch(() => '')
      return response
    },
    defaultTimeoutMs: A2A_TIMEOUT_MS,
  })
  const started = performance.now()
  const sentAt = new Date().toISOString()
  let outcome: RpcExchange['outcome']
  try {
    const body = await client.post('/api/a2a', { body: request, signal })
    outcome = { ok: true, task: readSuccess(body, seen.status ?? 200) }
  } catch (error) {
    const apiError = isApiError(error) ? error : ApiError.from(error)
    if (apiError.kind === 'aborted') throw apiError
    outcome = { ok: false, error: apiError }
  }
  const responseText = seen.body === null ? null : await seen.body
  return {
    request,
    sentAt,
    durationMs: Math.round(performance.now() - started),
    status: seen.status,
    responseText,
    outcome,
  }
}

/**
 * A 200 answer: a Task result, or (defensively; the platform endpoint sends errors with a non-200
 * status) a JSON-RPC error, which becomes the same ApiError a non-200 one would.
 */
function readSuccess(body: unknown, status: number): Task {
  const ok = safeParse(rpcTaskSuccessSchema, body)
  if (ok.success) return ok.data.result
  const failed = safeParse(rpcErrorSchema, body)
  if (failed.success) {
    const { code, message } = failed.data.error
    throw new ApiError(kindOfCode(code), message, status, { code: String(code) })
  }
  throw new ApiError(
    'bad_response',
    body === undefined
      ? 'The cloud answered with an empty body instead of a JSON-RPC response.'
      : 'The answer is not a JSON-RPC response with a task.',
    status,
  )
}

function kindOfCode(code: number): ApiError['kind'] {
  switch (code) {
    case -32010:
      return 'unauthorized'
    case -32011:
      return 'insufficient_credits'
    case -32012:
      return 'rate_limited'
    case -32013:
      return 'forbidden'
    case -32001:
    case -32601:
      return 'not_found'
    case -32700:
    case -32600:
    case -32602:
      return 'invalid'
    default:
      return 'server'
  }
}
