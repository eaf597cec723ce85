// Crypto payments (docs/cloud/billing.md §8), x402 top-ups and the facilitator (§9), pricing (§10), with
// the default (extension) behaviour; strict mode is in billing-strict.test.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { SANDBOX_WALLET } from './seed.ts'
import { createSandboxPayment, SANDBOX_PAY_TO, signAuthorization, USDC_BY_NETWORK } from './x402.ts'
import { getBalance } from '../core/ledger.ts'
import { SEED } from '../core/seed.ts'
import {
  openTestSandbox,
  SANDBOX_TIMEOUTS,
  type TestSandbox,
  UNKNOWN_KEY,
} from '../core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
beforeEach(() => sb.reset())

const PAYER = '0x1111111111111111111111111111111111111111'
const balance = () => getBalance(sb.ctx.db, SEED.organizationId)
const postJson = (
  path: string,
  body: unknown,
  init: { key?: string | null; headers?: Record<string, string> } = {},
) =>
  sb.call(path, {
    method: 'POST',
    key: init.key,
    headers: { 'Content-Type': 'application/json', ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

describe('crypto', () => {
  it('status lists tokens and networks (sandbox: testnet)', async () => {
    const res = await sb.call('/api/crypto/status')
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ enabled: true, isTestnet: true })
    expect(body.supportedTokens).toEqual(['USDT', 'USDC', 'BTC', 'ETH', 'BNB', 'TRX', 'SOL'])
    expect(body.networks).toHaveLength(9)
    expect(body.networks.at(-1)).toEqual({ id: 'AUTO', name: 'Auto-selected Network' })
    // Not public at the edge.
    expect((await sb.call('/api/crypto/status', { key: null })).status).toBe(401)
  })

  it('create (extension) → pay on the local page → confirmed, ledger and invoice', async () => {
    const created = await postJson('/api/crypto/payments', { amount: 25 })
    expect(created.status).toBe(200)
    const payment = await created.json()
    expect(payment).toEqual({
      paymentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      trackId: expect.stringMatching(/^\d{8}$/),
      payLink: expect.stringMatching(/^http:\/\/localhost\/crypto\/pay\/\d{8}$/),
      expiresAt: expect.any(String),
      creditsToAdd: '25.000',
    })
    const ttl = Date.parse(payment.expiresAt) - Date.now()
    expect(ttl).toBeGreaterThan(29 * 60_000)
    expect(ttl).toBeLessThanOrEqual(30 * 60_000)

    const pending = await (await sb.call(`/api/crypto/payments/${payment.paymentId}`)).json()
    expect(pending).toMatchObject({
      status: 'pending',
      confirmed: false,
      network: 'AUTO',
      token: 'USDT',
    })

    const page = await sb.call(new URL(payment.payLink).pathname, { key: null })
    const html = await page.text()
    expect(html).not.toMatch(/<script/i)
    const token = /name="token" value="([^"]+)"/.exec(html)?.[1] ?? ''
    const paid = await sb.call(new URL(payment.payLink).pathname, {
      key: null,
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    })
    expect(paid.status).toBe(200)
    expect(await balance()).toBe(30)

    const detail = await (await sb.call(`/api/crypto/payments/${payment.paymentId}`)).json()
    expect(detail).toMatchObject({
      id: payment.paymentId,
      status: 'confirmed',
      confirmed: true,
      expectedAmount: '25.000',
      receivedAmount: '25.000',
      transactionHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      confirmedAt: expect.any(String),
    })
    const list = await (await sb.call('/api/crypto/payments')).json()
    expect(list.payments).toHaveLength(1)
    expect(list.payments[0]).not.toHaveProperty('confirmed')
    const tx = (await (await sb.call('/api/credits/transactions?limit=1')).json()).transactions[0]
    expect(tx).toMatchObject({
      amount: 25,
      type: 'credit',
      description: 'Crypto payment (USDT on AUTO)',
    })
    const invoices = await (await sb.call('/api/invoices/list')).json()
    expect(invoices.invoices[0]).toMatchObject({ type: 'crypto_payment', total: '$25.00' })

    // A second submit pays nothing more.
    const again = await sb.call(new URL(payment.payLink).pathname, {
      key: null,
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    })
    expect(again.status).toBe(410)
    expect(await balance()).toBe(30)
  })

  it('validation 400, unknown/invalid ids, auth failures as the note gives', async () => {
    const small = await postJson('/api/crypto/payments', { amount: 0.5, payCurrency: 'DOGE' })
    expect(small.status).toBe(400)
    const body = await small.json()
    expect(body.error).toBe('Validation failed')
    expect(body.details.amount).toEqual(['Minimum amount is $1'])
    expect(body.details.payCurrency).toHaveLength(1)

    expect(await (await sb.call('/api/crypto/payments/nope')).json()).toEqual({
      error: 'Invalid payment ID',
    })
    const missing = await sb.call('/api/crypto/payments/5a4db0c0-0000-4000-8000-00000000ffff')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ error: 'Payment not found' })

    const list = await sb.call('/api/crypto/payments', { key: UNKNOWN_KEY })
    expect(list.status).toBe(500)
    expect(await list.json()).toEqual({ error: 'Failed to retrieve payments' })
    const one = await sb.call('/api/crypto/payments/nope', { key: UNKNOWN_KEY })
    expect(one.status).toBe(500)
    expect(await one.json()).toEqual({ error: 'Failed to get payment status' })
    const create = await postJson('/api/crypto/payments', { amount: 5 }, { key: UNKNOWN_KEY })
    expect(create.status).toBe(500)
    expect(await create.json()).toEqual({ error: 'Failed to process payment request' })
  })

  it('an unpaid invoice expires after its lifetime', async () => {
    const { paymentId } = await (
      await postJson('/api/crypto/payments', { amount: 5, network: 'BASE' })
    ).json()
    await sb.ctx.db.query(`UPDATE crypto_payments SET expires_at = now() - interval '1 second'`)
    const detail = await (await sb.call(`/api/crypto/payments/${paymentId}`)).json()
    expect(detail).toMatchObject({ status: 'expired', confirmed: false, network: 'BASE' })
  })

  it('create is STRICT (10/min): the 11th is a 429', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await postJson('/api/crypto/payments', { amount: 1 })).status).toBe(200)
    }
    const limited = await postJson('/api/crypto/payments', { amount: 1 })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
  })
})

