// SANDBOX_STRICT=1 (README.md "Sandbox policy"): the payment extensions are off and the sandbox
// answers as a cloud deployment whose API-key caller cannot pay (docs/cloud/billing.md §4, §8, §9).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { SANDBOX_WALLET } from './seed.ts'
import { createSandboxPayment } from './x402.ts'
import { openTestSandbox, SANDBOX_TIMEOUTS, type TestSandbox } from '../core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox({ strict: true })
})
afterAll(() => sb.close())

const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  sb.call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

describe('strict mode', () => {
  it('checkout: loopback redirects are off-list; a valid request is the unconfigured-Stripe 500', async () => {
    const loopback = await postJson('/api/v1/credits/checkout', {
      credits: 10,
      success_url: 'http://127.0.0.1:4000/billing',
      cancel_url: 'http://127.0.0.1:4000/billing',
    })
    expect(loopback.status).toBe(400)
    expect(await loopback.json()).toEqual({ error: 'Invalid success_url' })
    const valid = await postJson('/api/v1/credits/checkout', {
      credits: 10,
      success_url: 'http://localhost:3000/billing',
      cancel_url: 'http://localhost:3000/billing',
    })
    expect(valid.status).toBe(500)
    expect(await valid.json()).toEqual({
      success: false,
      error: 'An unexpected error occurred',
      code: 'internal_error',
    })
  })

  it('crypto: not available, and creating with an API key is the session-only 500', async () => {
    expect(await (await sb.call('/api/crypto/status')).json()).toMatchObject({
      enabled: false,
      isTestnet: false,
    })
    const res = await postJson('/api/crypto/payments', { amount: 25 })
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ error: 'Failed to process payment request' })
    expect(await (await sb.call('/api/crypto/payments')).json()).toEqual({ payments: [] })
  })

  it('x402: a sandbox-signed payment is not a payment; the facilitator is not configured', async () => {
    const res = await postJson(
      '/api/v1/topup/10',
      { walletAddress: SANDBOX_WALLET },
      { 'X-PAYMENT': createSandboxPayment({ from: SANDBOX_WALLET, usd: 10 }) },
    )
    expect(res.status).toBe(402)
    expect((await res.json()).error).toBe('invalid_exact_evm_payload_signature')
    const discovery = await sb.call('/api/v1/x402')
    expect(discovery.status).toBe(503)
    expect(await discovery.json()).toEqual({
      success: false,
      error: 'x402 facilitator is not configured',
      code: 'FACILITATOR_NOT_CONFIGURED',
    })
    expect((await postJson('/api/v1/x402/verify', {})).status).toBe(500)
    // No test wallet either: the cloud has no such route.
    expect((await postJson('/api/v1/x402/sandbox-wallet', { amount: 10 })).status).toBe(404)
  })

  it('settings: enabling auto top-up still needs a card, which only the dashboard can add', async () => {
    const res = await sb.call('/api/v1/billing/settings', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ autoTopUp: { enabled: true, amount: 25, threshold: 5 } }),
    })
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatch(
      /^Cannot enable auto top-up without a default payment method/,
    )
  })
})
