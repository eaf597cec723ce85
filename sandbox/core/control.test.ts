// Test-mode control routes: reset, balance, state; absent outside test mode.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createSandbox } from '../server.ts'
import { openTestSandbox, type TestSandbox, SANDBOX_TIMEOUTS } from './test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())

const control = (path: string, method = 'GET', body?: unknown) =>
  sb.call(`/__sandbox/${path}`, {
    method,
    key: null,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })

describe('/__sandbox controls', () => {
  it('PUT balance sets the balance and records an adjustment', async () => {
    const res = await control('balance', 'PUT', { balance: 0.42 })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: true, balance: 0.42 })
    expect(await (await sb.call('/api/v1/credits/balance')).json()).toEqual({ balance: 0.42 })
    const tx = await (await sb.call('/api/credits/transactions')).json()
    expect(tx.transactions[0]).toMatchObject({
      amount: -4.58,
      type: 'debit',
      description: 'Sandbox balance adjustment',
      metadata: { type: 'sandbox_adjustment', previousBalance: 5 },
    })
    expect((await control('balance', 'PUT', { balance: -1 })).status).toBe(400)
    expect((await control('balance', 'PUT', { amount: 1 })).status).toBe(400)
  })

  it('GET state reports the balance and counts', async () => {
    const state = await (await control('state')).json()
    expect(state).toMatchObject({
      balance: 0.42,
      // The sandbox org, and the two organizations of the public directory (a2a/directory-seed.ts).
      counts: {
        organizations: 3,
        users: 3,
        api_keys: 1,
        agents: 13,
        containers: 1,
        transactions: 2,
      },
      pendingFaults: 0,
      strict: false,
      testMode: true,
    })
  })

  it('POST reset wipes everything and reseeds with the same key', async () => {
    await sb.ctx.db.query('DELETE FROM user_characters')
    await control('faults', 'POST', { path: '/api/v1/models', status: 500, count: 3 })
    for (let i = 0; i < 60; i++) await sb.call('/api/v1/credits/summary')
    expect((await sb.call('/api/v1/credits/summary')).status).toBe(429)

    const res = await control('reset', 'POST')
    expect(await res.json()).toEqual({ ok: true })
    const state = await (await control('state')).json()
    expect(state).toMatchObject({
      balance: 5,
      counts: { agents: 13, containers: 1, transactions: 1, api_keys: 1 },
      pendingFaults: 0,
    })
    // Same key still works; faults and the rate-limit window are gone.
    expect((await sb.call('/api/v1/credits/summary')).status).toBe(200)
    expect((await sb.call('/api/v1/models')).status).toBe(200)
  })
})

describe('outside test mode', () => {
  it('has no /__sandbox routes', async () => {
    const plain = await createSandbox({})
    try {
      for (const [method, path] of [
        ['POST', '/__sandbox/reset'],
        ['POST', '/__sandbox/faults'],
        ['GET', '/__sandbox/state'],
      ] as const) {
        const res = await plain.app.request(path, { method })
        expect(res.status, path).toBe(404)
        expect(res.headers.get('x-elizacloud-sandbox')).toBe('1')
      }
    } finally {
      await plain.close()
    }
  })
})
