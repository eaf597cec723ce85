// The characters family against docs/cloud/agents.md: list, create, read, update (extension), delete,
// share, clone, publish and monetization.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { setBalance } from '../core/ledger.ts'
import { PRESETS } from '../core/rate-limit.ts'
import { SEED } from '../core/seed.ts'
import {
  openTestSandbox,
  type TestSandbox,
  SANDBOX_TIMEOUTS,
  UNKNOWN_KEY,
} from '../core/test-utils.ts'
import { maxAgentsForBalance } from './characters.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
beforeEach(() => sb.reset())

const list = async (query = '') => {
  const res = await sb.call(`/api/my-agents/characters${query}`)
  expect(res.status).toBe(200)
  return res.json()
}
const names = (body: { data: { characters: { name: string }[] } }) =>
  body.data.characters.map((c) => c.name)

describe('GET /api/my-agents/characters', () => {
  it('returns the seeded agents newest first with both spellings of each field', async () => {
    const body = await list()
    expect(body.success).toBe(true)
    expect(names(body)).toEqual(['Pixel Muse', 'Lore Keeper', 'Support Bot'])
    expect(body.data.pagination).toEqual({
      page: 1,
      limit: 30,
      totalPages: 1,
      totalCount: 3,
      hasMore: false,
    })
    const [first] = body.data.characters
    expect(Object.keys(first).sort()).toEqual(
      [
        'id',
        'name',
        'bio',
        'avatarUrl',
        'avatar_url',
        'category',
        'isPublic',
        'is_public',
        'createdAt',
        'created_at',
        'updatedAt',
        'updated_at',
        'tags',
        'token_address',
        'token_chain',
        'token_name',
        'token_ticker',
      ].sort(),
    )
    expect(first).toMatchObject({
      id: SEED.agentIds[2],
      bio: ['Turns vague ideas into vivid image prompts.'],
    })
    expect(first.createdAt).toBe(first.created_at)
    expect(first.isPublic).toBe(first.is_public)
  })

  it('pages', async () => {
    const p1 = await list('?limit=2')
    expect(names(p1)).toEqual(['Pixel Muse', 'Lore Keeper'])
    expect(p1.data.pagination).toEqual({
      page: 1,
      limit: 2,
      totalPages: 2,
      totalCount: 3,
      hasMore: true,
    })
    const p2 = await list('?limit=2&page=2')
    expect(names(p2)).toEqual(['Support Bot'])
    expect(p2.data.pagination).toMatchObject({ page: 2, hasMore: false })
    expect(names(await list('?limit=2&page=3'))).toEqual([])
  })

  it('clamps limit to 1–1000 and keeps parseInt semantics for junk', async () => {
    expect((await list('?limit=0')).data.pagination.limit).toBe(1)
    expect((await list('?limit=5000')).data.pagination.limit).toBe(1000)
    // "non-numeric values break paging (NaN)": NaN serialises as null and the page is empty.
    const junk = await list('?limit=abc')
    expect(junk.data.characters).toEqual([])
    expect(junk.data.pagination).toEqual({
      page: 1,
      limit: null,
      totalPages: null,
      totalCount: 3,
      hasMore: false,
    })
  })

  it('searches name and bio, filters category, sorts by name', async () => {
    expect(names(await list('?search=HISTORY'))).toEqual(['Lore Keeper'])
    expect(names(await list('?search=pricing'))).toEqual(['Support Bot'])
    expect(names(await list('?category=creative'))).toEqual(['Pixel Muse'])
    expect(names(await list('?sortBy=name&order=asc'))).toEqual([
      'Lore Keeper',
      'Pixel Muse',
      'Support Bot',
    ])
    expect(names(await list('?sortBy=newest&order=asc'))).toEqual([
      'Support Bot',
      'Lore Keeper',
      'Pixel Muse',
    ])
    expect(names(await list('?sortBy=updated'))).toEqual([
      'Pixel Muse',
      'Support Bot',
      'Lore Keeper',
    ])
    // popularity is accepted and does nothing, even with order=asc.
    expect(names(await list('?sortBy=popularity&order=asc'))).toEqual([
      'Pixel Muse',
      'Lore Keeper',
      'Support Bot',
    ])
  })

  it("lists the key's user's characters only", async () => {
    const db = sb.ctx.db
    await db.query(
      `INSERT INTO users (id, organization_id, email) VALUES ('5a4db0c0-0000-4000-8000-0000000000f1', $1, 'other@sandbox.invalid')`,
      [SEED.organizationId],
    )
    await db.query(
      `INSERT INTO user_characters (organization_id, user_id, name) VALUES ($1, '5a4db0c0-0000-4000-8000-0000000000f1', 'Someone Else')`,
      [SEED.organizationId],
    )
    expect(names(await list())).not.toContain('Someone Else')
  })
})

