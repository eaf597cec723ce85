// Split for the bundle: loaded at the first failed response (api-error.ts), off the first page.
// The parser of the cloud's error bodies (docs/cloud/auth-errors-limits.md §2, E1–E10).
// Types only: the class stays in api-error.ts, which builds the error from what this file reads,
// so the split for the bundle makes no import cycle.
import type { ApiErrorDetails, ApiErrorFields, ApiErrorKind } from './api-error'

/**
 * Reads the fields of an `ApiError` from a status and a body that was already read: a string is
 * parsed as the response text, anything else is taken as parsed JSON (JSON-RPC errors can arrive
 * with HTTP 200, docs/cloud/a2a-discovery.md, per-agent A2A). `ApiError.fromResponse` delegates here.
 */
export function readErrorBody(status: number, body: unknown, headers?: Headers): ApiErrorFields {
  let payload: unknown = body
  let text = ''
  if (typeof body === 'string') {
    text = body
    if (text.trim() === '') {
      // bad key on some routes → bare 500 with an empty body (docs/cloud/auth-errors-limits.md E9)
      const kind = kindFromStatus(status)
      return {
        kind,
        message: `The cloud answered ${status} with an empty body.`,
        status,
        details: withRetryAfter({}, retryAfterFromHeaders(headers, kind)),
      }
    }
    try {
      payload = JSON.parse(text)
    } catch {
      payload = undefined
    }
  }

  const parsed = isRecord(payload) ? parseErrorObject(payload, status) : undefined
  if (!parsed) {
    // HTML error pages of a gateway in front of the cloud, or any other non-JSON text
    const kind = kindFromStatus(status)
    const excerpt = typeof body === 'string' ? excerptOf(text) : excerptOf(safeStringify(body))
    const looksHtml = /^\s*</.test(text)
    const what = looksHtml ? 'an HTML page instead of JSON' : 'a body that is not a JSON error'
    return {
      kind,
      message: `The cloud answered ${describeStatus(status)} with ${what}.`,
      status,
      details: withRetryAfter(
        excerpt ? { raw: excerpt } : {},
        retryAfterFromHeaders(headers, kind),
      ),
    }
  }

  const details: ApiErrorDetails = {}
  if (parsed.code !== undefined) details.code = parsed.code
  if (parsed.fieldErrors) details.fieldErrors = parsed.fieldErrors
  if (parsed.requiredUsd !== undefined) details.requiredUsd = parsed.requiredUsd
  const retryAfterSec = retryAfterFromHeaders(headers, parsed.kind) ?? parsed.retryAfterSec
  const { kind, message } = parsed
  return { kind, message, status, details: withRetryAfter(details, retryAfterSec) }
}

