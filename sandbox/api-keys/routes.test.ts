// API-key management against docs/cloud/api-keys.md (default mode: the "key management with an API key"
// extension is on; strict mode is covered in api-keys/strict.test.ts).
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createSandbox } from '../server.ts'
import { SEED } from '../core/seed.ts'
import { openTestSandbox, SANDBOX_TIMEOUTS, type TestSandbox } from '../core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
beforeEach(() => sb.reset())

const BASE = '/api/v1/api-keys'
const KEY_FORMAT = /^eliza_[0-9a-f]{64}$/
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/
const OTHER_ORG = '5a4db0c0-0000-4000-8000-0000000000e1'
const OTHER_USER = '5a4db0c0-0000-4000-8000-0000000000e2'
const OTHER_KEY_ID = '5a4db0c0-0000-4000-8000-0000000000e3'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const send = (method: string, p: string, body?: unknown, key?: string) =>
  sb.call(p, {
    method,
    ...(key === undefined ? {} : { key }),
    ...(body === undefined
      ? {}
      : {
          headers: { 'Content-Type': 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
  })

interface Created {
  apiKey: { id: string; key_prefix: string }
  plainKey: string
}
async function create(body: Record<string, unknown> = { name: 'CI key' }): Promise<Created> {
  const res = await send('POST', BASE, body)
  expect(res.status).toBe(201)
  return res.json()
}
const balanceStatus = async (key: string) =>
  (await sb.call('/api/v1/credits/balance', { key })).status

async function listKeys(): Promise<Record<string, unknown>[]> {
  const res = await sb.call(BASE)
  expect(res.status).toBe(200)
  return (await res.json()).keys
}

/** A second organization with a key of its own, to prove the organization check. */
async function otherOrganizationKey() {
  const db = sb.ctx.db
  await db.query(`INSERT INTO organizations (id, name, credit_balance) VALUES ($1, 'Other', 1)`, [
    OTHER_ORG,
  ])
  await db.query(`INSERT INTO users (id, organization_id, email) VALUES ($1, $2, 'o@x.invalid')`, [
    OTHER_USER,
    OTHER_ORG,
  ])
  await db.query(
    `INSERT INTO api_keys (id, organization_id, user_id, name, key_hash, key_prefix)
     VALUES ($1, $2, $3, 'Theirs', 'not-a-real-hash', 'eliza_000000')`,
    [OTHER_KEY_ID, OTHER_ORG, OTHER_USER],
  )
}

describe('GET /api/v1/api-keys', () => {
  it("lists the organization's keys as raw rows, without the plaintext secret", async () => {
    const keys = await listKeys()
    expect(keys).toHaveLength(1)
    expect(keys[0]).toEqual({
      id: SEED.apiKeyId,
      name: 'Sandbox key',
      description: 'Seeded by the sandbox',
      key_hash: sha256(sb.apiKey),
      key_prefix: sb.apiKey.slice(0, 12),
      organization_id: SEED.organizationId,
      user_id: SEED.userId,
      permissions: [
        'chat',
        'embeddings',
        'images',
        'video',
        'voice',
        'knowledge',
        'agents',
        'apps',
      ],
      rate_limit: 1000,
      is_active: true,
      // This very request authenticated with the key: +1 and a last-used time.
      usage_count: 1,
      expires_at: null,
      last_used_at: expect.stringMatching(ISO),
      created_at: expect.stringMatching(ISO),
      updated_at: expect.stringMatching(ISO),
    })
    expect(JSON.stringify(keys)).not.toContain(sb.apiKey)
  })

  it('counts every authenticated use', async () => {
    await sb.call('/api/v1/credits/balance')
    await sb.call('/api/v1/credits/balance')
    const [seeded] = await listKeys()
    expect(seeded?.usage_count).toBe(3)
  })

  it("leaves out another organization's keys", async () => {
    await otherOrganizationKey()
    expect((await listKeys()).map((k) => k.id)).toEqual([SEED.apiKeyId])
  })

  it('answers a bad key in E5 and no key at the edge (E1)', async () => {
    const bad = await sb.call(BASE, { key: `eliza_${'1'.repeat(64)}` })
    expect(bad.status).toBe(401)
    expect(await bad.json()).toEqual({ error: 'Invalid or expired API key' })
    const none = await sb.call(BASE, { key: null })
    expect(none.status).toBe(401)
    expect(await none.json()).toEqual({
      success: false,
      error: 'Unauthorized',
      code: 'authentication_required',
    })
  })

  it('answers other methods with an empty 405', async () => {
    for (const [method, p] of [
      ['PUT', BASE],
      ['GET', `${BASE}/${SEED.apiKeyId}`],
      ['PUT', `${BASE}/${SEED.apiKeyId}`],
      ['GET', `${BASE}/${SEED.apiKeyId}/regenerate`],
      ['POST', `${BASE}/explorer`],
    ] as const) {
      const res = await sb.call(p, { method })
      expect(res.status, `${method} ${p}`).toBe(405)
      expect(await res.text()).toBe('')
    }
  })
})

describe('POST /api/v1/api-keys', () => {
  it('creates a key, shows the secret once and stores only its hash', async () => {
    const res = await send('POST', BASE, {
      name: '  CI key ',
      description: 'Used by the nightly job',
      permissions: ['chat', 'agents'],
      rate_limit: '250',
      expires_at: '2099-01-01T00:00:00Z',
    })
    expect(res.status).toBe(201)
    const body = await res.json()
    expect(body).toEqual({
      apiKey: {
        id: expect.any(String),
        name: 'CI key',
        description: 'Used by the nightly job',
        key_prefix: body.plainKey.slice(0, 12),
        created_at: expect.stringMatching(ISO),
        permissions: ['chat', 'agents'],
        rate_limit: 250,
        expires_at: '2099-01-01T00:00:00.000Z',
      },
      plainKey: expect.stringMatching(KEY_FORMAT),
    })
    const { rows } = await sb.ctx.db.query<{ key_hash: string; key: string | null }>(
      'SELECT key_hash, key FROM api_keys WHERE id = $1',
      [body.apiKey.id],
    )
    expect(rows[0]).toEqual({ key_hash: sha256(body.plainKey), key: null })
    expect(await balanceStatus(body.plainKey)).toBe(200)
    const listed = (await listKeys()).find((k) => k.id === body.apiKey.id)
    expect(listed).toMatchObject({ user_id: SEED.userId, usage_count: 1, is_active: true })
    expect(listed).not.toHaveProperty('key')
  })

  it('applies the defaults and turns a blank description into null', async () => {
    const { apiKey } = await create({ name: 'Defaults', description: '   ' })
    expect(apiKey).toMatchObject({
      description: null,
      permissions: [],
      rate_limit: 1000,
      expires_at: null,
    })
  })

  it("reports zod's issues in E5 (the note's example, exactly)", async () => {
    const res = await send('POST', BASE, { name: '' })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: 'Validation error',
      details: [
        {
          origin: 'string',
          code: 'too_small',
          minimum: 1,
          inclusive: true,
          path: ['name'],
          message: 'Name is required',
        },
      ],
    })
  })

  it('enforces name ≤ 100, ≤ 50 permissions, rate_limit 1–100000 and a parseable expires_at', async () => {
    const cases: [Record<string, unknown>, (string | number)[], string][] = [
      [{ name: 'x'.repeat(101) }, ['name'], 'too_big'],
      [
        { name: 'x', permissions: Array.from({ length: 51 }, (_, i) => `p${i}`) },
        ['permissions'],
        'too_big',
      ],
      [{ name: 'x', permissions: ['chat', '  '] }, ['permissions', 1], 'too_small'],
      [{ name: 'x', rate_limit: 0 }, ['rate_limit'], 'too_small'],
      [{ name: 'x', rate_limit: 100001 }, ['rate_limit'], 'too_big'],
      [{ name: 'x', rate_limit: 1.5 }, ['rate_limit'], 'invalid_type'],
      [{ name: 'x', expires_at: 'tomorrow-ish' }, ['expires_at'], 'custom'],
    ]
    for (const [body, issuePath, code] of cases) {
      const res = await send('POST', BASE, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      const json = await res.json()
      expect(json.error).toBe('Validation error')
      expect(json.details).toEqual([expect.objectContaining({ path: issuePath, code })])
    }
    // The limits themselves are accepted.
    await create({ name: 'x'.repeat(100), rate_limit: 100000 })
    await create({
      name: 'y',
      rate_limit: 1,
      permissions: Array.from({ length: 50 }, () => 'chat'),
    })
  })

  it('answers malformed JSON with the bare 500', async () => {
    const res = await send('POST', BASE, '{"name":')
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ error: 'Failed to create API key' })
  })

  it('creates an already expired key that never authenticates', async () => {
    const { plainKey } = await create({ name: 'Past', expires_at: '2000-01-01T00:00:00Z' })
    expect(await balanceStatus(plainKey)).toBe(401)
  })
})

