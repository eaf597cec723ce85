// Permission enforcement and per-key rate limits, the named extension of docs/cloud/api-keys.md
// ("Permissions"; docs/cloud/README.md, "Sandbox policy"). Strict mode: api-keys/strict.test.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { allows, requiredPermission } from './permissions.ts'
import { SEED } from './seed.ts'
import { openTestSandbox, SANDBOX_TIMEOUTS, UNKNOWN_KEY, type TestSandbox } from './test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

describe('requiredPermission', () => {
  it('maps each path family to its permission and error shape', () => {
    const table: [string, string, string | null, string | null][] = [
      ['POST', '/api/v1/chat/completions', 'chat', 'openai'],
      ['POST', '/api/v1/chat', 'chat', 'bare'],
      ['POST', '/api/v1/responses', 'chat', 'openai'],
      ['POST', '/api/v1/messages', 'chat', 'anthropic'],
      ['POST', '/api/eliza/rooms/r1/messages', 'chat', 'bare'],
      ['POST', '/api/v1/embeddings', 'embeddings', 'openai'],
      ['POST', '/api/v1/generate-image', 'images', 'bare'],
      ['POST', '/api/v1/generate-video', 'video', 'bare'],
      ['POST', '/api/v1/voice/tts', 'voice', 'bare'],
      ['GET', '/api/elevenlabs/voices', 'voice', 'bare'],
      ['POST', '/api/v1/knowledge/query', 'knowledge', 'bare'],
      ['GET', '/api/my-agents/characters', 'agents', 'api'],
      ['DELETE', '/api/my-agents/characters/abc', 'agents', 'flag'],
      ['POST', '/api/v1/app/agents', 'agents', 'flag'],
      ['GET', '/api/v1/agents/abc', 'agents', 'api'],
      ['GET', '/api/v1/milady/agents', 'agents', 'api'],
      ['GET', '/api/compat/agents', 'agents', 'compat'],
      ['POST', '/api/a2a', 'agents', 'jsonrpc'],
      ['POST', '/api/agents/abc/a2a', 'agents', 'jsonrpc'],
      ['GET', '/api/v1/apps', 'apps', 'bare'],
      // Public documents and the families without a permission.
      ['GET', '/api/a2a', null, null],
      ['GET', '/api/agents/abc/a2a', null, null],
      ['GET', '/api/v1/credits/balance', null, null],
      ['GET', '/api/credits/transactions', null, null],
      ['GET', '/api/v1/models', null, null],
      ['GET', '/api/v1/discovery', null, null],
      ['GET', '/api/v1/api-keys', null, null],
      ['GET', '/api/v1/containers', null, null],
      ['GET', '/api/openapi.json', null, null],
      // Generated files stand in for public blob URLs.
      ['GET', '/api/v1/generate-image/files/0b9e6c1a-5c2e-4d7f-9a1b-2c3d4e5f6a7b.png', null, null],
      ['GET', '/api/v1/generate-video/files/0b9e6c1a-5c2e-4d7f-9a1b-2c3d4e5f6a7b.mp4', null, null],
      // Prefixes match whole segments only.
      ['POST', '/api/v1/chatty', null, null],
      ['POST', '/api/v1/knowledgebase', null, null],
    ]
    for (const [method, path, permission, shape] of table) {
      const needed = requiredPermission(method, path)
      expect(needed?.permission ?? null, `${method} ${path}`).toBe(permission)
      expect(needed?.shape ?? null, `${method} ${path}`).toBe(shape)
    }
  })
})

describe('allows', () => {
  it('grants everything to a key that names none of the eight permissions', () => {
    expect(allows({ permissions: [] }, 'images')).toBe(true)
    expect(allows({ permissions: ['apps.access', 'generation.all'] }, 'agents')).toBe(true)
  })
  it('otherwise needs the exact name', () => {
    expect(allows({ permissions: ['chat'] }, 'chat')).toBe(true)
    expect(allows({ permissions: ['chat', 'custom'] }, 'images')).toBe(false)
    expect(allows({ permissions: ['images.generate'] }, 'images')).toBe(true) // no known name → all
    expect(allows({ permissions: ['agents', 'images.generate'] }, 'images')).toBe(false)
  })
})

