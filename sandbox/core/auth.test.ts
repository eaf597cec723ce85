// Edge gate and handler auth against docs/cloud/auth-errors-limits.md §1 and the E1–E9 bodies.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { authenticate, classifyAtEdge, isPublicPath, isSessionOnlyPath } from './auth.ts'
import { generateApiKey } from './keys.ts'
import { SEED } from './seed.ts'
import { openTestSandbox, UNKNOWN_KEY, type TestSandbox, SANDBOX_TIMEOUTS } from './test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
beforeEach(() => sb.reset())

const E1_UNAUTHORIZED = { success: false, error: 'Unauthorized', code: 'authentication_required' }
const E1_INVALID_TOKEN = {
  success: false,
  error: 'Invalid authentication token',
  code: 'authentication_required',
}
const E1_SESSION_ONLY = {
  success: false,
  error:
    'This endpoint requires session authentication. API keys and Bearer tokens are not accepted.',
  code: 'session_auth_required',
}

describe('edge gate (E1)', () => {
  it('answers a request without credentials with the exact E1 body and X-Proxy-Time', async () => {
    const res = await sb.call('/api/v1/credits/balance', { key: null })
    expect(res.status).toBe(401)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(res.headers.get('x-proxy-time')).toMatch(/^\d+$/)
    expect(await res.json()).toEqual(E1_UNAUTHORIZED)
  })

  it('refuses a Bearer that is neither eliza_ nor a session (the product description ek_…)', async () => {
    const res = await sb.call('/api/v1/credits/balance', {
      key: null,
      headers: { Authorization: 'Bearer ek_live_123' },
    })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual(E1_INVALID_TOKEN)
  })

  it('refuses a JWT or a session cookie it cannot verify', async () => {
    const credentials: [string, string][] = [
      ['Authorization', 'Bearer aaa.bbb.ccc'],
      ['Cookie', 'privy-token=abc'],
      ['Cookie', 'other=1; steward-token=abc'],
    ]
    for (const header of credentials) {
      const res = await sb.call('/api/credits/transactions', { key: null, headers: [header] })
      expect(await res.json()).toEqual(E1_INVALID_TOKEN)
    }
  })

  it('lets a Bearer eliza_ key through like X-API-Key', async () => {
    const res = await sb.call('/api/v1/credits/balance', {
      key: null,
      headers: { Authorization: `Bearer ${sb.apiKey}` },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ balance: 5 })
  })

  it('lets any X-API-Key value through: the handler rejects it in its own shape', async () => {
    const res = await sb.call('/api/v1/credits/balance', { key: 'not-a-key' })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({
      success: false,
      error: 'Invalid or expired API key',
      code: 'authentication_required',
    })
  })

  it('needs no key on public paths', async () => {
    const res = await sb.call('/api/v1/models', { key: null })
    expect(res.status).toBe(200)
    // A public prefix matches whole segments only.
    const lookalike = await sb.call('/api/v1/modelsx', { key: null })
    expect(await lookalike.json()).toEqual(E1_UNAUTHORIZED)
  })

  it('answers session-only paths with session_auth_required for key-shaped credentials', async () => {
    for (const path of [
      '/api/v1/generate-prompts',
      '/api/stripe/create-checkout-session',
      '/api/my-agents/characters/3f6c2a10-8b7d-4e21-9c55-0d1e2f3a4b5c/track-interaction',
      '/api/crypto/payments/abc/confirm',
    ]) {
      const res = await sb.call(path, { method: 'POST' })
      expect(res.status, path).toBe(401)
      expect(await res.json(), path).toEqual(E1_SESSION_ONLY)
    }
    // Without any credential the same path gets the plain E1 401.
    const anon = await sb.call('/api/v1/generate-prompts', { method: 'POST', key: null })
    expect(await anon.json()).toEqual(E1_UNAUTHORIZED)
  })

  it('opens /api/v1/api-keys as a named extension by default', async () => {
    const res = await sb.call('/api/v1/api-keys')
    // Past the gate to the key-management handler, never the session-only 401.
    expect(res.status).toBe(200)
    expect(Array.isArray(((await res.json()) as { keys: unknown }).keys)).toBe(true)
  })

  it('answers OPTIONS on /api/* with 204 and CORS, no credentials needed', async () => {
    const res = await sb.call('/api/v1/credits/balance', { method: 'OPTIONS', key: null })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-allow-headers')).toContain('X-API-Key')
  })

  it('classifies paths like the cloud', () => {
    expect(isPublicPath('/api/v1/chat/completions')).toBe(true)
    expect(isPublicPath('/api/agents/x/a2a')).toBe(true)
    expect(isPublicPath('/api/v1/agents/x')).toBe(false)
    expect(isPublicPath('/api/openapi.json')).toBe(false)
    expect(isSessionOnlyPath('/api/v1/api-keys/x/regenerate', false)).toBe(false)
    expect(isSessionOnlyPath('/api/v1/api-keys/x/regenerate', true)).toBe(true)
    expect(isSessionOnlyPath('/api/my-agents/characters/x', true)).toBe(false)
    const headers = new Headers({ 'X-API-Key': 'x' })
    expect(classifyAtEdge('/api/v1/api-keys', headers, true)).toBe('session_only')
    expect(classifyAtEdge('/api/v1/api-keys', headers, false)).toBeNull()
  })
})

describe('strict mode', () => {
  let strict: TestSandbox
  beforeAll(async () => {
    strict = await openTestSandbox({ strict: true })
  })
  afterAll(() => strict.close())

  it('refuses /api/v1/api-keys and everything below it with session_auth_required', async () => {
    for (const path of ['/api/v1/api-keys', '/api/v1/api-keys/abc/regenerate']) {
      const res = await strict.call(path)
      expect(res.status).toBe(401)
      expect(await res.json()).toEqual(E1_SESSION_ONLY)
      expect(res.headers.get('x-elizacloud-sandbox-strict')).toBe('1')
    }
  })
})

