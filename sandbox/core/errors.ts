// Error bodies by route family, exactly as docs/cloud/auth-errors-limits.md §2 lists them (E1–E10).
// They are deliberately not unified: the console must be tested against the cloud's real mix.

type Headers = Record<string, string>

const json = (status: number, body: unknown, headers: Headers = {}) =>
  Response.json(body, { status, headers })

// ─── E1: edge gate ────────────────────────────────────────────────────────────────────────
export type EdgeFailure = 'no_credentials' | 'invalid_token' | 'session_only' | 'gate_failure'

const EDGE_MESSAGES: Record<EdgeFailure, [error: string, code: string]> = {
  no_credentials: ['Unauthorized', 'authentication_required'],
  invalid_token: ['Invalid authentication token', 'authentication_required'],
  session_only: [
    'This endpoint requires session authentication. API keys and Bearer tokens are not accepted.',
    'session_auth_required',
  ],
  gate_failure: ['Authentication failed', 'authentication_required'],
}

/** E1 always carries `X-Proxy-Time` (docs/cloud/auth-errors-limits.md E1); we put the gate's milliseconds in it. */
export function edgeError(failure: EdgeFailure, startedAt: number): Response {
  const [error, code] = EDGE_MESSAGES[failure]
  return json(
    401,
    { success: false, error, code },
    { 'X-Proxy-Time': String(Date.now() - startedAt) },
  )
}

// ─── E2: canonical ApiError ───────────────────────────────────────────────────────────────
export type ApiErrorCode =
  | 'authentication_required'
  | 'session_auth_required'
  | 'access_denied'
  | 'resource_not_found'
  | 'validation_error'
  | 'insufficient_credits'
  | 'session_not_ready'
  | 'rate_limit_exceeded'
  | 'internal_error'

const CODE_BY_STATUS: Record<number, ApiErrorCode> = {
  400: 'validation_error',
  401: 'authentication_required',
  402: 'insufficient_credits',
  403: 'access_denied',
  404: 'resource_not_found',
  409: 'session_not_ready',
  429: 'rate_limit_exceeded',
}

export const codeForStatus = (status: number): ApiErrorCode =>
  CODE_BY_STATUS[status] ?? 'internal_error'

/** E2 `{success:false, error, code, details?}`; 5xx messages are masked as the cloud does. */
export function apiError(
  status: number,
  message: string,
  code: ApiErrorCode = codeForStatus(status),
  details?: unknown,
): Response {
  const error = status >= 500 ? 'An unexpected error occurred' : message
  return json(status, {
    success: false,
    error,
    code,
    ...(details === undefined ? {} : { details }),
  })
}

// ─── E3: OpenAI-compatible ────────────────────────────────────────────────────────────────
export type OpenAiErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'insufficient_quota'
  | 'rate_limit_error'
  | 'service_unavailable'
  | 'account_suspended'
  | 'api_error'

export function openAiError(
  status: number,
  error: { message: string; type: OpenAiErrorType; code?: string; param?: string },
): Response {
  return json(status, { error })
}

// ─── E4: Anthropic-compatible (/api/v1/messages only) ─────────────────────────────────────
export function anthropicError(status: number, type: string, message: string): Response {
  return json(status, { type: 'error', error: { type, message } })
}

