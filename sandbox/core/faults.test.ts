// Injected faults (test mode): each kind, matching, consumption, and the two that need a socket.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { startSandbox } from '../server.ts'
import { openTestSandbox, type TestSandbox, SANDBOX_TIMEOUTS } from './test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
beforeEach(() => sb.reset())

const addFault = async (spec: Record<string, unknown>) => {
  const res = await sb.call('/__sandbox/faults', {
    method: 'POST',
    key: null,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(spec),
  })
  expect(res.status).toBe(200)
  return (await res.json()) as { id: string }
}

describe('synthetic responses', () => {
  it('sends the given status, JSON body and headers, before auth, then recovers', async () => {
    const { id } = await addFault({
      path: '/api/v1/credits/balance',
      status: 503,
      body: { error: 'upstream down' },
      headers: { 'Retry-After': '7' },
    })
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    // No key at all: the fault still wins over the edge gate's 401.
    const res = await sb.call('/api/v1/credits/balance', { key: null })
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('7')
    expect(res.headers.get('x-elizacloud-sandbox')).toBe('1')
    expect(await res.json()).toEqual({ error: 'upstream down' })
    expect((await sb.call('/api/v1/credits/balance')).status).toBe(200)
  })

  it('sends an HTML error page', async () => {
    await addFault({ status: 502, shape: 'html' })
    const res = await sb.call('/api/v1/models')
    expect(res.status).toBe(502)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await res.text()).toMatch(/^<!DOCTYPE html>/)
  })

  it('sends an empty body', async () => {
    await addFault({ status: 500, shape: 'empty' })
    const res = await sb.call('/api/v1/containers')
    expect(res.status).toBe(500)
    expect(res.headers.get('content-type')).toBeNull()
    expect(await res.text()).toBe('')
  })

  it('is consumed by the next `count` matching requests only', async () => {
    await addFault({ path: '/api/credits', method: 'get', count: 2, status: 500 })
    expect((await sb.call('/api/v1/credits/balance')).status).toBe(200) // other prefix
    expect((await sb.call('/api/credits/balance', { method: 'POST' })).status).toBe(405) // other method
    expect((await sb.call('/api/credits/balance')).status).toBe(500)
    expect((await sb.call('/api/credits/transactions')).status).toBe(500)
    expect((await sb.call('/api/credits/balance')).status).toBe(200)
  })

  it('never touches the control routes, and DELETE clears pending faults', async () => {
    await addFault({ path: '/', status: 500, count: 5 })
    expect((await sb.call('/__sandbox/state', { key: null })).status).toBe(200)
    const cleared = await sb.call('/__sandbox/faults', { method: 'DELETE', key: null })
    expect(await cleared.json()).toEqual({ ok: true, cleared: 1 })
    expect((await sb.call('/api/v1/credits/balance')).status).toBe(200)
  })

  it('refuses an invalid fault', async () => {
    const res = await sb.call('/__sandbox/faults', {
      method: 'POST',
      key: null,
      body: JSON.stringify({ count: 0, shape: 'xml' }),
    })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error).toBe('Invalid request')
    expect(body.details.map((i: { path: string[] }) => i.path[0]).sort()).toEqual([
      'count',
      'shape',
    ])
  })
})

describe('latency', () => {
  it('delays the real response', async () => {
    await addFault({ latencyMs: 150 })
    const started = performance.now()
    const res = await sb.call('/api/v1/credits/balance')
    expect(performance.now() - started).toBeGreaterThanOrEqual(145)
    expect(await res.json()).toEqual({ balance: 5 })
  })
})

describe('cutAfterChunks without a socket', () => {
  it('errors the body stream after k chunks', async () => {
    await addFault({ path: '/api/v1/models', cutAfterChunks: 2 })
    const res = await sb.call('/api/v1/models')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-length')).toBeNull()
    const reader = res.body!.getReader()
    const chunks: Uint8Array[] = []
    const error = await (async () => {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return null
        chunks.push(value)
      }
    })().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect(chunks).toHaveLength(2)
    expect(chunks.every((c) => c.byteLength === 64)).toBe(true)
  })
})

describe('over HTTP', () => {
  let server: Awaited<ReturnType<typeof startSandbox>>
  const post = (spec: Record<string, unknown>) =>
    fetch(`${server.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(spec),
    })
  const withKey = { headers: { 'X-API-Key': '' } }

  beforeAll(async () => {
    server = await startSandbox({ port: 0, testMode: true })
    withKey.headers['X-API-Key'] = server.apiKey
  })
  afterAll(() => server.close())
  afterEach(async () => {
    await fetch(`${server.url}/__sandbox/faults`, { method: 'DELETE' })
  })

  it('hang: never answers, the client gives up, the server keeps serving', async () => {
    await post({ path: '/api/v1/credits/balance', hang: true })
    const started = performance.now()
    const hung = fetch(`${server.url}/api/v1/credits/balance`, {
      ...withKey,
      signal: AbortSignal.timeout(300),
    })
    await expect(hung).rejects.toMatchObject({ name: 'TimeoutError' })
    expect(performance.now() - started).toBeGreaterThanOrEqual(290)
    const res = await fetch(`${server.url}/api/v1/credits/balance`, withKey)
    expect(await res.json()).toEqual({ balance: 5 })
  })

  it('cutAfterChunks: real status and headers, then the body breaks off', async () => {
    await post({ path: '/api/v1/models', cutAfterChunks: 3 })
    const res = await fetch(`${server.url}/api/v1/models`)
    expect(res.status).toBe(200)
    expect(res.headers.get('x-elizacloud-sandbox')).toBe('1')
    const reader = res.body!.getReader()
    let received = 0
    const error = await (async () => {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return null
        received += value.byteLength
      }
    })().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect(received).toBe(3 * 64)
    // The full catalog is much longer: the client really got an incomplete body.
    const full = await (await fetch(`${server.url}/api/v1/models`)).text()
    expect(full.length).toBeGreaterThan(received)
  })

  it('cutAfterChunks: 0 sends headers and no body at all', async () => {
    await post({ path: '/api/v1/credits/balance', cutAfterChunks: 0 })
    const res = await fetch(`${server.url}/api/v1/credits/balance`, withKey)
    expect(res.status).toBe(200)
    await expect(res.text()).rejects.toThrow()
  })
})
