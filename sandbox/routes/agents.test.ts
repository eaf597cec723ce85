// The character list against agents.md "GET /api/my-agents/characters — list".
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { SEED } from '../seed.ts'
import { openTestSandbox, type TestSandbox, SANDBOX_TIMEOUTS } from '../test-utils.ts'

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