describe('POST /api/v1/topup/{10,50,100}', () => {
  const topup = (
    amount: number,
    payment: string | null,
    body: unknown = { walletAddress: SANDBOX_WALLET },
  ) =>
    postJson(`/api/v1/topup/${amount}`, body, {
      key: null,
      headers: payment ? { 'X-PAYMENT': payment } : {},
    })

  it('without X-PAYMENT: 402 with the requirements', async () => {
    const res = await topup(10, null)
    expect(res.status).toBe(402)
    expect(await res.json()).toEqual({
      x402Version: 1,
      error: 'X-PAYMENT header is required',
      accepts: [
        {
          scheme: 'exact',
          network: 'base-sepolia',
          maxAmountRequired: '10000000',
          resource: 'http://localhost/api/v1/topup/10',
          description: 'Topup $10 credits for Eliza Cloud',
          mimeType: 'application/json',
          payTo: SANDBOX_PAY_TO,
          maxTimeoutSeconds: 300,
          asset: USDC_BY_NETWORK['base-sepolia'],
          extra: { name: 'USDC', version: '2' },
        },
      ],
    })
    const browser = await sb.call('/api/v1/topup/50', {
      key: null,
      method: 'POST',
      headers: { Accept: 'text/html', 'User-Agent': 'Mozilla/5.0' },
    })
    expect(browser.status).toBe(402)
    expect(browser.headers.get('content-type')).toContain('text/html')
  })

  it('a valid payment credits the wallet’s organization and returns the settlement', async () => {
    const res = await topup(50, createSandboxPayment({ from: PAYER, usd: 50 }))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      success: true,
      amount: 50,
      walletAddress: SANDBOX_WALLET,
      organizationId: SEED.organizationId,
      message: 'Successfully topped up $50',
    })
    const settlement = JSON.parse(
      Buffer.from(res.headers.get('x-payment-response') ?? '', 'base64').toString('utf8'),
    )
    expect(settlement).toEqual({
      success: true,
      transaction: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      network: 'base-sepolia',
      payer: PAYER,
    })
    expect(await balance()).toBe(55)
  })

  it('an unknown wallet gets a new organization with no signup grant', async () => {
    const wallet = '0x3333333333333333333333333333333333333333'
    const res = await topup(10, createSandboxPayment({ from: PAYER, usd: 10 }), {
      walletAddress: wallet,
    })
    expect(res.status).toBe(200)
    const { organizationId } = await res.json()
    expect(organizationId).not.toBe(SEED.organizationId)
    expect(await getBalance(sb.ctx.db, organizationId)).toBe(10)
    const again = await topup(10, createSandboxPayment({ from: PAYER, usd: 10 }), {
      walletAddress: wallet,
    })
    expect((await again.json()).organizationId).toBe(organizationId)
  })

  it('refuses bad payments with 402 and the reason, and writes nothing', async () => {
    const cases: Array<[string, string]> = [
      ['not-base64-json', 'Invalid or malformed payment header'],
      [
        createSandboxPayment({ from: PAYER, usd: 10 }),
        'invalid_exact_evm_payload_authorization_value',
      ],
      [
        createSandboxPayment({ from: PAYER, usd: 100, network: 'eip155:8453' }),
        'Unable to find matching payment requirements',
      ],
    ]
    // A payment signed for someone else's recipient, and a forged signature.
    cases.push([
      createSandboxPayment({
        from: PAYER,
        usd: 100,
        payTo: '0x4444444444444444444444444444444444444444',
      }),
      'invalid_exact_evm_payload_recipient_mismatch',
    ])
    const forged = JSON.parse(
      Buffer.from(createSandboxPayment({ from: PAYER, usd: 100 }), 'base64').toString(),
    )
    forged.payload.authorization.value = '900000000'
    cases.push([
      Buffer.from(JSON.stringify(forged)).toString('base64'),
      'invalid_exact_evm_payload_signature',
    ])
    for (const [payment, reason] of cases) {
      const res = await topup(100, payment)
      expect(res.status, reason).toBe(402)
      const body = await res.json()
      expect(body.error).toBe(reason)
      expect(body.accepts[0].maxAmountRequired).toBe('100000000')
    }
    expect(await balance()).toBe(5)
  })

  it('replay: the same payment pays once', async () => {
    const payment = createSandboxPayment({ from: PAYER, usd: 10 })
    expect((await topup(10, payment)).status).toBe(200)
    const replay = await topup(10, payment)
    expect(replay.status).toBe(402)
    expect((await replay.json()).error).toBe('invalid_exact_evm_payload_authorization_nonce_used')
    expect(await balance()).toBe(15)
  })

  it('handler errors after a valid payment: no wallet, bad wallet, wallet headers (nonce kept)', async () => {
    const payment = createSandboxPayment({ from: PAYER, usd: 10 })
    const none = await topup(10, payment, {})
    expect(none.status).toBe(400)
    expect(await none.json()).toEqual({
      error: 'walletAddress is required (body or wallet signature headers)',
    })
    const bad = await topup(10, payment, { walletAddress: '0x123' })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ error: 'Valid EVM walletAddress is required' })
    const signed = await postJson(
      '/api/v1/topup/10',
      {},
      {
        key: null,
        headers: {
          'X-PAYMENT': payment,
          'X-Wallet-Address': PAYER,
          'X-Timestamp': String(Date.now()),
          'X-Wallet-Signature': '0xsig',
        },
      },
    )
    expect(signed.status).toBe(401)
    expect(await signed.json()).toEqual({ error: 'Invalid wallet signature' })
    // The refused calls did not spend the payment.
    expect((await topup(10, payment)).status).toBe(200)
  })
})