describe('handler auth failures by route family', () => {
  const bad = { key: UNKNOWN_KEY }

  it('E2 on both balance paths and the agent list', async () => {
    for (const path of [
      '/api/v1/credits/balance',
      '/api/credits/balance',
      '/api/my-agents/characters',
    ]) {
      const res = await sb.call(path, bad)
      expect(res.status, path).toBe(401)
      expect(await res.json(), path).toEqual({
        success: false,
        error: 'Invalid or expired API key',
        code: 'authentication_required',
      })
    }
  })

  it('E9 bare 500 on the credit summary', async () => {
    const res = await sb.call('/api/v1/credits/summary', bad)
    expect(res.status).toBe(500)
    // E9: empty in the cloud (and strict mode); the family's JSON by default (docs/sandbox.md).
    expect(await res.json()).toHaveProperty('error')
  })

  it('E5 with status 500 on transactions', async () => {
    const res = await sb.call('/api/credits/transactions', bad)
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ error: 'Invalid or expired API key' })
  })

  it('E6-style 500 on containers', async () => {
    const res = await sb.call('/api/v1/containers', bad)
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ success: false, error: 'Invalid or expired API key' })
  })

  it('E3 500 on model details, with a bad key or none', async () => {
    for (const key of [UNKNOWN_KEY, null]) {
      const res = await sb.call('/api/v1/models/openai/gpt-4o-mini', { key })
      expect(res.status).toBe(500)
      expect(await res.json()).toEqual({
        error: { message: 'Failed to fetch model details', type: 'api_error' },
      })
    }
  })
})

describe('authenticate()', () => {
  const req = (headers: Record<string, string>) => new Request('http://sandbox/api/x', { headers })
  const run = (headers: Record<string, string>) =>
    authenticate(req(headers), sb.ctx.db, sb.ctx.balanceCache)

  it('returns the cloud message for each failure', async () => {
    expect(await run({})).toEqual({ ok: false, status: 401, message: 'Authentication required' })
    expect(await run({ Authorization: 'Bearer ' })).toEqual({
      ok: false,
      status: 401,
      message: 'Invalid authorization header',
    })
    expect(await run({ Authorization: 'Bearer a.b.c' })).toEqual({
      ok: false,
      status: 401,
      message: 'Invalid or expired token',
    })
    expect(
      await run({
        'X-Wallet-Address': '0x1',
        'X-Wallet-Signature': 's',
        'X-Timestamp': '1',
        'X-API-Key': sb.apiKey,
      }),
    ).toEqual({ ok: false, status: 401, message: 'Invalid wallet signature' })
  })

  it('prefers X-API-Key over Bearer and counts the use', async () => {
    const result = await run({ 'X-API-Key': sb.apiKey, Authorization: `Bearer ${UNKNOWN_KEY}` })
    expect(result.ok && result.auth.organizationId).toBe(SEED.organizationId)
    const { rows } = await sb.ctx.db.query<{ usage_count: number; last_used_at: Date | null }>(
      'SELECT usage_count, last_used_at FROM api_keys WHERE id = $1',
      [SEED.apiKeyId],
    )
    expect(rows[0]?.usage_count).toBe(1)
    expect(rows[0]?.last_used_at).toBeInstanceOf(Date)
  })

  it('refuses expired and inactive keys, inactive users and organizations', async () => {
    const db = sb.ctx.db
    await db.query(`UPDATE api_keys SET expires_at = now() - interval '1 minute'`)
    expect(await run({ 'X-API-Key': sb.apiKey })).toMatchObject({
      status: 401,
      message: 'Invalid or expired API key',
    })
    await db.query('UPDATE api_keys SET expires_at = NULL, is_active = false')
    expect(await run({ 'X-API-Key': sb.apiKey })).toMatchObject({ status: 401 })
    await db.query('UPDATE api_keys SET is_active = true')
    await db.query('UPDATE users SET is_active = false')
    expect(await run({ 'X-API-Key': sb.apiKey })).toMatchObject({
      status: 403,
      message: 'User account is inactive',
    })
    await db.query('UPDATE users SET is_active = true')
    await db.query('UPDATE organizations SET is_active = false')
    expect(await run({ 'X-API-Key': sb.apiKey })).toMatchObject({
      status: 403,
      message: 'Organization is inactive',
    })
  })

  it('maps a 403 to access_denied in the E2 family', async () => {
    await sb.ctx.db.query('UPDATE organizations SET is_active = false')
    const res = await sb.call('/api/v1/credits/balance')
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({
      success: false,
      error: 'Organization is inactive',
      code: 'access_denied',
    })
  })

  it('stores only the SHA-256 of the seeded key and its 12-character prefix', async () => {
    const { rows } = await sb.ctx.db.query<{ key_hash: string; key_prefix: string }>(
      'SELECT key_hash, key_prefix FROM api_keys',
    )
    expect(rows).toEqual([
      {
        key_hash: createHash('sha256').update(sb.apiKey).digest('hex'),
        key_prefix: sb.apiKey.slice(0, 12),
      },
    ])
    expect(sb.apiKey).toMatch(/^eliza_[0-9a-f]{64}$/)
  })

  it('accepts only keys the DB knows (a fresh random key fails)', async () => {
    expect(await run({ 'X-API-Key': generateApiKey() })).toMatchObject({ ok: false, status: 401 })
  })
})
