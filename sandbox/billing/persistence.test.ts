// Billing state lives in PGlite: a checkout session opened before a restart is paid after it,
// and a used x402 nonce stays used (docs/architecture.md §11, common brief "survives a restart").
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { SANDBOX_WALLET } from './seed.ts'
import { createSandboxPayment } from './x402.ts'
import { openSandbox } from '../server.ts'
import { SANDBOX_TIMEOUTS } from '../core/test-utils.ts'
import { INSTANT_TIMING } from '../core/timing.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let dataDir: string
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'sandbox-billing-'))
})
afterAll(() => rm(dataDir, { recursive: true, force: true }))

const open = () => openSandbox({ dataDir, testMode: true, timing: INSTANT_TIMING })

describe('billing across a restart', () => {
  it('keeps checkout sessions, cards, auto top-up settings and used nonces', async () => {
    const payment = createSandboxPayment({ from: SANDBOX_WALLET, usd: 10 })
    const first = await open()
    const headers = { 'X-API-Key': first.apiKey, 'Content-Type': 'application/json' }
    const created = await first.app.request('/api/v1/credits/checkout', {
      method: 'POST',
      headers,
      body: JSON.stringify({
        credits: 20,
        success_url: 'http://localhost:3000/ok',
        cancel_url: 'http://localhost:3000/no',
      }),
    })
    const { url, sessionId } = await created.json()
    const topup = await first.app.request('/api/v1/topup/10', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-PAYMENT': payment },
      body: JSON.stringify({ walletAddress: SANDBOX_WALLET }),
    })
    expect(topup.status).toBe(200)
    await first.close()

    const second = await open()
    try {
      const page = await second.app.request(new URL(url).pathname)
      const token = /name="token" value="([^"]+)"/.exec(await page.text())?.[1] ?? ''
      const paid = await second.app.request(new URL(url).pathname, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, action: 'pay' }).toString(),
      })
      expect(paid.status).toBe(303)
      expect(paid.headers.get('location')).toBe(`http://localhost:3000/ok?session_id=${sessionId}`)
      const h = { 'X-API-Key': second.apiKey, 'Content-Type': 'application/json' }
      const balance = await second.app.request('/api/v1/credits/balance?fresh=true', { headers: h })
      expect(await balance.json()).toEqual({ balance: 35 })
      const settings = await second.app.request('/api/v1/billing/settings', {
        method: 'PUT',
        headers: h,
        body: JSON.stringify({ autoTopUp: { enabled: true, amount: 10, threshold: 1 } }),
      })
      expect(settings.status).toBe(200)
      const replay = await second.app.request('/api/v1/topup/10', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-PAYMENT': payment },
        body: JSON.stringify({ walletAddress: SANDBOX_WALLET }),
      })
      expect(replay.status).toBe(402)
    } finally {
      await second.close()
    }
    // Two on-disk PGlite starts: far slower than the in-memory ones of the other files.
  }, 90_000)
})