describe('sandbox test wallet (POST /api/v1/x402/sandbox-wallet)', () => {
  it("signs a payment from the caller's wallet that tops up the caller's balance once", async () => {
    const res = await postJson('/api/v1/x402/sandbox-wallet', { amount: 50 })
    expect(res.status).toBe(200)
    const signed = await res.json()
    // The seeded organization already has a wallet: that one is used, not a new one.
    expect(signed).toMatchObject({
      walletAddress: SANDBOX_WALLET,
      amount: 50,
      network: 'base-sepolia',
    })
    const pay = () =>
      postJson(
        '/api/v1/topup/50',
        { walletAddress: signed.walletAddress },
        { key: null, headers: { 'X-PAYMENT': signed.payment } },
      )
    const paid = await pay()
    expect(paid.status).toBe(200)
    expect(await balance()).toBe(55)
    const replay = await pay()
    expect(replay.status).toBe(402)
    expect(await balance()).toBe(55)
  })

  it('maps a wallet for an organization that has none, once', async () => {
    await sb.ctx.db.query('DELETE FROM x402_wallets')
    const first = await (await postJson('/api/v1/x402/sandbox-wallet', { amount: 10 })).json()
    const second = await (await postJson('/api/v1/x402/sandbox-wallet', { amount: 10 })).json()
    expect(first.walletAddress).toMatch(/^0x[0-9a-f]{40}$/)
    expect(second.walletAddress).toBe(first.walletAddress)
    const paid = await postJson(
      '/api/v1/topup/10',
      { walletAddress: first.walletAddress },
      { key: null, headers: { 'X-PAYMENT': first.payment } },
    )
    expect(paid.status).toBe(200)
    expect(await balance()).toBe(15)
  })

  it('refuses other amounts and callers without a key', async () => {
    const bad = await postJson('/api/v1/x402/sandbox-wallet', { amount: 20 })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ error: 'amount must be 10, 50 or 100' })
    const anonymous = await postJson(
      '/api/v1/x402/sandbox-wallet',
      { amount: 10 },
      { key: UNKNOWN_KEY },
    )
    expect(anonymous.status).toBe(401)
  })
})

