// Bad input on every route (docs/sandbox.md §Bad input): malformed JSON, `null`, arrays, wrong
// types for each documented field, a 1 MB string, NUL and lone surrogates, missing fields, bad
// query values, bad multipart. Routes come from the app itself, so a new route is covered as soon
// as it is mounted. Every refusal must be JSON in a family shape, never empty, HTML or a stack
// trace; a 500 only where the cloud gives one for malformed JSON; and the sandbox answers on.
import type { Hono } from 'hono'
import { z } from 'zod'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { declaredRoutes } from './app.ts'
import { SEED } from './seed.ts'
import { openTestSandbox, SANDBOX_TIMEOUTS, type TestSandbox } from './test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])

/** Every `/api/*` method + path the app mounts (no wildcards, no `app.all` 405 fallbacks). */
function apiRoutes(app: Hono): { method: string; path: string }[] {
  const seen = new Map<string, { method: string; path: string }>()
  for (const r of app.routes) {
    if (!METHODS.has(r.method) || !r.path.startsWith('/api/') || r.path.includes('*')) continue
    seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path })
  }
  return [...seen.values()]
}

/** A real id where the seed has one (so body checks are reached), else a well-formed unknown one. */
function realParam(path: string, name: string): string {
  if (path.startsWith('/api/v1/containers/')) return SEED.containerId
  if (/agent|character|compat|milady/.test(path) && /^(id|agentId)$/.test(name)) {
    return SEED.agentIds[0]
  }
  return '5a4db0c0-0000-4000-8000-00000000ffff'
}

/** The path with each `:param` replaced by `value(name)`, already URL-encoded. */
const fill = (path: string, value: (name: string) => string) =>
  path.replace(/:([A-Za-z]+)/g, (_, name: string) => value(name))

const docOf = (method: string, path: string) => {
  const template = path.replace(/:([A-Za-z]+)/g, '{$1}')
  return declaredRoutes(sb.app).find(
    (d) => d.method.toUpperCase() === method && d.path === template,
  )
}

/** Top-level field names of the declared body, or common ones for a route without a body schema. */
function fieldsOf(body: z.ZodType | undefined): string[] {
  if (body instanceof z.ZodObject) return Object.keys(body.shape)
  return ['name', 'prompt', 'text', 'content', 'model', 'messages', 'input', 'query']
}

interface Case {
  label: string
  path: string
  init: RequestInit
}

const MB_STRING = 'x'.repeat(1_000_000)
const json = (body: string): RequestInit => ({
  headers: { 'Content-Type': 'application/json' },
  body,
})

function casesFor(method: string, path: string): Case[] {
  const doc = docOf(method, path)
  const real = fill(path, (name) => realParam(path, name))
  const cases: Case[] = []
  const add = (label: string, init: RequestInit = {}, at = real) =>
    cases.push({ label, path: at, init: { method, ...init } })

  if (path.includes(':'))
    add(
      'odd path id',
      {},
      fill(path, () => 'not-a-uuid\u0000\ud800'),
    )
  const queryKeys = Object.keys(doc?.query?.shape ?? {})
  const reads = method === 'GET' || method === 'DELETE'
  for (const key of new Set([
    ...queryKeys,
    ...(reads ? ['limit', 'offset', 'page', 'hours'] : []),
  ])) {
    for (const value of ['abc', '-1', '1e400', '99999999999999999999999', '%00', '%ED%A0%80']) {
      add(`?${key}=${value}`, {}, `${real}?${key}=${value}`)
    }
  }
  if (method === 'GET' || method === 'DELETE') return cases

  if (doc?.multipart) {
    add('multipart without boundary', {
      headers: { 'Content-Type': 'multipart/form-data' },
      body: 'garbage',
    })
    add('multipart, garbage parts', {
      headers: { 'Content-Type': 'multipart/form-data; boundary=XYZ' },
      body: '--XYZ\r\nContent-Disposition: form-data; name="file"\r\n\r\nno end',
    })
    add('JSON to a multipart route', json('{"name":"x"}'))
  }
  add('malformed JSON', json('{"a":'))
  add('empty body', json(''))
  add('null', json('null'))
  add('array', json('[1, 2]'))
  add('string', json('"x"'))
  add('number', json('42'))
  add('empty object', json('{}'))
  const fields = fieldsOf(doc?.body)
  for (const field of fields) {
    for (const [kind, value] of [
      ['number', 12345],
      ['true', true],
      ['object', { nested: [null] }],
      ['NUL', 'a\u0000b'],
      ['lone surrogate', 'a\ud800b'],
    ] as const) {
      add(`${field}: ${kind}`, json(JSON.stringify({ [field]: value })))
    }
    add(`${field}: [NUL]`, json(JSON.stringify({ [field]: ['\u0000'] })))
  }
  add(`${fields[0]}: 1 MB string`, json(JSON.stringify({ [fields[0] ?? 'x']: MB_STRING })))
  add(
    'NUL in every field',
    json(JSON.stringify(Object.fromEntries(fields.map((f) => [f, '\u0000'])))),
  )
  return cases
}

