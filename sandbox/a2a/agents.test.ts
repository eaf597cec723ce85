// The per-agent endpoint /api/agents/{id}/a2a against docs/cloud/a2a-discovery.md.
import { describe, expect, it } from 'vitest'
import { agentCard } from './card.ts'
import { DIRECTORY_SEED } from './directory-seed.ts'
import { getBalance, setBalance } from '../core/ledger.ts'
import { SEED } from '../core/seed.ts'
import { LORE_KEEPER, SUPPORT_BOT, useA2aSandbox } from './test-helpers.ts'

const { sb, rpc, ledgerRows } = useA2aSandbox()

describe('/api/agents/{id}/a2a', () => {
  const path = (id: string = LORE_KEEPER) => `/api/agents/${id}/a2a`
  const agentRpc = (body: unknown, init: { key?: string | null; id?: string } = {}) =>
    rpc(body, { key: init.key, path: path(init.id) })
  const chat = (params: Record<string, unknown>, key?: string | null) =>
    agentRpc({ jsonrpc: '2.0', method: 'chat', params, id: 'c1' }, { key })

  it('serves the card of a public agent without auth', async () => {
    const res = await sb().call(path(), { key: null })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600')
    const card = agentCard.parse(await res.json())
    expect(card).toMatchObject({
      name: 'Lore Keeper',
      version: '1.0.0',
      capabilities: { streaming: true, pushNotifications: false },
      contact: { creatorId: SEED.userId, organizationId: SEED.organizationId },
    })
    expect(card.skills.map((s) => s.id)).toEqual(['chat', 'generate_image'])
    expect(card.skills[0]?.pricing).not.toHaveProperty('markupPercentage')
  })

  it('refuses private, A2A-disabled and unknown agents with E5 bodies', async () => {
    const priv = await sb().call(path(SUPPORT_BOT), { key: null })
    expect(priv.status).toBe(403)
    expect(await priv.json()).toEqual({ error: 'Agent is not public' })
    await sb().ctx.db.query('UPDATE user_characters SET a2a_enabled = false WHERE id = $1', [
      LORE_KEEPER,
    ])
    const off = await sb().call(path(), { key: null })
    expect(off.status).toBe(403)
    expect(await off.json()).toEqual({ error: 'A2A not enabled for this agent' })
    const gone = await sb().call(path('00000000-0000-4000-8000-000000000000'), { key: null })
    expect(gone.status).toBe(404)
    expect(await gone.json()).toEqual({ error: 'Agent not found' })
  })

  it('chat answers in persona with usage and cost, billing the caller', async () => {
    const res = await chat({ messages: [{ role: 'user', content: 'Tell me a short story' }] })
    expect(res.status).toBe(200)
    const { result, id } = await res.json()
    expect(id).toBe('c1')
    expect(result).toMatchObject({
      content: expect.stringMatching(/\w/),
      model: 'gpt-4o-mini',
      usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) },
      cost: { markup: 0 },
    })
    expect(result.cost.total).toBe(result.cost.base)
    const spent = 5 - (await getBalance(sb().ctx.db, SEED.organizationId))
    expect(spent).toBeCloseTo(result.cost.total, 5)
  })

  it('adds the creator markup when monetization is on and credits the owner', async () => {
    await sb().ctx.db.query(
      `UPDATE user_characters SET monetization_enabled = true, inference_markup_percentage = 50
        WHERE id = $1`,
      [LORE_KEEPER],
    )
    const card = await (await sb().call(path(), { key: null })).json()
    expect(card.skills[0].pricing.markupPercentage).toBe(50)
    const { result } = await (await chat({ messages: [{ role: 'user', content: 'Hi' }] })).json()
    expect(result.cost.markup).toBeCloseTo(result.cost.base * 0.5, 10)
    const { rows } = await sb().ctx.db.query<{ earned: string }>(
      'SELECT total_creator_earnings AS earned FROM user_characters WHERE id = $1',
      [LORE_KEEPER],
    )
    expect(Number(rows[0]?.earned)).toBeCloseTo(result.cost.markup, 4)
  })

  it("bills the caller for another organization's monetized agent and credits its owner", async () => {
    const codeReviewer = DIRECTORY_SEED.agents.codeReviewer // Northwind Labs, 25% markup
    const card = agentCard.parse(await (await sb().call(path(codeReviewer), { key: null })).json())
    expect(card.skills.map((s) => s.pricing.markupPercentage)).toEqual([25, 25])
    expect(card.contact.organizationId).toBe(DIRECTORY_SEED.organizations[0].id)
    const res = await agentRpc(
      {
        jsonrpc: '2.0',
        method: 'chat',
        params: { messages: [{ role: 'user', content: 'Hi' }] },
        id: 9,
      },
      { id: codeReviewer },
    )
    const { result } = await res.json()
    expect(result.cost.markup).toBeGreaterThan(0)
    expect(result.cost.markup).toBeCloseTo(result.cost.base * 0.25, 10)
    expect(result.cost.total).toBeCloseTo(result.cost.base + result.cost.markup, 10)
    // The caller (the sandbox org) pays the total; the owner's org balance is not touched.
    const spent = 5 - (await getBalance(sb().ctx.db, SEED.organizationId))
    expect(spent).toBeCloseTo(result.cost.total, 5)
    expect(await getBalance(sb().ctx.db, DIRECTORY_SEED.organizations[0].id)).toBe(0)
    const { rows } = await sb().ctx.db.query<{ earned: string }>(
      'SELECT total_creator_earnings AS earned FROM user_characters WHERE id = $1',
      [codeReviewer],
    )
    expect(Number(rows[0]?.earned)).toBeCloseTo(result.cost.markup, 4)
  })

  it('getAgentInfo returns the agent with the markup as a decimal string', async () => {
    const res = await agentRpc({ jsonrpc: '2.0', method: 'getAgentInfo', id: 5 })
    expect(await res.json()).toEqual({
      jsonrpc: '2.0',
      result: {
        name: 'Lore Keeper',
        bio: ['A storyteller for the history of computing.'],
        category: 'history',
        tags: ['history', 'stories'],
        monetizationEnabled: false,
        markupPercentage: '0.00',
      },
      id: 5,
    })
  })

  it('answers its errors with its own codes, several of them with HTTP 200', async () => {
    const err = async (res: Response) => ({ status: res.status, body: await res.json() })
    expect(await err(await chat({}))).toEqual({
      status: 200,
      body: { jsonrpc: '2.0', error: { code: -32602, message: 'messages required' }, id: 'c1' },
    })
    expect(await err(await chat({ messages: [{ role: 'user', content: 'x' }] }, null))).toEqual({
      status: 401,
      body: {
        jsonrpc: '2.0',
        error: { code: -32002, message: 'Authentication required' },
        id: 'c1',
      },
    })
    const unknown = await agentRpc({ jsonrpc: '2.0', method: 'message/send', id: 1 })
    expect(await err(unknown)).toEqual({
      status: 400,
      body: { jsonrpc: '2.0', error: { code: -32601, message: 'Method not found' }, id: 1 },
    })
    const nullId = await agentRpc({ jsonrpc: '2.0', method: 'chat', id: null })
    expect(await err(nullId)).toEqual({
      status: 400,
      body: { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null },
    })
    const priv = await agentRpc({ jsonrpc: '2.0', method: 'chat', id: 1 }, { id: SUPPORT_BOT })
    expect(await err(priv)).toEqual({
      status: 403,
      body: { jsonrpc: '2.0', error: { code: -32001, message: 'Agent not accessible' }, id: null },
    })
    const gone = await agentRpc(
      { jsonrpc: '2.0', method: 'chat', id: 1 },
      { id: '00000000-0000-4000-8000-000000000000' },
    )
    expect(await err(gone)).toEqual({
      status: 404,
      body: { jsonrpc: '2.0', error: { code: -32001, message: 'Agent not found' }, id: null },
    })
    const badModel = await chat({
      model: 'acme/unknown',
      messages: [{ role: 'user', content: 'x' }],
    })
    expect((await err(badModel)).body.error.code).toBe(-32000)
  })

  it('answers a non-JSON body with a 500 (E9)', async () => {
    const res = await agentRpc('not json')
    expect(res.status).toBe(500)
    // E9: empty in the cloud (and strict mode); the family's JSON by default (docs/sandbox.md).
    expect(await res.json()).toHaveProperty('error')
  })

  it('answers insufficient credits with HTTP 200 -32003, writing nothing', async () => {
    await setBalance(sb().ctx.db, SEED.organizationId, 0)
    const rowsBefore = await ledgerRows()
    const res = await chat({ messages: [{ role: 'user', content: 'Hi' }] })
    expect(res.status).toBe(200)
    const { error } = await res.json()
    expect(error.code).toBe(-32003)
    expect(error.message).toMatch(/^Insufficient credits\. Required: \$0\.\d{4}$/)
    expect(await ledgerRows()).toBe(rowsBefore)
  })

  it('is rate limited with STANDARD (E10 with Retry-After)', async () => {
    for (let i = 0; i < 60; i++) expect((await sb().call(path(), { key: null })).status).toBe(200)
    const res = await sb().call(path(), { key: null })
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
    expect((await res.json()).code).toBe('rate_limit_exceeded')
  })
})