describe('PATCH /api/v1/api-keys/{id}', () => {
  it('updates the given fields and answers with is_active', async () => {
    const { apiKey } = await create({ name: 'CI key', description: 'old', permissions: ['chat'] })
    const res = await send('PATCH', `${BASE}/${apiKey.id}`, {
      name: 'CI key (renamed)',
      rate_limit: 42,
      expires_at: '2098-06-01T12:00:00.000Z',
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      apiKey: {
        id: apiKey.id,
        name: 'CI key (renamed)',
        description: 'old',
        key_prefix: apiKey.key_prefix,
        created_at: expect.stringMatching(ISO),
        permissions: ['chat'],
        rate_limit: 42,
        is_active: true,
        expires_at: '2098-06-01T12:00:00.000Z',
      },
    })
    const cleared = await (
      await send('PATCH', `${BASE}/${apiKey.id}`, { description: null, expires_at: null })
    ).json()
    expect(cleared.apiKey).toMatchObject({
      description: null,
      expires_at: null,
      name: 'CI key (renamed)',
    })
  })

  it('disables and enables a key (is_active)', async () => {
    const { apiKey, plainKey } = await create()
    await send('PATCH', `${BASE}/${apiKey.id}`, { is_active: false })
    const refused = await sb.call('/api/v1/credits/balance', { key: plainKey })
    expect(refused.status).toBe(401)
    expect(await refused.json()).toEqual({
      success: false,
      error: 'Invalid or expired API key',
      code: 'authentication_required',
    })
    expect((await listKeys()).find((k) => k.id === apiKey.id)?.is_active).toBe(false)
    await send('PATCH', `${BASE}/${apiKey.id}`, { is_active: true })
    expect(await balanceStatus(plainKey)).toBe(200)
  })

  it('needs at least one field', async () => {
    const res = await send('PATCH', `${BASE}/${SEED.apiKeyId}`, {})
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: 'Validation error',
      details: [{ code: 'custom', path: [], message: 'At least one field is required' }],
    })
  })

  it('answers 404, 403 (other organization) and 500 (non-UUID id, malformed JSON)', async () => {
    await otherOrganizationKey()
    const unknown = await send('PATCH', `${BASE}/5a4db0c0-0000-4000-8000-00000000dead`, {
      name: 'x',
    })
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ error: 'API key not found' })
    const theirs = await send('PATCH', `${BASE}/${OTHER_KEY_ID}`, { name: 'mine now' })
    expect(theirs.status).toBe(403)
    expect(await theirs.json()).toEqual({ error: 'Forbidden' })
    const junk = await send('PATCH', `${BASE}/not-a-uuid`, { name: 'x' })
    expect(junk.status).toBe(500)
    expect(await junk.json()).toEqual({ error: 'Failed to update API key' })
    const malformed = await send('PATCH', `${BASE}/${SEED.apiKeyId}`, '{')
    expect(malformed.status).toBe(500)
    expect(await malformed.json()).toEqual({ error: 'Failed to update API key' })
    // 404 comes before validation, as in the cloud.
    expect((await send('PATCH', `${BASE}/5a4db0c0-0000-4000-8000-00000000dead`, {})).status).toBe(
      404,
    )
  })
})

