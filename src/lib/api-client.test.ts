import { afterEach, describe, expect, it, vi } from 'vitest'
import { z as zClassic } from 'zod'
import { z } from 'zod/mini'

import { buildUrl, createApiClient } from './api-client'
import { ApiError } from './api-error'

interface Call {
  url: string
  init: RequestInit
}

/** A fake fetch that records calls and answers with `respond`; it honours `init.signal` like the real one. */
function fakeFetch(
  respond: (call: Call) => Response | Promise<Response> = () => new Response(null, { status: 204 }),
) {
  const calls: Call[] = []
  const fn = vi.fn((input: RequestInfo | URL, init: RequestInit = {}) => {
    const call = { url: String(input), init }
    calls.push(call)
    const signal = init.signal
    if (signal?.aborted) return Promise.reject(signal.reason)
    return new Promise<Response>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true })
      Promise.resolve(respond(call)).then(resolve, reject)
    })
  })
  return { fetch: fn as unknown as typeof fetch, calls }
}

/** Never answers; only an abort ends it. */
const hanging = () => new Promise<Response>(() => {})

function json(body: unknown, init: ResponseInit = {}) {
  return new Response(JSON.stringify(body), {
    ...init,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...init.headers },
  })
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ApiError) return error
    throw new Error(`expected an ApiError, got ${String(error)}`)
  }
  throw new Error('expected the request to fail')
}

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('URLs and query parameters', () => {
  it('encodes the query and skips undefined and null', async () => {
    const { fetch, calls } = fakeFetch(() => json({ ok: true }))
    const client = createApiClient({ fetch })
    await client.get('/api/my-agents/characters', {
      query: { page: 2, q: 'a b&c/ü', fresh: true, empty: '', gone: undefined, nothing: null },
    })
    expect(calls[0]?.url).toBe(
      '/api/my-agents/characters?page=2&q=a+b%26c%2F%C3%BC&fresh=true&empty=',
    )
  })

  it('joins the base URL and keeps an existing query string', () => {
    expect(buildUrl('http://127.0.0.1:4000', '/api/x?a=1', { b: false })).toBe(
      'http://127.0.0.1:4000/api/x?a=1&b=false',
    )
    expect(buildUrl('', '/api/x', { a: undefined })).toBe('/api/x')
  })

  it('uses the base URL of the config without a double slash', async () => {
    const { fetch, calls } = fakeFetch(() => json({}))
    await createApiClient({ baseUrl: 'http://127.0.0.1:4000/', fetch }).get('/api/v1/models')
    expect(calls[0]?.url).toBe('http://127.0.0.1:4000/api/v1/models')
  })

  it('sends the method and passes headers through', async () => {
    const { fetch, calls } = fakeFetch()
    const client = createApiClient({ fetch })
    await client.delete('/api/my-agents/characters/1', { headers: { 'X-App-Id': 'app' } })
    expect(calls[0]?.init.method).toBe('DELETE')
    const headers = new Headers(calls[0]?.init.headers)
    expect(headers.get('x-app-id')).toBe('app')
    expect(headers.get('accept')).toMatch(/application\/json/)
  })

  it('uses the global fetch when none is injected (resolved at call time)', async () => {
    const { fetch, calls } = fakeFetch(() => json({ balance: 4.87 }))
    vi.stubGlobal('fetch', fetch)
    const client = createApiClient()
    expect(await client.get('/api/v1/credits/balance')).toEqual({ balance: 4.87 })
    expect(calls).toHaveLength(1)
  })
})

describe('request bodies', () => {
  it('serialises plain values as JSON with a Content-Type', async () => {
    const { fetch, calls } = fakeFetch(() => json({ id: 'a' }, { status: 201 }))
    const client = createApiClient({ fetch })
    const result = await client.post('/api/v1/app/agents', { body: { name: 'Eliza', tags: ['x'] } })
    expect(result).toEqual({ id: 'a' })
    expect(calls[0]?.init.method).toBe('POST')
    expect(calls[0]?.init.body).toBe('{"name":"Eliza","tags":["x"]}')
    expect(new Headers(calls[0]?.init.headers).get('content-type')).toBe('application/json')
  })

  it('passes FormData through untouched and lets fetch set the multipart boundary', async () => {
    const { fetch, calls } = fakeFetch(() => json({ success: true }))
    const form = new FormData()
    form.append('files', new Blob(['hello'], { type: 'text/plain' }), 'a.txt')
    await createApiClient({ fetch }).post('/api/v1/knowledge/upload-file', { body: form })
    expect(calls[0]?.init.body).toBe(form)
    expect(new Headers(calls[0]?.init.headers).has('content-type')).toBe(false)
  })

  it('passes a Blob through untouched', async () => {
    const { fetch, calls } = fakeFetch()
    const blob = new Blob([new Uint8Array([1, 2, 3])], { type: 'audio/webm' })
    await createApiClient({ fetch }).put('/api/upload', { body: blob })
    expect(calls[0]?.init.body).toBe(blob)
    expect(new Headers(calls[0]?.init.headers).has('content-type')).toBe(false)
  })

  it('a caller Content-Type wins', async () => {
    const { fetch, calls } = fakeFetch()
    await createApiClient({ fetch }).patch('/api/x', {
      body: { a: 1 },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    })
    expect(new Headers(calls[0]?.init.headers).get('content-type')).toBe(
      'application/merge-patch+json',
    )
  })

  it('sends no body and no Content-Type on a GET', async () => {
    const { fetch, calls } = fakeFetch()
    await createApiClient({ fetch }).get('/api/x')
    expect(calls[0]?.init.body).toBeUndefined()
    expect(new Headers(calls[0]?.init.headers).has('content-type')).toBe(false)
  })
})

