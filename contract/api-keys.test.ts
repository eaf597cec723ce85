// Contract: every API-key answer the keys page reads (the list, a created or regenerated secret,
// the error bodies it acts on), produced by the in-process sandbox and read with the console's
// own schemas and error reader (src/features/api-keys/api/, src/lib/api-error.ts). A drift on
// either side fails here.
import { beforeEach, describe, expect, it } from 'vitest'
import { apiKeyListSchema, createKeyBody, issuedKeySchema } from '@/features/api-keys/api/schemas'
import { SEED } from '../sandbox/core/seed.ts'
import { UNKNOWN_KEY } from '../sandbox/core/test-utils.ts'
import { contractFor } from './harness.ts'

const contract = contractFor(['api-keys'], {
  notProduced: {
    'GET /api/v1/api-keys 500':
      'only a database failure answers it: the list takes no input that can fail',
  },
})
const { parses, refuses, unread } = contract
beforeEach(() => contract.sb.reset())

const BASE = '/api/v1/api-keys'
const MISSING_ID = '5a4db0c0-0000-4000-8000-00000000dead'
const OTHER_ORG = '5a4db0c0-0000-4000-8000-0000000000e1'
const OTHER_USER = '5a4db0c0-0000-4000-8000-0000000000e2'
const OTHER_KEY_ID = '5a4db0c0-0000-4000-8000-0000000000e3'
const NO_SCHEMA = 'the console only waits for it (no schema), then refreshes the list'
const NOT_CALLED = 'the console never calls the API Explorer key route'