describe('x402 facilitator', () => {
  const network = 'eip155:84532'
  const asset = USDC_BY_NETWORK[network] ?? ''
  function facilitatorBody(overrides: { value?: string; nonce?: string } = {}) {
    const now = Math.floor(Date.now() / 1000)
    const authorization = {
      from: PAYER,
      to: SANDBOX_PAY_TO,
      value: overrides.value ?? '1000000',
      validAfter: String(now - 60),
      validBefore: String(now + 300),
      nonce: overrides.nonce ?? `0x${'ab'.repeat(32)}`,
    }
    const requirements = {
      scheme: 'exact',
      network,
      asset,
      amount: '1000000',
      payTo: SANDBOX_PAY_TO,
    }
    return {
      paymentPayload: {
        x402Version: 2,
        accepted: requirements,
        payload: { signature: signAuthorization(network, asset, authorization), authorization },
      },
      paymentRequirements: { ...requirements, maxTimeoutSeconds: 60 },
    }
  }

  it('discovery lists the kinds and signers', async () => {
    const res = await sb.call('/api/v1/x402')
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ success: true, version: '1.0.0' })
    expect(body.kinds).toContainEqual({ x402Version: 2, scheme: 'exact', network })
    expect(body.signers['eip155:*']).toHaveLength(1)
  })

  it('verify → settle → replayed settle', async () => {
    const verify = await postJson('/api/v1/x402/verify', facilitatorBody())
    expect(verify.status).toBe(200)
    expect(await verify.json()).toEqual({ isValid: true, payer: PAYER })
    const settle = await postJson('/api/v1/x402/settle', facilitatorBody())
    expect(settle.status).toBe(200)
    expect(await settle.json()).toEqual({
      success: true,
      transaction: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      network,
      payer: PAYER,
    })
    const replay = await postJson('/api/v1/x402/settle', facilitatorBody())
    expect(replay.status).toBe(400)
    expect(await replay.json()).toEqual({
      success: false,
      transaction: '',
      network: '',
      errorReason: 'invalid_exact_evm_payload_authorization_nonce_used',
    })
    // Facilitator settlements are third-party payments: the ledger does not move.
    expect(await balance()).toBe(5)
  })

  it('invalid JSON, a tampered payment; verify and settle are STRICT', async () => {
    const broken = await postJson('/api/v1/x402/verify', '{oops')
    expect(broken.status).toBe(400)
    expect(await broken.json()).toEqual({ isValid: false, invalidReason: 'invalid_json_body' })
    const tampered = facilitatorBody()
    tampered.paymentPayload.payload.authorization.value = '5000000'
    const res = await postJson('/api/v1/x402/verify', tampered)
    expect(res.status).toBe(400)
    expect((await res.json()).invalidReason).toBe('invalid_exact_evm_payload_signature')
    for (let i = 0; i < 8; i++) await postJson('/api/v1/x402/settle', '{')
    const limited = await postJson('/api/v1/x402/verify', facilitatorBody())
    expect(limited.status).toBe(429)
  })
})

describe('GET /api/v1/pricing/summary', () => {
  it('returns every section, chat derived from the catalog with the 20 % markup', async () => {
    const res = await sb.call('/api/v1/pricing/summary')
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(Date.parse(body.asOf)).toBeGreaterThan(0)
    expect(Object.keys(body.pricing).sort()).toEqual(
      [
        'chat-completions',
        'generate-image',
        'generate-video',
        'voice-clone',
        'voice-stt',
        'voice-tts',
      ].sort(),
    )
    expect(body.pricing['voice-stt']).toEqual({
      unit: 'minute',
      cost: 0.0044,
      description: 'Live speech-to-text pricing per minute',
    })
    const chat = body.pricing['chat-completions']
    expect(chat).toMatchObject({ unit: '1k tokens', isVariable: true })
    // gpt-4o-mini's $0.15 per 1M input tokens × 1.2 = $0.00018 per 1k.
    expect(chat.estimatedRange.min).toBeLessThanOrEqual(0.00018)
    expect(chat.estimatedRange.max).toBeGreaterThan(chat.estimatedRange.min)
  })
})