describe('DELETE /api/v1/api-keys/{id}', () => {
  it('hard-deletes: the key stops working at once', async () => {
    const { apiKey, plainKey } = await create()
    const res = await send('DELETE', `${BASE}/${apiKey.id}`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ success: true })
    expect(await balanceStatus(plainKey)).toBe(401)
    const again = await send('DELETE', `${BASE}/${apiKey.id}`)
    expect(again.status).toBe(404)
    expect(await again.json()).toEqual({ error: 'API key not found' })
  })

  it("refuses another organization's key and reports a non-UUID id as 500", async () => {
    await otherOrganizationKey()
    expect(await (await send('DELETE', `${BASE}/${OTHER_KEY_ID}`)).json()).toEqual({
      error: 'Forbidden',
    })
    const junk = await send('DELETE', `${BASE}/nope`)
    expect(junk.status).toBe(500)
    expect(await junk.json()).toEqual({ error: 'Failed to delete API key' })
  })
})

describe('POST /api/v1/api-keys/{id}/regenerate', () => {
  it('replaces the secret of the same record; the old one stops working', async () => {
    const { apiKey, plainKey } = await create({ name: 'Rotating', permissions: ['chat'] })
    await sb.call('/api/v1/credits/balance', { key: plainKey })
    const res = await send('POST', `${BASE}/${apiKey.id}/regenerate`)
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toEqual({
      apiKey: {
        id: apiKey.id,
        name: 'Rotating',
        description: null,
        key_prefix: body.plainKey.slice(0, 12),
        created_at: expect.stringMatching(ISO),
        permissions: ['chat'],
        rate_limit: 1000,
        expires_at: null,
      },
      plainKey: expect.stringMatching(KEY_FORMAT),
    })
    expect(body.plainKey).not.toBe(plainKey)
    expect(await balanceStatus(plainKey)).toBe(401)
    expect(await balanceStatus(body.plainKey)).toBe(200)
    // usage_count survives the rotation (1 before, 1 after).
    expect((await listKeys()).find((k) => k.id === apiKey.id)?.usage_count).toBe(2)
  })

  it('is rate limited STRICT (10/min) with E10 and Retry-After', async () => {
    const { apiKey } = await create()
    const p = `${BASE}/${apiKey.id}/regenerate`
    for (let i = 0; i < 10; i++) {
      const ok = await send('POST', p)
      expect(ok.status).toBe(200)
      expect(ok.headers.get('x-ratelimit-limit')).toBe('10')
    }
    const limited = await send('POST', p)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(await limited.json()).toEqual({
      success: false,
      error: 'Too many requests',
      code: 'rate_limit_exceeded',
      message: 'Rate limit exceeded. Maximum 10 requests per 60 seconds.',
      retryAfter: expect.any(Number),
    })
  })

  it('answers 404 and 403 as PATCH does', async () => {
    await otherOrganizationKey()
    expect(
      (await send('POST', `${BASE}/5a4db0c0-0000-4000-8000-00000000dead/regenerate`)).status,
    ).toBe(404)
    expect(await (await send('POST', `${BASE}/${OTHER_KEY_ID}/regenerate`)).json()).toEqual({
      error: 'Forbidden',
    })
  })
})