const send = (method: string, path: string, body?: unknown, key?: string) =>
  contract.sb.call(path, {
    method,
    ...(key === undefined ? {} : { key }),
    ...(body === undefined
      ? {}
      : {
          headers: { 'Content-Type': 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
  })

/** A key created exactly as the create dialog sends it. */
const created = async () =>
  parses(
    await send(
      'POST',
      BASE,
      createKeyBody({
        name: 'CI key',
        description: 'Build server',
        permissions: ['chat'],
        rateLimit: 60,
        expiry: '30',
        expiresOn: '',
      }),
    ),
    issuedKeySchema,
    201,
  )

/** A second organization with a key of its own, to prove the organization check. */
async function otherOrganizationKey() {
  const { db } = contract.sb.ctx
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

describe('successes', () => {
  it('create (201), list, regenerate parse with the console schemas; PATCH and DELETE are awaited', async () => {
    const issued = await created()
    expect(issued.secret).toMatch(/^eliza_[0-9a-f]{64}$/)
    expect(issued.secret.startsWith(issued.prefix)).toBe(true)

    const keys = await parses(await contract.sb.call(BASE), apiKeyListSchema)
    const mine = keys.find((k) => k.id === issued.id)
    expect(mine).toMatchObject({
      name: 'CI key',
      description: 'Build server',
      permissions: ['chat'],
      rateLimit: 60,
      isActive: true,
      expiresAt: expect.any(String),
    })
    expect(keys.some((k) => k.id === SEED.apiKeyId)).toBe(true)

    const again = await parses(
      await send('POST', `${BASE}/${issued.id}/regenerate`),
      issuedKeySchema,
    )
    expect(again.id).toBe(issued.id)
    expect(again.secret).not.toBe(issued.secret)

    await unread(await send('PATCH', `${BASE}/${issued.id}`, { is_active: false }), 200, NO_SCHEMA)
    await unread(await send('PATCH', `${BASE}/${issued.id}`, { name: 'Renamed' }), 200, NO_SCHEMA)
    const renamed = await parses(await contract.sb.call(BASE), apiKeyListSchema)
    expect(renamed.find((k) => k.id === issued.id)).toMatchObject({
      name: 'Renamed',
      isActive: false,
    })

    await unread(await send('DELETE', `${BASE}/${issued.id}`), 200, NO_SCHEMA)
    const left = await parses(await contract.sb.call(BASE), apiKeyListSchema)
    expect(left.some((k) => k.id === issued.id)).toBe(false)
  })

  it('the API Explorer key: 201 on first use, 200 after (not read by the console)', async () => {
    await unread(await contract.sb.call(`${BASE}/explorer`), 201, NOT_CALLED)
    await unread(await contract.sb.call(`${BASE}/explorer`), 200, NOT_CALLED)
  })
})

describe('error bodies the console acts on', () => {
  it('400 "Validation error" carries the issues on create and update', async () => {
    const bad = await refuses(await send('POST', BASE, { name: '', rate_limit: 0 }), 400)
    expect(bad.kind).toBe('invalid')
    expect(bad.message).toBe(
      'Validation error (name: Name is required; rate_limit: Too small: expected number to be >=1)',
    )
    const { id } = await created()
    const empty = await refuses(await send('PATCH', `${BASE}/${id}`, {}), 400)
    expect(empty.kind).toBe('invalid')
    expect(empty.message).toMatch(/^Validation error \(.*At least one field is required/)
  })

  it('401: an unknown key on every route, read as unauthorized', async () => {
    const { id } = await created()
    for (const res of [
      await send('GET', BASE, undefined, UNKNOWN_KEY),
      await send('POST', BASE, { name: 'x' }, UNKNOWN_KEY),
      await send('PATCH', `${BASE}/${id}`, { name: 'x' }, UNKNOWN_KEY),
      await send('DELETE', `${BASE}/${id}`, undefined, UNKNOWN_KEY),
      await send('POST', `${BASE}/${id}/regenerate`, undefined, UNKNOWN_KEY),
      await send('GET', `${BASE}/explorer`, undefined, UNKNOWN_KEY),
    ]) {
      expect((await refuses(res, 401)).kind).toBe('unauthorized')
    }
  })

  it('403: another organization’s key; an inactive organization on list, create and explorer', async () => {
    await otherOrganizationKey()
    for (const res of [
      await send('PATCH', `${BASE}/${OTHER_KEY_ID}`, { name: 'x' }),
      await send('DELETE', `${BASE}/${OTHER_KEY_ID}`),
      await send('POST', `${BASE}/${OTHER_KEY_ID}/regenerate`),
    ]) {
      const error = await refuses(res, 403)
      expect(error.kind).toBe('forbidden')
      expect(error.message).toBe('Forbidden')
    }
    await contract.sb.ctx.db.query(`UPDATE organizations SET is_active = false WHERE id = $1`, [
      SEED.organizationId,
    ])
    for (const res of [
      await contract.sb.call(BASE),
      await send('POST', BASE, { name: 'x' }),
      await contract.sb.call(`${BASE}/explorer`),
    ]) {
      expect((await refuses(res, 403)).kind).toBe('forbidden')
    }
  })

  it('404 "API key not found" on update, delete and regenerate', async () => {
    for (const res of [
      await send('PATCH', `${BASE}/${MISSING_ID}`, { name: 'x' }),
      await send('DELETE', `${BASE}/${MISSING_ID}`),
      await send('POST', `${BASE}/${MISSING_ID}/regenerate`),
    ]) {
      const error = await refuses(res, 404)
      expect(error.kind).toBe('not_found')
      expect(error.message).toBe('API key not found')
    }
  })

  it('429 on regenerate (STRICT 10/min) gives a countdown', async () => {
    const { id } = await created()
    for (let i = 0; i < 10; i++) {
      await parses(await send('POST', `${BASE}/${id}/regenerate`), issuedKeySchema)
    }
    const limited = await refuses(await send('POST', `${BASE}/${id}/regenerate`), 429)
    expect(limited.kind).toBe('rate_limited')
    expect(limited.details.retryAfterSec).toBeGreaterThan(0)
  })

  it('500s: malformed JSON and a non-UUID id are the route failure message', async () => {
    for (const [res, message] of [
      [await send('POST', BASE, '{'), 'Failed to create API key'],
      [await send('PATCH', `${BASE}/not-a-uuid`, { name: 'x' }), 'Failed to update API key'],
      [await send('DELETE', `${BASE}/not-a-uuid`), 'Failed to delete API key'],
      [await send('POST', `${BASE}/not-a-uuid/regenerate`), 'Failed to regenerate API key'],
    ] as const) {
      const error = await refuses(res, 500)
      expect(error.kind).toBe('server')
      expect(error.message).toBe(message)
    }
  })
})