// ─── Create, read, update, delete and the sub-routes (docs/cloud/agents.md) ─────────────────────────

const json = (body: unknown, method = 'POST'): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
})
const create = (body: unknown, key?: string | null) =>
  sb.call('/api/v1/app/agents', { ...json(body), ...(key === undefined ? {} : { key }) })

describe('POST /api/v1/app/agents', () => {
  it('creates with a generated username and a one-element bio (201)', async () => {
    const res = await create({ name: '  Support Bot  ' })
    expect(res.status).toBe(201)
    expect(res.headers.get('x-ratelimit-limit')).toBe('60')
    const body = await res.json()
    expect(body).toEqual({
      success: true,
      agent: {
        id: expect.any(String),
        name: 'Support Bot',
        // The seeded "support-bot" exists, so the next free handle is taken.
        username: 'support-bot-2',
        bio: ['A helpful AI assistant'],
        created_at: expect.any(String),
        token_address: null,
        token_chain: null,
        token_name: null,
        token_ticker: null,
      },
    })
    const read = await sb.call(`/api/my-agents/characters/${body.agent.id}`)
    const { character } = (await read.json()).data
    expect(character).toMatchObject({ source: 'cloud', inference_markup_percentage: '0.00' })
    expect(character.total_creator_earnings).toBe('0.0000')
  })

  it('answers a bad body with the zod formatted tree (E6)', async () => {
    const res = await create({ name: '   ' })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      success: false,
      error: 'Invalid request data',
      details: { _errors: [], name: { _errors: ['Name is required'] } },
    })
    const long = await (await create({ name: 'x'.repeat(101), tokenTicker: '' })).json()
    expect(Object.keys(long.details).sort()).toEqual(['_errors', 'name', 'tokenTicker'])
  })

  it('reports auth failures and malformed JSON as 500 with the message', async () => {
    const bad = await create({ name: 'A' }, UNKNOWN_KEY)
    expect(bad.status).toBe(500)
    expect(await bad.json()).toEqual({ success: false, error: 'Invalid or expired API key' })
    const malformed = await sb.call('/api/v1/app/agents', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{name',
    })
    expect(malformed.status).toBe(500)
    const body = await malformed.json()
    expect(body.success).toBe(false)
    expect(body.error).toMatch(/JSON/)
    // Without any key the edge answers first (E1).
    expect((await create({ name: 'A' }, null)).status).toBe(401)
  })

  it('enforces the organization quota by balance (403)', async () => {
    await setBalance(sb.ctx.db, SEED.organizationId, 0.5) // < $1 → 5 agents
    expect((await create({ name: 'Four' })).status).toBe(201)
    expect((await create({ name: 'Five' })).status).toBe(201)
    const res = await create({ name: 'Six' })
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({
      success: false,
      error: 'Agent quota exceeded. Your organization has reached the maximum of 5 agents.',
      details: {
        current: 5,
        max: 5,
        upgrade_hint: 'Add credits to your account to increase your agent limit.',
      },
    })
    expect([0, 0.99, 1, 9.99, 10, 100].map(maxAgentsForBalance)).toEqual([5, 5, 20, 20, 100, 500])
  })

  it('refuses viewers (403)', async () => {
    await sb.ctx.db.query(`UPDATE users SET role = 'viewer' WHERE id = $1`, [SEED.userId])
    const res = await create({ name: 'Nope' })
    expect(res.status).toBe(403)
    expect((await res.json()).error).toMatch(/^Insufficient permissions\. Viewers/)
  })

  it('links a token once, lower-casing EVM addresses (409 on reuse)', async () => {
    const token = { tokenAddress: '0xABCDEF0000000000000000000000000000000001', tokenChain: 'base' }
    const first = await (await create({ name: 'Coin', ...token })).json()
    expect(first.agent.token_address).toBe('0xabcdef0000000000000000000000000000000001')
    const again = await create({ name: 'Coin 2', ...token })
    expect(again.status).toBe(409)
    expect(await again.json()).toEqual({
      success: false,
      error:
        'An agent is already linked to token 0xabcdef0000000000000000000000000000000001 on base',
      existingAgentId: first.agent.id,
    })
  })

  it('is rate limited STANDARD (60/min) with E10 and Retry-After', async () => {
    for (let i = 0; i < 60; i++) sb.ctx.limiter.check(`apikey:${sb.apiKey}`, PRESETS.STANDARD)
    const res = await create({ name: 'Burst' })
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await res.json()).toMatchObject({
      success: false,
      code: 'rate_limit_exceeded',
      message: 'Rate limit exceeded. Maximum 60 requests per 60 seconds.',
    })
  })
})