describe('response bodies', () => {
  it('parses JSON (also +json types)', async () => {
    const { fetch } = fakeFetch(
      () => new Response('{"a":1}', { headers: { 'Content-Type': 'application/problem+json' } }),
    )
    expect(await createApiClient({ fetch }).get('/api/x')).toEqual({ a: 1 })
  })

  it('returns text for text/*', async () => {
    const { fetch } = fakeFetch(
      () =>
        new Response('plain words', { headers: { 'Content-Type': 'text/plain; charset=utf-8' } }),
    )
    expect(await createApiClient({ fetch }).get('/api/x')).toBe('plain words')
  })

  it('returns a Blob for other types', async () => {
    const { fetch } = fakeFetch(
      () =>
        new Response(new Uint8Array([73, 68, 51]), { headers: { 'Content-Type': 'audio/mpeg' } }),
    )
    const value = await createApiClient({ fetch }).post('/api/v1/voice/tts', {
      body: { text: 'hi' },
    })
    expect(value).toBeInstanceOf(Blob)
    expect((value as Blob).type).toBe('audio/mpeg')
    expect(new Uint8Array(await (value as Blob).arrayBuffer())).toEqual(
      new Uint8Array([73, 68, 51]),
    )
  })

  it('returns undefined for 204 and for an empty JSON body', async () => {
    const noContent = fakeFetch(() => new Response(null, { status: 204 }))
    expect(await createApiClient({ fetch: noContent.fetch }).delete('/api/x')).toBeUndefined()
    const empty = fakeFetch(
      () => new Response('', { headers: { 'Content-Type': 'application/json' } }),
    )
    expect(await createApiClient({ fetch: empty.fetch }).delete('/api/x')).toBeUndefined()
  })

  it('invalid JSON on a 200 → bad_response', async () => {
    const { fetch } = fakeFetch(
      () => new Response('{"a":', { headers: { 'Content-Type': 'application/json' } }),
    )
    const err = await caught(createApiClient({ fetch }).get('/api/x'))
    expect(err.kind).toBe('bad_response')
  })
})

describe('schemas', () => {
  const balanceSchema = z.object({ balance: z.number() })

  it('returns the parsed value (unknown keys dropped)', async () => {
    const { fetch } = fakeFetch(() => json({ balance: 4.873215, extra: true }))
    const value = await createApiClient({ fetch }).get('/api/v1/credits/balance', {
      schema: balanceSchema,
    })
    expect(value).toEqual({ balance: 4.873215 })
  })

  it('a mismatch → bad_response whose message names the failing path', async () => {
    const { fetch } = fakeFetch(() => json({ data: [{ id: 'a' }, { id: 7 }] }))
    const schema = z.object({ data: z.array(z.object({ id: z.string() })) })
    const err = await caught(createApiClient({ fetch }).get('/api/list', { schema }))
    expect(err.kind).toBe('bad_response')
    expect(err.status).toBe(200)
    expect(err.message).toMatch(/^GET \/api\/list: .*data\.1\.id: Invalid input: expected string/)
    expect(err.cause).toBeInstanceOf(z.core.$ZodError)
  })

  it('accepts a classic zod schema too', async () => {
    const { fetch } = fakeFetch(() => json({ balance: 1, extra: true }))
    const schema = zClassic.object({ balance: zClassic.number() })
    const client = createApiClient({ fetch })
    expect(await client.get('/api/x', { schema })).toEqual({ balance: 1 })
    const bad = fakeFetch(() => json({ balance: '1' }))
    const err = await caught(createApiClient({ fetch: bad.fetch }).get('/api/x', { schema }))
    expect(err.kind).toBe('bad_response')
    expect(err.message).toMatch(/at balance: /)
  })
})