describe('the gate in the app', () => {
  let sb: TestSandbox
  beforeAll(async () => {
    sb = await openTestSandbox()
  })
  afterAll(() => sb.close())
  beforeEach(() => sb.reset())

  async function keyWith(body: Record<string, unknown>): Promise<{ id: string; key: string }> {
    const res = await sb.call('/api/v1/api-keys', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'test key', ...body }),
    })
    expect(res.status).toBe(201)
    const created = await res.json()
    return { id: created.apiKey.id, key: created.plainKey }
  }
  const post = (path: string, key: string, body: unknown = {}) =>
    sb.call(path, {
      method: 'POST',
      key,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })

  it('a chat-only key can chat but gets 403 in each family’s own shape elsewhere', async () => {
    const { key } = await keyWith({ permissions: ['chat'] })
    const chat = await post('/api/v1/chat/completions', key, {
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    })
    expect(chat.status).not.toBe(403)
    expect((await sb.call('/api/v1/models', { key })).status).toBe(200)
    expect((await sb.call('/api/v1/credits/balance', { key })).status).toBe(200)
    expect((await sb.call('/api/v1/api-keys', { key })).status).toBe(200)

    const images = await post('/api/v1/generate-image', key, { prompt: 'a cat' })
    expect(images.status).toBe(403)
    expect(await images.json()).toEqual({
      error: "This API key does not have the 'images' permission",
    })

    const knowledge = await post('/api/v1/knowledge/query', key, { query: 'pricing' })
    expect(knowledge.status).toBe(403)
    expect(await knowledge.json()).toEqual({
      error: "This API key does not have the 'knowledge' permission",
    })

    const agents = await sb.call('/api/my-agents/characters', { key })
    expect(agents.status).toBe(403)
    expect(await agents.json()).toEqual({
      success: false,
      error: "This API key does not have the 'agents' permission",
      code: 'access_denied',
    })

    const quickCreate = await post('/api/v1/app/agents', key, { name: 'x' })
    expect(quickCreate.status).toBe(403)
    expect(await quickCreate.json()).toEqual({
      success: false,
      error: "This API key does not have the 'agents' permission",
    })

    const a2a = await post('/api/a2a', key, { jsonrpc: '2.0', id: 7, method: 'message/send' })
    expect(a2a.status).toBe(403)
    expect(await a2a.json()).toEqual({
      jsonrpc: '2.0',
      error: { code: -32013, message: "This API key does not have the 'agents' permission" },
      id: 7,
    })

    const embeddings = await post('/api/v1/embeddings', key, { input: 'x', model: 'm' })
    expect(embeddings.status).toBe(403)
    expect(await embeddings.json()).toEqual({
      error: {
        message: "This API key does not have the 'embeddings' permission",
        type: 'permission_error',
        code: 'insufficient_permissions',
      },
    })

    const messages = await post('/api/v1/messages', key, {})
    expect(messages.status).not.toBe(403) // chat covers the Anthropic route too
  })

  it('answers the Anthropic route (E4) and compat agents (E8) in their shapes', async () => {
    const { key } = await keyWith({ permissions: ['images'] })
    const messages = await post('/api/v1/messages', key, {})
    expect(messages.status).toBe(403)
    expect(await messages.json()).toEqual({
      type: 'error',
      error: {
        type: 'permission_error',
        message: "This API key does not have the 'chat' permission",
      },
    })
    const compat = await sb.call('/api/compat/agents', { key })
    expect(compat.status).toBe(403)
    expect(await compat.json()).toEqual({
      success: false,
      error: "This API key does not have the 'agents' permission",
    })
    // A GET of a public A2A document is not gated.
    expect((await sb.call('/api/a2a', { key })).status).not.toBe(403)
  })

  it('checks a key sent as Bearer eliza_… as well', async () => {
    const { key } = await keyWith({ permissions: ['chat'] })
    const res = await sb.call('/api/my-agents/characters', {
      key: null,
      headers: { Authorization: `Bearer ${key}` },
    })
    expect(res.status).toBe(403)
  })

  it('lets keys without any of the eight permissions use everything', async () => {
    for (const permissions of [[], ['apps.access', 'generation.all']]) {
      const { key } = await keyWith({ permissions })
      const res = await sb.call('/api/my-agents/characters', { key })
      expect(res.status, JSON.stringify(permissions)).toBe(200)
      expect((await post('/api/v1/generate-image', key, { prompt: 'x' })).status).not.toBe(403)
    }
  })

  it('applies a permission change to the next request', async () => {
    const { id, key } = await keyWith({ permissions: ['chat'] })
    expect((await sb.call('/api/my-agents/characters', { key })).status).toBe(403)
    await sb.call(`/api/v1/api-keys/${id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ permissions: ['chat', 'agents'] }),
    })
    expect((await sb.call('/api/my-agents/characters', { key })).status).toBe(200)
  })

  it('leaves unknown and disabled keys to the handler (its own 401)', async () => {
    const res = await sb.call('/api/my-agents/characters', { key: UNKNOWN_KEY })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({
      success: false,
      error: 'Invalid or expired API key',
      code: 'authentication_required',
    })
  })

  it('does not count a denied request as a use of the key', async () => {
    const { id, key } = await keyWith({ permissions: ['chat'] })
    await sb.call('/api/my-agents/characters', { key })
    const { rows } = await sb.ctx.db.query<{ usage_count: number }>(
      'SELECT usage_count FROM api_keys WHERE id = $1',
      [id],
    )
    expect(rows[0]?.usage_count).toBe(0)
  })

  it("enforces the key's rate_limit per minute with E10", async () => {
    const { key } = await keyWith({ rate_limit: 3 })
    for (let i = 0; i < 3; i++) {
      expect((await sb.call('/api/v1/credits/balance', { key })).status).toBe(200)
    }
    const limited = await sb.call('/api/v1/credits/balance', { key })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('x-ratelimit-limit')).toBe('3')
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(limited.headers.get('x-ratelimit-policy')).toBe('in-memory')
    expect(Date.parse(limited.headers.get('x-ratelimit-reset') ?? '')).toBeGreaterThan(Date.now())
    const retryAfter = Number(limited.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(60)
    expect(await limited.json()).toEqual({
      success: false,
      error: 'Too many requests',
      code: 'rate_limit_exceeded',
      message: 'Rate limit exceeded. Maximum 3 requests per 60 seconds.',
      retryAfter,
    })
    // Other keys have their own budget.
    expect((await sb.call('/api/v1/credits/balance')).status).toBe(200)
    // A reset clears the window.
    await sb.reset()
    expect((await sb.call('/api/v1/credits/balance')).status).toBe(200)
  })

  it('keeps the seeded key at full rights', async () => {
    const { rows } = await sb.ctx.db.query<{ permissions: string[] }>(
      'SELECT permissions FROM api_keys WHERE id = $1',
      [SEED.apiKeyId],
    )
    expect(rows[0]?.permissions).toHaveLength(8)
    expect((await sb.call('/api/my-agents/characters')).status).toBe(200)
  })
})