describe('GET / DELETE /api/my-agents/characters/{id}', () => {
  it('returns the full row of a seeded persona, secrets included', async () => {
    const res = await sb.call(`/api/my-agents/characters/${SEED.agentIds[0]}`)
    expect(res.status).toBe(200)
    const { character } = (await res.json()).data
    expect(character).toMatchObject({
      id: SEED.agentIds[0],
      name: 'Support Bot',
      secrets: {},
      is_public: false,
      a2a_enabled: true,
    })
    expect(character.style.all.length).toBeGreaterThan(0)
    expect(character.message_examples.length).toBeGreaterThan(0)
    expect(character.avatar_url).toMatch(/^data:image\/svg\+xml;base64,/)
    expect(character.created_at).toMatch(/Z$/)
  })

  it('404s on a missing or foreign character and bare-500s auth and non-UUID ids (E9)', async () => {
    const missing = await sb.call('/api/my-agents/characters/5a4db0c0-0000-4000-8000-00000000ffff')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ success: false, error: 'Character not found' })
    for (const res of [
      await sb.call('/api/my-agents/characters/not-a-uuid'),
      await sb.call(`/api/my-agents/characters/${SEED.agentIds[0]}`, { key: UNKNOWN_KEY }),
      await sb.call(`/api/my-agents/characters/${SEED.agentIds[0]}`, {
        method: 'DELETE',
        key: UNKNOWN_KEY,
      }),
    ]) {
      expect(res.status).toBe(500)
      // E9: empty in the cloud (and strict mode); the family's JSON by default (docs/sandbox.md).
      expect(await res.json()).toHaveProperty('error')
    }
  })

  it('deletes (hard) and then 404s', async () => {
    const res = await sb.call(`/api/my-agents/characters/${SEED.agentIds[2]}`, { method: 'DELETE' })
    expect(await res.json()).toEqual({
      success: true,
      data: { message: 'Character deleted successfully' },
    })
    const again = await sb.call(`/api/my-agents/characters/${SEED.agentIds[2]}`, {
      method: 'DELETE',
    })
    expect(again.status).toBe(404)
    expect(await again.json()).toEqual({
      success: false,
      error: 'Character not found or access denied',
    })
  })
})

