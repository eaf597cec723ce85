// Strict mode (SANDBOX_STRICT=1): the cloud's behaviour, every extension of docs/cloud/api-keys.md off.
// Key management is session-only at the edge; permissions and rate_limit are stored, never enforced.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { SEED } from '../core/seed.ts'
import { openTestSandbox, SANDBOX_TIMEOUTS, type TestSandbox } from '../core/test-utils.ts'
import { createKey } from './store.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
let chatOnly: string
beforeAll(async () => {
  sb = await openTestSandbox({ strict: true })
  // No API route can create keys in strict mode; the dashboard would.
  const created = await createKey(sb.ctx.db, {
    organizationId: SEED.organizationId,
    userId: SEED.userId,
    name: 'chat only, 1/min',
    description: null,
    permissions: ['chat'],
    rateLimit: 1,
    expiresAt: null,
  })
  chatOnly = created.plainKey
})
afterAll(() => sb.close())

const SESSION_ONLY = {
  success: false,
  error:
    'This endpoint requires session authentication. API keys and Bearer tokens are not accepted.',
  code: 'session_auth_required',
}

describe('strict mode', () => {
  it('answers every /api/v1/api-keys path with 401 session_auth_required at the edge', async () => {
    const calls: [string, string][] = [
      ['GET', '/api/v1/api-keys'],
      ['POST', '/api/v1/api-keys'],
      ['PATCH', `/api/v1/api-keys/${SEED.apiKeyId}`],
      ['DELETE', `/api/v1/api-keys/${SEED.apiKeyId}`],
      ['POST', `/api/v1/api-keys/${SEED.apiKeyId}/regenerate`],
      ['GET', '/api/v1/api-keys/explorer'],
    ]
    for (const [method, path] of calls) {
      const res = await sb.call(path, { method })
      expect(res.status, `${method} ${path}`).toBe(401)
      expect(await res.json()).toEqual(SESSION_ONLY)
    }
    const bearer = await sb.call('/api/v1/api-keys', {
      key: null,
      headers: { Authorization: `Bearer ${sb.apiKey}` },
    })
    expect(await bearer.json()).toEqual(SESSION_ONLY)
  })

  it('never answers 403 for a missing permission', async () => {
    const agents = await sb.call('/api/my-agents/characters', { key: chatOnly })
    expect(agents.status).toBe(200)
    const images = await sb.call('/api/v1/generate-image', {
      method: 'POST',
      key: chatOnly,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ prompt: 'a cat' }),
    })
    expect(images.status).not.toBe(403)
  })

  it("does not enforce the key's rate_limit", async () => {
    for (let i = 0; i < 3; i++) {
      expect((await sb.call('/api/v1/credits/balance', { key: chatOnly })).status).toBe(200)
    }
  })
})