/** The message of a thrown value, for the `details` of an error body. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

// ─── E5: bare string, sometimes with extra keys (details, required, validModels…) ────────
export function bareError(status: number, message: string, extra: object = {}): Response {
  return json(status, { error: message, ...extra })
}

// ─── E6: success flag without code ────────────────────────────────────────────────────────
export function flagError(status: number, message: string, extra: object = {}): Response {
  return json(status, { success: false, error: message, ...extra })
}

// ─── E7: JSON-RPC 2.0 ─────────────────────────────────────────────────────────────────────
export function jsonRpcError(
  status: number,
  code: number,
  message: string,
  id: string | number | null,
): Response {
  return json(status, { jsonrpc: '2.0', error: { code, message }, id })
}

// ─── E8: compat envelope; 5xx messages are replaced ───────────────────────────────────────
export function compatError(status: number, message: string): Response {
  return json(status, { success: false, error: status >= 500 ? 'Internal server error' : message })
}

// ─── E9: unhandled exception → bare 500 with an empty, non-JSON body ──────────────────────
export function bare500(): Response {
  return new Response(null, { status: 500 })
}

// ─── E10: rate limiter ────────────────────────────────────────────────────────────────────
export function rateLimitError(
  limit: number,
  windowMs: number,
  retryAfterSec: number,
  headers: Headers,
): Response {
  return json(
    429,
    {
      success: false,
      error: 'Too many requests',
      code: 'rate_limit_exceeded',
      message: `Rate limit exceeded. Maximum ${limit} requests per ${Math.ceil(windowMs / 1000)} seconds.`,
      retryAfter: retryAfterSec,
    },
    { ...headers, 'Retry-After': String(retryAfterSec) },
  )
}

// ─── Not a family: what Next.js answers for a path or method with no handler ──────────────
// README.md row 9: a route without the method answers 405 with an empty body.
export function methodNotAllowed(allow: string[]): Response {
  return new Response(null, { status: 405, headers: { Allow: allow.join(', ') } })
}

/** Next.js's HTML 404 page for an unknown path. */
export function notFoundPage(): Response {
  return new Response(
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>404: This page could not be found.</title></head>' +
      '<body><h1>404</h1><h2>This page could not be found.</h2></body></html>',
    { status: 404, headers: { 'Content-Type': 'text/html; charset=utf-8' } },
  )
}

// ─── The family of a path, for answers no handler wrote ───────────────────────────────────
// docs/sandbox.md §Bad input: a refusal made before the handler (a NUL character) and the
// catch-all for an exception use the shape the path's family uses (docs/cloud/auth-errors-limits.md §2).
type Family = 'E2' | 'E3' | 'E4' | 'E5' | 'E6' | 'E7' | 'E8'

const FAMILY_BY_PATH: [RegExp, Family][] = [
  [/^\/api\/v1\/(chat\/completions|embeddings|models|responses)(\/|$)/, 'E3'],
  [/^\/api\/v1\/messages(\/|$)/, 'E4'],
  [/^\/api\/(a2a|agents\/[^/]+\/a2a)$/, 'E7'],
  [/^\/api\/compat\//, 'E8'],
  [
    /^\/api\/(my-agents\/|v1\/app\/agents|v1\/agents\/[^/]+\/(publish|monetization)|v1\/billing\/settings|v1\/containers)/,
    'E6',
  ],
  [
    /^\/api\/(v1\/credits\/(balance|summary|checkout|verify)|credits\/balance|v1\/milady\/|v1\/agents|mcp)/,
    'E2',
  ],
]

export function familyOf(path: string): Family {
  return FAMILY_BY_PATH.find(([re]) => re.test(path))?.[1] ?? 'E5'
}

/** An error in the shape of `path`'s family; 5xx messages are masked as each family masks them. */
export function familyError(
  path: string,
  method: string,
  status: number,
  message: string,
): Response {
  switch (familyOf(path)) {
    case 'E2':
      return apiError(status, message)
    case 'E3':
      return openAiError(status, {
        message: status >= 500 ? 'An unexpected error occurred' : message,
        type: status >= 500 ? 'api_error' : 'invalid_request_error',
      })
    case 'E4':
      return anthropicError(status, status >= 500 ? 'api_error' : 'invalid_request_error', message)
    case 'E7':
      // A GET of an agent card is not JSON-RPC: E5 there (docs/cloud/auth-errors-limits.md §2).
      if (method !== 'POST') return bareError(status, message)
      return status >= 500
        ? jsonRpcError(status, -32603, 'Internal error', null)
        : jsonRpcError(status, -32602, `Invalid params: ${message}`, null)
    case 'E8':
      return compatError(status, message)
    case 'E6':
      return flagError(status, status >= 500 ? 'An unexpected error occurred' : message)
    case 'E5':
      return bareError(status, status >= 500 ? 'Internal server error' : message)
  }
}