describe('PATCH /api/my-agents/characters/{id} (named extension)', () => {
  const patch = (body: unknown, id: string = SEED.agentIds[0]) =>
    sb.call(`/api/my-agents/characters/${id}`, json(body, 'PATCH'))

  it('edits persona fields and returns the full row', async () => {
    const res = await patch({
      system: 'You are terse.',
      bio: ['New bio'],
      style: { chat: ['Short'] },
      avatarUrl: null,
      tags: ['support', 'billing'],
    })
    expect(res.status).toBe(200)
    const { character } = (await res.json()).data
    expect(character).toMatchObject({
      system: 'You are terse.',
      bio: ['New bio'],
      style: { chat: ['Short'] },
      avatar_url: null,
      tags: ['support', 'billing'],
    })
  })

  it('validates with the zod formatted tree and refuses taken usernames', async () => {
    const bad = await patch({ name: '', tags: 'x' })
    expect(bad.status).toBe(400)
    const body = await bad.json()
    expect(body.error).toBe('Invalid request data')
    expect(body.details.name._errors).toEqual(['Name is required'])
    expect(body.details.tags._errors).toHaveLength(1)
    expect((await patch({})).status).toBe(400)
    const taken = await patch({ username: 'lore-keeper' })
    expect(await taken.json()).toEqual({ success: false, error: 'Username is already taken' })
  })

  it('does not exist in strict mode (empty 405)', async () => {
    sb.ctx.strict = true
    try {
      const res = await patch({ name: 'X' })
      expect(res.status).toBe(405)
      expect(await res.text()).toBe('')
    } finally {
      sb.ctx.strict = false
    }
  })
})

describe('share, clone, stats, track-view', () => {
  it('toggles sharing and reports zod issues as an array', async () => {
    const id = SEED.agentIds[0]
    const put = await sb.call(
      `/api/my-agents/characters/${id}/share`,
      json({ isPublic: true }, 'PUT'),
    )
    const body = await put.json()
    expect(body.data).toMatchObject({ characterId: id, isPublic: true })
    expect(body.data.shareUrl).toMatch(new RegExp(`/chat/${id}$`))
    const get = await (await sb.call(`/api/my-agents/characters/${id}/share`)).json()
    expect(get.data).toMatchObject({ isPublic: true, shareInfo: { chatUrl: body.data.shareUrl } })
    const bad = await sb.call(
      `/api/my-agents/characters/${id}/share`,
      json({ isPublic: 'y' }, 'PUT'),
    )
    expect(bad.status).toBe(400)
    const badBody = await bad.json()
    expect(badBody.error).toBe('Invalid request body')
    expect(badBody.details[0]).toMatchObject({ path: ['isPublic'], code: 'invalid_type' })
    const fail = await sb.call(`/api/my-agents/characters/nope/share`)
    expect(fail.status).toBe(500)
    expect(await fail.json()).toEqual({ success: false, error: 'Failed to get share status' })
  })

  it('clones any character with "(Copy)" and a fresh username (200)', async () => {
    const res = await sb.call(`/api/my-agents/characters/${SEED.agentIds[1]}/clone`, json({}))
    expect(res.status).toBe(200)
    const { character, message } = (await res.json()).data
    expect(message).toBe('Character cloned successfully')
    expect(character).toMatchObject({
      name: 'Lore Keeper (Copy)',
      username: 'lore-keeper-copy',
      is_public: false,
      system: expect.stringContaining('history of computing'),
    })
    const taken = await sb.call(
      `/api/my-agents/characters/${SEED.agentIds[1]}/clone`,
      json({ username: 'pixel-muse' }),
    )
    expect(taken.status).toBe(400)
    const missing = await sb.call(
      '/api/my-agents/characters/5a4db0c0-0000-4000-8000-00000000ffff/clone',
      json({}),
    )
    expect(missing.status).toBe(404)
  })

  it('has placeholder stats and a retired track-view', async () => {
    const stats = await (
      await sb.call(`/api/my-agents/characters/${SEED.agentIds[0]}/stats`)
    ).json()
    expect(stats.data.stats).toEqual({ views: 0, interactions: 0, messageCount: 0 })
    const view = await sb.call(`/api/my-agents/characters/${SEED.agentIds[0]}/track-view`, {
      method: 'POST',
    })
    expect(view.status).toBe(410)
  })
})