describe('GET /api/v1/api-keys/explorer', () => {
  it('creates the explorer key once (201), then hands out the same one (200)', async () => {
    const first = await sb.call(`${BASE}/explorer`)
    expect(first.status).toBe(201)
    const created = await first.json()
    expect(created).toEqual({
      apiKey: {
        id: expect.any(String),
        name: 'API Explorer Key',
        description:
          'Auto-generated key for testing APIs in the API Explorer. Usage is billed to your account.',
        key_prefix: created.apiKey.key.slice(0, 12),
        key: expect.stringMatching(KEY_FORMAT),
        created_at: expect.stringMatching(ISO),
        is_active: true,
        usage_count: 0,
        last_used_at: null,
      },
      isNew: true,
    })
    expect((await listKeys()).find((k) => k.id === created.apiKey.id)).toMatchObject({
      rate_limit: 100,
      permissions: [],
    })
    expect(await balanceStatus(created.apiKey.key)).toBe(200)

    const second = await sb.call(`${BASE}/explorer`)
    expect(second.status).toBe(200)
    const again = await second.json()
    expect(again.isNew).toBe(false)
    expect(again.apiKey).toMatchObject({
      id: created.apiKey.id,
      key: created.apiKey.key,
      usage_count: 1,
    })
  })

  it('makes a new one when the old one is expired, and deactivates the old one', async () => {
    const old = await (await sb.call(`${BASE}/explorer`)).json()
    await sb.ctx.db.query(
      `UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [old.apiKey.id],
    )
    const res = await sb.call(`${BASE}/explorer`)
    expect(res.status).toBe(201)
    const fresh = await res.json()
    expect(fresh.apiKey.id).not.toBe(old.apiKey.id)
    expect((await listKeys()).find((k) => k.id === old.apiKey.id)?.is_active).toBe(false)
  })

  it('answers a bad key with its own 401 message', async () => {
    const res = await sb.call(`${BASE}/explorer`, { key: `eliza_${'2'.repeat(64)}` })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ error: 'Please sign in to use the API Explorer' })
  })
})

describe("the sandbox's own key", () => {
  it('comes back on reset after it was deleted, regenerated or disabled', async () => {
    const reset = async () =>
      expect((await sb.call('/__sandbox/reset', { method: 'POST', key: null })).status).toBe(200)

    expect((await send('DELETE', `${BASE}/${SEED.apiKeyId}`)).status).toBe(200)
    expect(await balanceStatus(sb.apiKey)).toBe(401)
    await reset()
    expect(await balanceStatus(sb.apiKey)).toBe(200)

    expect((await send('POST', `${BASE}/${SEED.apiKeyId}/regenerate`)).status).toBe(200)
    expect(await balanceStatus(sb.apiKey)).toBe(401)
    await reset()
    expect(await balanceStatus(sb.apiKey)).toBe(200)

    await send('PATCH', `${BASE}/${SEED.apiKeyId}`, { is_active: false })
    expect(await balanceStatus(sb.apiKey)).toBe(401)
    await reset()
    expect(await balanceStatus(sb.apiKey)).toBe(200)
    expect((await listKeys()).map((k) => k.id)).toEqual([SEED.apiKeyId])
  })
})

describe('persistence', () => {
  it('keeps created keys across a restart, and re-creates a deleted sandbox key', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sandbox-api-keys-'))
    try {
      const first = await createSandbox({ dataDir })
      const headers = { 'X-API-Key': first.apiKey, 'Content-Type': 'application/json' }
      const created = await (
        await first.app.request(BASE, {
          method: 'POST',
          headers,
          body: JSON.stringify({ name: 'Survivor', permissions: ['chat'] }),
        })
      ).json()
      await first.app.request(`${BASE}/${SEED.apiKeyId}`, { method: 'DELETE', headers })
      await first.close()

      const second = await createSandbox({ dataDir })
      try {
        const res = await second.app.request(BASE, { headers: { 'X-API-Key': created.plainKey } })
        expect(res.status).toBe(200)
        const names = (await res.json()).keys.map((k: { name: string }) => k.name).sort()
        expect(names).toEqual(['Sandbox key', 'Survivor'])
        const own = await second.app.request('/api/v1/credits/balance', {
          headers: { 'X-API-Key': second.apiKey },
        })
        expect(own.status).toBe(200)
      } finally {
        await second.close()
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
