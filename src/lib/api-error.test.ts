import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { z as zMini } from 'zod/mini'

import { jsonResponse } from '@/test/responses'
import { ApiError, isApiError } from './api-error'

// The cloud's error shapes: api-error-body.test.ts and api-error-retry-after.test.ts.

describe('ApiError.fromResponse: non-JSON bodies', () => {
  it('an HTML 502 page: message from the status, tag-free excerpt in raw', async () => {
    const html = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title><style>body{color:red}</style>
<script>console.log("x")</script></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare &amp; nginx</center></body></html>`
    const err = await ApiError.fromResponse(
      new Response(html, { status: 502, headers: { 'Content-Type': 'text/html' } }),
    )
    expect(err.kind).toBe('unavailable')
    expect(err.status).toBe(502)
    expect(err.message).toBe(
      'The cloud answered 502 Bad Gateway with an HTML page instead of JSON.',
    )
    expect(err.details.raw).toBe('502 Bad Gateway 502 Bad Gateway cloudflare & nginx')
    expect(err.details.raw).not.toMatch(/[<>]|color:red|console/)
  })

  it('a long text body is cut to a short excerpt', async () => {
    const err = await ApiError.fromResponse(new Response('x'.repeat(5000), { status: 500 }))
    expect(err.kind).toBe('server')
    expect(err.details.raw?.length).toBeLessThanOrEqual(200)
    expect(err.message).toBe(
      'The cloud answered 500 Internal Server Error with a body that is not a JSON error.',
    )
  })

  it('JSON that is not an error object keeps the status message', async () => {
    const err = await ApiError.fromResponse(jsonResponse(400, ['unexpected']))
    expect(err.kind).toBe('invalid')
    expect(err.details.raw).toBe('["unexpected"]')
  })

  it('a body that cannot be read still gives an ApiError', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.error(new TypeError('terminated'))
      },
    })
    const err = await ApiError.fromResponse(new Response(body, { status: 503 }))
    expect(err.kind).toBe('unavailable')
    expect(err.message).toMatch(/could not be read/)
  })
})

describe('ApiError.fromResponse: the local proxy (E2 shape, proxy_* codes)', () => {
  it.each([
    [403, 'proxy_forbidden_host', 'forbidden'],
    [403, 'proxy_cross_site', 'forbidden'],
    [404, 'proxy_bad_path', 'not_found'],
    [413, 'proxy_body_too_large', 'too_large'],
    [502, 'proxy_upstream_unreachable', 'unavailable'],
    [504, 'proxy_timeout', 'timeout'],
    [401, 'proxy_token_required', 'unauthorized'],
    [400, 'proxy_bad_host', 'forbidden'],
    [429, 'proxy_too_many_attempts', 'rate_limited'],
    [502, 'proxy_upstream_redirect', 'unavailable'],
  ] as const)('%i %s → %s', async (status, code, kind) => {
    const err = await ApiError.fromResponse(
      jsonResponse(status, { success: false, error: `Proxy says ${code}`, code }),
    )
    expect(err.kind).toBe(kind)
    expect(err.details.code).toBe(code)
    expect(err.message).toBe(`Proxy says ${code}`)
  })

  it('the code decides over the status (proxy_timeout sent as 502 is still a timeout)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(502, { success: false, error: 'Timed out', code: 'proxy_timeout' }),
    )
    expect(err.kind).toBe('timeout')
  })
})

describe('kind from the status when no code is known', () => {
  it.each([
    [400, 'invalid'],
    [401, 'unauthorized'],
    [402, 'insufficient_credits'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [409, 'conflict'],
    [413, 'too_large'],
    [422, 'invalid'],
    [429, 'rate_limited'],
    [500, 'server'],
    [501, 'server'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'timeout'],
  ] as const)('%i → %s', async (status, kind) => {
    const err = await ApiError.fromResponse(jsonResponse(status, { error: 'Something' }))
    expect(err.kind).toBe(kind)
  })
})

describe('ApiError.from', () => {
  it('returns an ApiError unchanged', () => {
    const original = new ApiError('conflict', 'x', 409)
    expect(ApiError.from(original)).toBe(original)
  })

  it('TypeError from fetch → network', () => {
    const err = ApiError.from(new TypeError('fetch failed'))
    expect(err.kind).toBe('network')
    expect(err.status).toBeNull()
    expect(err.message).toMatch(/local proxy is not reachable/)
    expect(err.cause).toBeInstanceOf(TypeError)
  })

  it('AbortError → aborted, TimeoutError → timeout', () => {
    expect(ApiError.from(new DOMException('stop', 'AbortError')).kind).toBe('aborted')
    expect(ApiError.from(new DOMException('slow', 'TimeoutError')).kind).toBe('timeout')
  })

  it('ZodError → bad_response naming the path', () => {
    const result = z.object({ data: z.array(z.object({ id: z.string() })) }).safeParse({
      data: [{ id: 1 }],
    })
    expect(result.success).toBe(false)
    const err = ApiError.from(result.error)
    expect(err.kind).toBe('bad_response')
    expect(err.message).toMatch(/at data\.0\.id: /)
  })

  it('zod/mini error → bad_response naming the path and what was expected', () => {
    const schema = zMini.object({ data: zMini.array(zMini.object({ id: zMini.string() })) })
    const result = schema.safeParse({ data: [{ id: 1 }] })
    expect(result.success).toBe(false)
    const err = ApiError.from(result.error)
    expect(err.kind).toBe('bad_response')
    expect(err.message).toMatch(/at data\.0\.id: Invalid input/)
    expect(err.cause).toBe(result.error)
  })

  it('SyntaxError (JSON) → bad_response; anything else → server', () => {
    let syntax: unknown
    try {
      JSON.parse('{')
    } catch (e) {
      syntax = e
    }
    expect(ApiError.from(syntax).kind).toBe('bad_response')
    expect(ApiError.from(new Error('boom')).message).toBe('boom')
    expect(ApiError.from('weird').kind).toBe('server')
  })

  it('isApiError', () => {
    expect(isApiError(new ApiError('server', 'x', 500))).toBe(true)
    expect(isApiError(new Error('x'))).toBe(false)
    expect(isApiError({ name: 'ApiError', kind: 'server' })).toBe(false)
  })
})

describe('ApiError.fromResponse when the body parser cannot be loaded', () => {
  afterEach(() => {
    vi.doUnmock('./api-error-body')
    vi.resetModules()
  })

  it('still resolves to an ApiError that keeps the status', async () => {
    vi.resetModules()
    vi.doMock('./api-error-body', () => {
      throw new Error('Failed to fetch dynamically imported module')
    })
    const fresh = await import('./api-error')
    const limited = await fresh.ApiError.fromResponse(new Response('{}', { status: 429 }))
    expect(limited).toBeInstanceOf(fresh.ApiError)
    expect(limited.kind).toBe('rate_limited')
    expect(limited.status).toBe(429)
    const broken = await fresh.ApiError.fromResponse(new Response('', { status: 502 }))
    expect(broken.kind).toBe('server')
  })
})