describe('/api/v1/agents/{id}, publish, monetization', () => {
  it('reads org-scoped without a wrapper; E2 on a bad key; code-less 500 on a non-UUID', async () => {
    const res = await sb.call(`/api/v1/agents/${SEED.agentIds[0]}`)
    const body = await res.json()
    expect(body.success).toBe(true)
    expect(body.data.id).toBe(SEED.agentIds[0])
    const bad = await sb.call(`/api/v1/agents/${SEED.agentIds[0]}`, { key: UNKNOWN_KEY })
    expect(bad.status).toBe(401)
    expect(await bad.json()).toEqual({
      success: false,
      error: 'Invalid or expired API key',
      code: 'authentication_required',
    })
    const junk = await sb.call('/api/v1/agents/junk')
    expect(junk.status).toBe(500)
    expect(await junk.json()).toEqual({ success: false, error: 'An unexpected error occurred' })
  })

  it('publishes with flags, says when already public, and unpublishes', async () => {
    const id = SEED.agentIds[0]
    const res = await sb.call(
      `/api/v1/agents/${id}/publish`,
      json({ enableMonetization: true, markupPercentage: 25 }),
    )
    const body = await res.json()
    expect(body).toMatchObject({
      success: true,
      message: 'Agent published successfully',
      agent: { id, isPublic: true, monetizationEnabled: true, markupPercentage: 25 },
    })
    expect(body.agent.a2aEndpoint).toMatch(new RegExp(`/api/agents/${id}/a2a$`))
    const again = await (await sb.call(`/api/v1/agents/${id}/publish`, json({}))).json()
    expect(again.message).toBe('Agent is already published')
    const money = await (await sb.call(`/api/v1/agents/${id}/monetization`)).json()
    expect(money.monetization).toMatchObject({
      enabled: true,
      markupPercentage: 25,
      isPublic: true,
    })
    const off = await (await sb.call(`/api/v1/agents/${id}/publish`, { method: 'DELETE' })).json()
    expect(off).toEqual({
      success: true,
      message: 'Agent unpublished',
      agent: { id, name: 'Support Bot', isPublic: false },
    })
    const noAuth = await sb.call(`/api/v1/agents/${id}/publish`, {
      method: 'POST',
      key: UNKNOWN_KEY,
    })
    expect(noAuth.status).toBe(500)
    // E9: empty in the cloud (and strict mode); the family's JSON by default (docs/sandbox.md).
    expect(await noAuth.json()).toHaveProperty('error')
  })

  it('updates monetization only on a public agent (400 otherwise)', async () => {
    const id = SEED.agentIds[2]
    const refused = await sb.call(
      `/api/v1/agents/${id}/monetization`,
      json({ monetizationEnabled: true }, 'PUT'),
    )
    expect(refused.status).toBe(400)
    const invalid = await sb.call(
      `/api/v1/agents/${id}/monetization`,
      json({ markupPercentage: 5000 }, 'PUT'),
    )
    const body = await invalid.json()
    expect(body.error).toBe('Invalid request')
    expect(body.details.markupPercentage._errors).toHaveLength(1)
    const ok = await sb.call(
      `/api/v1/agents/${SEED.agentIds[1]}/monetization`,
      json({ monetizationEnabled: true, markupPercentage: 10 }, 'PUT'),
    )
    expect(await ok.json()).toEqual({
      success: true,
      monetization: {
        enabled: true,
        markupPercentage: 10,
        payoutWalletAddress: null,
        isPublic: true,
      },
    })
  })

  it('refuses customer keys on the partner-only lifecycle routes', async () => {
    const res = await sb.call(`/api/v1/agents/${SEED.agentIds[0]}/status`)
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ error: 'Unauthorized' })
    expect((await sb.call('/api/v1/agents', json({}))).status).toBe(401)
  })
})