describe('errors', () => {
  it('a non-ok response throws ApiError.fromResponse', async () => {
    const { fetch } = fakeFetch(() =>
      json(
        { success: false, error: 'Invalid or expired API key', code: 'authentication_required' },
        { status: 401 },
      ),
    )
    const err = await caught(createApiClient({ fetch }).get('/api/my-agents/characters'))
    expect(err.kind).toBe('unauthorized')
    expect(err.status).toBe(401)
    expect(err.message).toBe('Invalid or expired API key')
  })

  it('a fetch TypeError → network', async () => {
    const { fetch } = fakeFetch(() => Promise.reject(new TypeError('fetch failed')))
    const err = await caught(createApiClient({ fetch }).get('/api/x'))
    expect(err.kind).toBe('network')
    expect(err.status).toBeNull()
    expect(err.message).toMatch(/local proxy is not reachable/)
  })

  it('real fetch to a closed port → network', async () => {
    // port 1 on loopback refuses connections; this is undici's real TypeError, not a fake
    const err = await caught(createApiClient({ baseUrl: 'http://127.0.0.1:1' }).get('/api/x'))
    expect(err.kind).toBe('network')
    expect(err.cause).toBeInstanceOf(TypeError)
  })

  it('the timeout fires → timeout', async () => {
    vi.useFakeTimers()
    const { fetch } = fakeFetch(hanging)
    const pending = caught(createApiClient({ fetch }).get('/api/x', { timeoutMs: 5000 }))
    await vi.advanceTimersByTimeAsync(4999)
    await vi.advanceTimersByTimeAsync(1)
    const err = await pending
    expect(err.kind).toBe('timeout')
    expect(err.message).toMatch(/5 s/)
  })

  it('uses the configured default timeout (30 s unless set)', async () => {
    vi.useFakeTimers()
    const { fetch } = fakeFetch(hanging)
    let settled = false
    const pending = caught(createApiClient({ fetch }).get('/api/x')).finally(() => {
      settled = true
    })
    await vi.advanceTimersByTimeAsync(29_999)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect((await pending).kind).toBe('timeout')

    const short = createApiClient({ fetch, defaultTimeoutMs: 100 })
    const fast = caught(short.get('/api/x'))
    await vi.advanceTimersByTimeAsync(100)
    expect((await fast).kind).toBe('timeout')
  })

  it('timeoutMs 0 means no timeout', async () => {
    vi.useFakeTimers()
    const controller = new AbortController()
    const { fetch } = fakeFetch(hanging)
    const pending = caught(
      createApiClient({ fetch }).get('/api/x', { timeoutMs: 0, signal: controller.signal }),
    )
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    controller.abort()
    expect((await pending).kind).toBe('aborted')
  })

  it("the caller's signal → aborted, not timeout", async () => {
    const controller = new AbortController()
    const { fetch } = fakeFetch(hanging)
    const pending = caught(
      createApiClient({ fetch }).get('/api/x', { signal: controller.signal, timeoutMs: 60_000 }),
    )
    controller.abort()
    const err = await pending
    expect(err.kind).toBe('aborted')
    expect(err.status).toBeNull()
  })

  it('an already aborted signal → aborted', async () => {
    const controller = new AbortController()
    controller.abort(new Error('custom reason'))
    const { fetch } = fakeFetch()
    const err = await caught(
      createApiClient({ fetch }).get('/api/x', { signal: controller.signal }),
    )
    expect(err.kind).toBe('aborted')
  })

  it('works without AbortSignal.any (older browsers)', async () => {
    vi.stubGlobal('AbortSignal', Object.assign(Object.create(AbortSignal), { any: undefined }))
    const controller = new AbortController()
    const { fetch } = fakeFetch(hanging)
    const pending = caught(createApiClient({ fetch }).get('/api/x', { signal: controller.signal }))
    controller.abort()
    expect((await pending).kind).toBe('aborted')
  })
})

describe('raw', () => {
  it('returns the response for streams and defaults to POST with a body', async () => {
    const { fetch, calls } = fakeFetch(
      () => new Response('data: x\n\n', { headers: { 'Content-Type': 'text/event-stream' } }),
    )
    const res = await createApiClient({ fetch }).raw('/api/v1/chat/completions', {
      body: { stream: true },
    })
    expect(calls[0]?.init.method).toBe('POST')
    expect(await res.text()).toBe('data: x\n\n')
  })

  it('throws ApiError when not ok', async () => {
    const { fetch } = fakeFetch(() =>
      json(
        {
          error: {
            message: 'Missing required fields: model and messages',
            type: 'invalid_request_error',
            code: 'missing_required_parameter',
          },
        },
        { status: 400 },
      ),
    )
    const err = await caught(
      createApiClient({ fetch }).raw('/api/v1/chat/completions', { body: {} }),
    )
    expect(err.kind).toBe('invalid')
    expect(err.details.code).toBe('missing_required_parameter')
  })

  it('the timeout covers the headers only, so a long stream is not cut', async () => {
    vi.useFakeTimers()
    let received: AbortSignal | undefined
    const { fetch } = fakeFetch((call) => {
      received = call.init.signal ?? undefined
      return new Response('data: x\n\n', { headers: { 'Content-Type': 'text/event-stream' } })
    })
    await createApiClient({ fetch }).raw('/api/v1/chat/completions', { body: {}, timeoutMs: 1000 })
    await vi.advanceTimersByTimeAsync(5000)
    expect(received).toBeDefined()
    expect(received?.aborted).toBe(false)
  })

  it('the timeout still applies while waiting for the headers', async () => {
    vi.useFakeTimers()
    const { fetch } = fakeFetch(hanging)
    const pending = caught(createApiClient({ fetch }).raw('/api/x', { timeoutMs: 1000 }))
    await vi.advanceTimersByTimeAsync(1000)
    expect((await pending).kind).toBe('timeout')
  })
})
