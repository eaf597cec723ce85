// One check in front of every /api/* handler (docs/sandbox.md §Bad input): a NUL character
// (U+0000) or a lone surrogate in the path, a query value or any string of a JSON body is refused
// with the family's 400. Postgres stores neither in text or jsonb, so they used to reach the
// database and come back as a 500 (often with an empty body); the console checks its own input
// before sending, so a user never meets this 400.
import type { MiddlewareHandler } from 'hono'
import { familyError } from './errors.ts'

export const UNSTORABLE_MESSAGE =
  'Invalid request: text must be valid Unicode without NUL (\\u0000) characters'

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Text Postgres cannot store: a NUL character, or a lone surrogate (not valid Unicode). */
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text)

/** True when `value` (a parsed JSON value) holds unstorable text in a string or a key. */
export function containsUnstorable(value: unknown): boolean {
  if (typeof value === 'string') return unstorable(value)
  if (Array.isArray(value)) return value.some(containsUnstorable)
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => unstorable(k) || containsUnstorable(v))
  }
  return false
}

function decodes(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

const hasBody = (method: string) => method !== 'GET' && method !== 'HEAD'

export function inputGuard(): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url)
    const refuse = () => familyError(url.pathname, c.req.method, 400, UNSTORABLE_MESSAGE)
    if (unstorable(decodes(url.pathname))) return refuse()
    for (const [key, value] of url.searchParams) {
      if (unstorable(key) || unstorable(value)) return refuse()
    }
    const type = c.req.header('content-type') ?? ''
    if (hasBody(c.req.method) && /\bjson\b/i.test(type)) {
      // A copy: the handler still reads the body itself, with its own parse errors.
      const text = await c.req.raw.clone().text()
      // Cheap test first: in valid JSON text NUL and lone surrogates can only be escapes.
      if (/\\u(0000|d[89a-f])/i.test(text)) {
        let body: unknown
        try {
          body = JSON.parse(text)
        } catch {
          body = undefined // malformed: the handler answers it as the cloud does
        }
        if (containsUnstorable(body)) return refuse()
      }
    }
    await next()
  }
}

/**
 * An optional integer query value: `undefined` when absent; `{ error }` when it is not a whole
 * number in [min, max] (the family's 400, docs/sandbox.md §Bad input).
 */
export function queryInt(
  raw: string | undefined,
  name: string,
  { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {},
): { value: number | undefined } | { error: string } {
  if (raw === undefined) return { value: undefined }
  const value = /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : Number.NaN
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    return { error: `${name} must be a whole number from ${min} to ${max}` }
  }
  return { value }
}
