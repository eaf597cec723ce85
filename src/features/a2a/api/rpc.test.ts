import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildProductExample, buildTasksGet } from './message'
import { callA2a } from './rpc'

const stubFetch = (impl: () => Promise<Response>) => vi.stubGlobal('fetch', vi.fn(impl))
afterEach(() => vi.unstubAllGlobals())

const json = (status: number, body: unknown) => async () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

describe('callA2a', () => {
  it('returns the task and keeps the raw request and response', async () => {
    const body = {
      jsonrpc: '2.0',
      result: { id: 't1', status: { state: 'completed', timestamp: '2026-01-01T00:00:00Z' } },
      id: 1,
    }
    stubFetch(json(200, body))
    const request = buildTasksGet('t1', undefined, 1)
    const exchange = await callA2a(request)
    expect(exchange.outcome).toEqual({ ok: true, task: body.result })
    expect(exchange.status).toBe(200)
    expect(JSON.parse(exchange.responseText ?? '')).toEqual(body)
    expect(exchange.request).toBe(request)
    const [url, init] = vi.mocked(fetch).mock.calls[0] ?? []
    expect(url).toBe('/api/a2a')
    expect(JSON.parse(String(init?.body))).toEqual(request)
  })

  it('reads the JSON-RPC error of a 404 (tasks/send → -32601)', async () => {
    const body = {
      jsonrpc: '2.0',
      error: { code: -32601, message: 'Method not found: tasks/send' },
      id: 1,
    }
    stubFetch(json(404, body))
    const exchange = await callA2a(buildProductExample(1))
    expect(exchange.status).toBe(404)
    expect(exchange.outcome.ok).toBe(false)
    if (exchange.outcome.ok) return
    expect(exchange.outcome.error).toMatchObject({
      kind: 'not_found',
      message: 'Method not found: tasks/send',
      details: { code: '-32601' },
    })
    expect(JSON.parse(exchange.responseText ?? '')).toEqual(body)
  })

  it('takes a JSON-RPC error sent with HTTP 200 as an error, not a result', async () => {
    stubFetch(
      json(200, {
        jsonrpc: '2.0',
        error: { code: -32011, message: 'Insufficient credits' },
        id: 1,
      }),
    )
    const exchange = await callA2a(buildTasksGet('t', undefined, 1))
    expect(!exchange.outcome.ok && exchange.outcome.error.kind).toBe('insufficient_credits')
  })

  it('explains an empty or HTML 200 body as unreadable', async () => {
    stubFetch(async () => new Response('', { status: 200 }))
    const empty = await callA2a(buildTasksGet('t', undefined, 1))
    expect(!empty.outcome.ok && empty.outcome.error.kind).toBe('bad_response')
    expect(empty.responseText).toBe('')
    stubFetch(
      async () =>
        new Response('<html>login</html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
    )
    const html = await callA2a(buildTasksGet('t', undefined, 1))
    expect(!html.outcome.ok && html.outcome.error.kind).toBe('bad_response')
    expect(html.responseText).toBe('<html>login</html>')
  })

  it('reports a network failure with no response', async () => {
    stubFetch(async () => {
      throw new TypeError('Failed to fetch')
    })
    const exchange = await callA2a(buildTasksGet('t', undefined, 1))
    expect(exchange.status).toBeNull()
    expect(exchange.responseText).toBeNull()
    expect(!exchange.outcome.ok && exchange.outcome.error.kind).toBe('network')
  })

  it('throws only when the caller aborts', async () => {
    stubFetch(async () => {
      throw new DOMException('aborted', 'AbortError')
    })
    const controller = new AbortController()
    controller.abort()
    await expect(
      callA2a(buildTasksGet('t', undefined, 1), controller.signal),
    ).rejects.toMatchObject({
      kind: 'aborted',
    })
  })
})