/** The response failed and its body could not even be read (connection dropped mid-body). */
export function readUnreadableBody(status: number, headers: Headers): ApiErrorFields {
  const kind = kindFromStatus(status)
  return {
    kind,
    message: `The cloud answered ${describeStatus(status)}, but the body could not be read.`,
    status,
    details: withRetryAfter({}, retryAfterFromHeaders(headers, kind)),
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing of error bodies

interface ParsedError {
  kind: ApiErrorKind
  message: string
  code?: string
  fieldErrors?: Record<string, string[]>
  requiredUsd?: number
  retryAfterSec?: number
}

/** Codes (lower-cased) that decide the kind before the status does (docs/cloud/auth-errors-limits.md §2). */
const KIND_BY_CODE: Record<string, ApiErrorKind> = {
  // E1/E2, proxy
  authentication_required: 'unauthorized',
  invalid_credentials: 'unauthorized',
  proxy_token_required: 'unauthorized',
  session_auth_required: 'session_only',
  access_denied: 'forbidden',
  resource_not_found: 'not_found',
  validation_error: 'invalid',
  insufficient_credits: 'insufficient_credits',
  session_not_ready: 'conflict',
  rate_limit_exceeded: 'rate_limited',
  internal_error: 'server',
  proxy_timeout: 'timeout',
  proxy_upstream_unreachable: 'unavailable',
  proxy_body_too_large: 'too_large',
  proxy_forbidden_host: 'forbidden',
  proxy_cross_site: 'forbidden',
  proxy_bad_path: 'not_found',
  proxy_bad_host: 'forbidden',
  proxy_too_many_attempts: 'rate_limited',
  proxy_upstream_redirect: 'unavailable',
  // E3 (OpenAI) and E4 (Anthropic) types and codes
  authentication_error: 'unauthorized',
  permission_error: 'forbidden',
  not_found_error: 'not_found',
  invalid_request_error: 'invalid',
  insufficient_quota: 'insufficient_credits',
  insufficient_balance: 'insufficient_credits',
  rate_limit_error: 'rate_limited',
  request_too_large: 'too_large',
  overloaded_error: 'unavailable',
  // upper-case codes of some route groups and of the product description
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  not_found: 'not_found',
  rate_limited: 'rate_limited',
}

/** JSON-RPC codes of `/api/a2a` and `/api/agents/{id}/a2a` (docs/cloud/a2a-discovery.md, Errors tables). */
const KIND_BY_RPC_CODE: Record<number, ApiErrorKind> = {
  [-32700]: 'invalid',
  [-32600]: 'invalid',
  [-32602]: 'invalid',
  [-32601]: 'not_found',
  [-32603]: 'server',
  [-32000]: 'server',
  [-32001]: 'not_found',
  [-32002]: 'unauthorized', // per-agent A2A: "Authentication required"
  [-32003]: 'insufficient_credits', // per-agent A2A: "Insufficient credits. Required: $…"
  [-32010]: 'unauthorized',
  [-32011]: 'insufficient_credits',
  [-32012]: 'rate_limited',
  [-32013]: 'forbidden',
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

function describeStatus(status: number): string {
  const text = STATUS_TEXT[status]
  return text ? `${status} ${text}` : String(status)
}

function kindFromStatus(status: number): ApiErrorKind {
  switch (status) {
    case 400:
    case 422:
      return 'invalid'
    case 401:
      return 'unauthorized'
    case 402:
      return 'insufficient_credits'
    case 403:
      return 'forbidden'
    case 404:
    case 410:
      return 'not_found'
    case 408:
    case 504:
      return 'timeout'
    case 409:
      return 'conflict'
    case 413:
      return 'too_large'
    case 429:
      return 'rate_limited'
    case 502:
    case 503:
      return 'unavailable'
  }
  if (status >= 500) return 'server'
  if (status >= 400) return 'invalid'
  // a 2xx/3xx handed to us as an error means we could not understand it
  return 'bad_response'
}

function kindFromCode(code: string | undefined): ApiErrorKind | undefined {
  return code === undefined ? undefined : KIND_BY_CODE[code.toLowerCase()]
}

function parseErrorObject(body: Record<string, unknown>, status: number): ParsedError | undefined {
  const requiredUsd = findRequiredUsd(body)
  const retryAfterSec = parseRetryAfterValue(body.retryAfter)

  // E7: JSON-RPC 2.0 (docs/cloud/a2a-discovery.md)
  if ('jsonrpc' in body && isRecord(body.error)) {
    const rpcCode = typeof body.error.code === 'number' ? body.error.code : undefined
    const message =
      nonEmptyString(body.error.message) ?? `The agent answered ${describeStatus(status)}.`
    let kind =
      (rpcCode !== undefined ? KIND_BY_RPC_CODE[rpcCode] : undefined) ?? kindFromStatus(status)
    // per-agent A2A uses -32001 for both "Agent not found" (404) and "Agent not accessible" (403)
    if (rpcCode === -32001 && status === 403) kind = 'forbidden'
    return compact({
      kind,
      message,
      code: rpcCode !== undefined ? String(rpcCode) : undefined,
      requiredUsd: requiredUsd ?? requiredUsdFromText(message),
      retryAfterSec,
    })
  }

  // E3 (OpenAI `{error:{message,type,code}}`) and E4 (Anthropic `{type:'error',error:{type,message}}`)
  if (isRecord(body.error)) {
    const code = nonEmptyString(body.error.code) ?? nonEmptyString(body.error.type)
    const message =
      nonEmptyString(body.error.message) ?? `The cloud answered ${describeStatus(status)}.`
    // The OpenAI-shaped routes type 401 and 403 alike as `authentication_error`
    // (docs/cloud/chat.md "Errors"): a 403 is a refusal, not a bad key.
    const forbidden = status === 403 && code === 'authentication_error'
    return compact({
      kind: forbidden ? 'forbidden' : (kindFromCode(code) ?? kindFromStatus(status)),
      message,
      code,
      requiredUsd: requiredUsd ?? requiredUsdFromText(message),
      retryAfterSec,
    })
  }

  // E1, E2, E5, E6, E8, E10: `{error:"…", code?, details?, message?}`
  const headline = nonEmptyString(body.error)
  if (headline !== undefined) {
    const code = nonEmptyString(body.code)
    const fieldErrors = fieldErrorsFrom(body.details)
    let message = joinMessages(headline, nonEmptyString(body.message))
    const detailText = nonEmptyString(body.details)
    if (detailText !== undefined) message = joinMessages(message, detailText, ': ')
    if (fieldErrors) message = `${message} (${summariseFieldErrors(fieldErrors)})`
    return compact({
      kind: kindFromCode(code) ?? kindFromStatus(status),
      message,
      code,
      fieldErrors,
      requiredUsd: requiredUsd ?? requiredUsdFromText(message),
      retryAfterSec,
    })
  }

  // Anything else that still carries a readable reason (x402 facilitator, plain `{message}`)
  const other =
    nonEmptyString(body.message) ??
    nonEmptyString(body.errorReason) ??
    nonEmptyString(body.invalidReason) ??
    nonEmptyString(body.detail)
  if (other !== undefined) {
    const code = nonEmptyString(body.code)
    return compact({
      kind: kindFromCode(code) ?? kindFromStatus(status),
      message: other,
      code,
      requiredUsd,
      retryAfterSec,
    })
  }
  return undefined
}

/** Joins "headline" and "explanation" without repeating the headline when the explanation contains it. */
function joinMessages(first: string, second: string | undefined, separator = '. '): string {
  if (second === undefined || second === first) return first
  if (second.toLowerCase().includes(first.toLowerCase())) return second
  if (first.toLowerCase().includes(second.toLowerCase())) return first
  const head = separator === '. ' ? first.replace(/[.!?]+$/, '') : first
  return `${head}${separator}${second}`
}

function summariseFieldErrors(fieldErrors: Record<string, string[]>): string {
  const entries = Object.entries(fieldErrors)
  const shown = entries
    .slice(0, 3)
    .map(([path, messages]) => (path === 'root' ? messages[0] : `${path}: ${messages[0]}`))
  const more = entries.length > 3 ? `; and ${entries.length - 3} more` : ''
  return shown.join('; ') + more
}

/**
 * Field errors from a zod issue array (E5: `[{path:['name'],message}]`; per-file failures
 * `[{filename,error}]` are keyed by filename), a zod formatted tree
 * (E6: `{_errors:[], name:{_errors:['…']}}`) or a flat record (`{amount:['Minimum amount is $1']}`).
 */
function fieldErrorsFrom(details: unknown): Record<string, string[]> | undefined {
  const out: Record<string, string[]> = {}
  const add = (path: string, message: string) => {
    const key = path === '' ? 'root' : path
    ;(out[key] ??= []).push(message)
  }

  if (Array.isArray(details)) {
    for (const issue of details) {
      if (!isRecord(issue)) continue
      // A zod issue `{path, message}`, or a per-file failure `{filename, error}` (knowledge
      // pre-upload, docs/cloud/knowledge.md §7), keyed by the file's name.
      const message = nonEmptyString(issue.message) ?? nonEmptyString(issue.error)
      if (message === undefined) continue
      const path = Array.isArray(issue.path)
        ? formatPath(issue.path)
        : (nonEmptyString(issue.filename) ?? '')
      add(path, message)
    }
  } else if (isRecord(details) && Array.isArray(details._errors)) {
    walkTree(details, '', add)
  } else if (isRecord(details)) {
    for (const [key, value] of Object.entries(details)) {
      if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) {
        for (const message of value) add(key, message)
      }
    }
  }
  return Object.keys(out).length > 0 ? out : undefined
}

function walkTree(
  node: Record<string, unknown>,
  path: string,
  add: (path: string, message: string) => void,
): void {
  if (Array.isArray(node._errors)) {
    for (const message of node._errors) if (typeof message === 'string') add(path, message)
  }
  for (const [key, child] of Object.entries(node)) {
    if (key === '_errors' || !isRecord(child)) continue
    walkTree(child, path === '' ? key : `${path}.${key}`, add)
  }
}

function formatPath(path: readonly unknown[]): string {
  return path
    .filter((p): p is string | number => typeof p === 'string' || typeof p === 'number')
    .join('.')
}

/** `required` (docs/cloud/media.md), `requiredBalance` (docs/cloud/agents.md), `requiredCredits` (docs/cloud/containers.md, USD), `details.required`. */
function findRequiredUsd(body: Record<string, unknown>): number | undefined {
  const candidates = [
    body.required,
    body.requiredBalance,
    body.requiredCredits,
    isRecord(body.details) ? body.details.required : undefined,
  ]
  for (const candidate of candidates) {
    const value = toFiniteNumber(candidate)
    if (value !== undefined && value >= 0) return value
  }
  return undefined
}

/** "Insufficient credits. Required: $0.0042" (docs/cloud/chat.md) and "need $0.0123, have …" (docs/cloud/a2a-discovery.md). */
function requiredUsdFromText(message: string): number | undefined {
  const match = /(?:required:?|need)\s*\$\s*(\d+(?:\.\d+)?)/i.exec(message)
  return match?.[1] !== undefined ? Number(match[1]) : undefined
}

// ---------------------------------------------------------------------------------------------
// Retry-After

function retryAfterFromHeaders(
  headers: Headers | undefined,
  kind: ApiErrorKind,
): number | undefined {
  if (!headers) return undefined
  const header = headers.get('retry-after')
  if (header !== null) {
    const value = parseRetryAfterHeader(header)
    if (value !== undefined) return value
  }
  // E10 also carries X-RateLimit-Reset as an ISO timestamp (docs/cloud/auth-errors-limits.md §2 E10)
  if (kind === 'rate_limited') {
    const reset = headers.get('x-ratelimit-reset')
    if (reset !== null && !/^\d+$/.test(reset.trim())) {
      const at = Date.parse(reset)
      if (Number.isFinite(at)) return Math.max(0, Math.ceil((at - Date.now()) / 1000))
    }
  }
  return undefined
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
function parseRetryAfterHeader(value: string): number | undefined {
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed))
  const at = Date.parse(trimmed)
  if (!Number.isFinite(at)) return undefined
  return Math.max(0, Math.ceil((at - Date.now()) / 1000))
}

const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hour: 3600,
  hours: 3600,
}