/**
 * Where the cloud itself answers bad input with a JSON 500, the sandbox keeps it (docs/sandbox.md
 * §Bad input lists them with their notes): [route, case label, why].
 */
const DOCUMENTED_500: [RegExp, RegExp, string][] = [
  // Next.js `req.json()` throws and the route's catch-all answers 500 with a JSON body.
  [/./, /^(malformed JSON|empty body)$/, 'unparsable JSON body, per route notes'],
  // Ids the handler queries by without checking: E9, a JSON body outside strict mode.
  [/:[a-zA-Z]+/, /^odd path id$/, 'docs/cloud/auth-errors-limits.md E9 (non-UUID ids)'],
  // A body the multipart parser rejects (not multipart at all).
  [
    /^POST \/api\/(v1\/voice|elevenlabs)\/(stt|clone|voices\/clone)$/,
    /^(?!multipart)/,
    'docs/cloud/media.md §5.2–5.3',
  ],
  // An unknown agent in characterId fails in the knowledge service.
  [
    /^\S+ \/api\/v1\/knowledge/,
    /characterId/,
    'docs/cloud/knowledge.md §1 (unknown characterId → 500)',
  ],
  // An unknown Stripe session.
  [
    /^GET \/api\/v1\/credits\/verify$/,
    /session_id/,
    'docs/cloud/billing.md §5 (unknown session → 500)',
  ],
]

/** File downloads answer an unknown file with the site's HTML 404, as a file server does. */
const FILE_ROUTE = /\/files\/:file$/

const STACK = /\bat [\w.<>]+ \(|node_modules|\.ts:\d+:\d+/
const HANG_MS = 10_000

async function answer(c: Case): Promise<{ status: number; type: string; text: string }> {
  let timer: NodeJS.Timeout | undefined
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${HANG_MS} ms`)), HANG_MS)
  })
  try {
    const res = await Promise.race([sb.call(c.path, c.init), hang])
    const text = await Promise.race([res.text(), hang])
    return { status: res.status, type: res.headers.get('content-type') ?? '', text }
  } finally {
    clearTimeout(timer)
  }
}

/** What is wrong with an answer, or null. */
function problemOf(
  route: string,
  c: Case,
  a: { status: number; type: string; text: string },
): string | null {
  if (a.status < 400) return null // a success: its body is the route's own (audio, SSE, JSON)
  if (FILE_ROUTE.test(route) && a.status === 404) return null
  if (!a.text) return `${a.status} with an empty body`
  if (!a.type.includes('application/json')) return `${a.status} ${a.type}: ${a.text.slice(0, 80)}`
  let body: unknown
  try {
    body = JSON.parse(a.text)
  } catch {
    return `${a.status} body is not JSON: ${a.text.slice(0, 80)}`
  }
  // Every family names the failure: `error` (E1–E8, E10) or x402's `invalidReason`/`errorReason`.
  const named = ['error', 'invalidReason', 'errorReason']
  if (!body || typeof body !== 'object' || !named.some((key) => key in body)) {
    return `${a.status} body names no error: ${a.text.slice(0, 80)}`
  }
  if (STACK.test(a.text)) return `${a.status} leaks a stack trace: ${a.text.slice(0, 120)}`
  if (a.status >= 500) {
    const documented = DOCUMENTED_500.some(([r, label]) => r.test(route) && label.test(c.label))
    if (!documented) return `${a.status}: ${a.text.slice(0, 120)}`
  }
  return null
}

describe('bad input on every route', () => {
  it('finds the routes from the app', () => {
    const routes = apiRoutes(sb.app)
    expect(routes.length).toBeGreaterThan(100)
    expect(routes).toContainEqual({ method: 'POST', path: '/api/v1/chat/completions' })
  })

  it('answers every case of every route in the family shape, and keeps answering', async () => {
    const problems: string[] = []
    for (const { method, path } of apiRoutes(sb.app)) {
      const route = `${method} ${path}`
      sb.ctx.limiter.clear() // a 429 would hide what the route does with the input
      for (const c of casesFor(method, path)) {
        try {
          const problem = problemOf(route, c, await answer(c))
          if (problem) problems.push(`${route} [${c.label}] ${problem}`)
        } catch (error) {
          problems.push(`${route} [${c.label}] ${String(error)}`)
        }
      }
      const balance = await sb.call('/api/v1/credits/balance')
      if (balance.status !== 200) problems.push(`${route}: balance answered ${balance.status}`)
      await balance.text()
    }
    expect(problems).toEqual([])
  }, 600_000)
})