/** Body `retryAfter`: seconds as a number (E10) or text like "5 minutes" (docs/cloud/media.md, voice 503s). */
function parseRetryAfterValue(value: unknown): number | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) && value >= 0 ? Math.ceil(value) : undefined
  if (typeof value !== 'string') return undefined
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value)
  if (!match?.[1]) return undefined
  const unit = (match[2] ?? '').toLowerCase()
  const factor = unit === '' ? 1 : UNIT_SECONDS[unit]
  return factor === undefined ? undefined : Math.ceil(Number(match[1]) * factor)
}

function withRetryAfter(
  details: ApiErrorDetails,
  retryAfterSec: number | undefined,
): ApiErrorDetails {
  if (retryAfterSec !== undefined) details.retryAfterSec = retryAfterSec
  return details
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

function toFiniteNumber(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN
  return Number.isFinite(n) ? n : undefined
}

function compact(parsed: ParsedError): ParsedError {
  const out: ParsedError = { kind: parsed.kind, message: parsed.message }
  if (parsed.code !== undefined) out.code = parsed.code
  if (parsed.fieldErrors !== undefined) out.fieldErrors = parsed.fieldErrors
  if (parsed.requiredUsd !== undefined) out.requiredUsd = parsed.requiredUsd
  if (parsed.retryAfterSec !== undefined) out.retryAfterSec = parsed.retryAfterSec
  return out
}

function safeStringify(value: unknown): string {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? '')
  } catch {
    return ''
  }
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
}

/** A short plain-text excerpt: scripts and styles dropped, tags stripped, whitespace collapsed. */
function excerptOf(text: string, max = 200): string {
  const plain = text
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_m, name: string) => ENTITIES[name] ?? ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain
}
