// GET /api/v1/discovery against docs/cloud/a2a-discovery.md.
import { describe, expect, it } from 'vitest'
import { discoveryResponse } from './discovery.ts'
import { UNKNOWN_KEY } from '../core/test-utils.ts'
import { LORE_KEEPER, SUPPORT_BOT, useA2aSandbox } from './test-helpers.ts'

const { sb } = useA2aSandbox()

describe('GET /api/v1/discovery', () => {
  it('is public and lists public agents and live public MCP servers, sorted by name', async () => {
    const res = await sb().call('/api/v1/discovery', { key: null })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-ratelimit-limit')).toBe('60')
    const body = discoveryResponse.parse(await res.json())
    const names = body.services.map((s) => s.name)
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)))
    // The sandbox org's public agent and live servers, and the other organizations' directory:
    // 10 public agents and 3 live servers (the suspended one is hidden by activeOnly).
    expect(names).toEqual(expect.arrayContaining(['Chain Oracle', 'Lore Keeper', 'Weather Tools']))
    expect(names).toEqual(expect.arrayContaining(['Chef Remy', 'GitHub Insights', 'Zen Mentor']))
    expect(names).not.toContain('Draft Notes')
    expect(names).not.toContain('NFT Floor')
    expect(body).toMatchObject({ total: 16, hasMore: false, pagination: { limit: 50, offset: 0 } })
    expect(body.cached).toBe(false)
    const agent = body.services.find((s) => s.id === LORE_KEEPER)
    expect(agent).toMatchObject({
      id: LORE_KEEPER,
      description: 'A storyteller for the history of computing.',
      source: 'local', // the sandbox's own URL is a loopback name
      active: true,
      a2aEndpoint: `http://localhost/api/agents/${LORE_KEEPER}/a2a`,
      mcpEndpoint: `http://localhost/api/agents/${LORE_KEEPER}/mcp`,
      a2aSkills: ['web_search', 'extract_page', 'browser_session'],
      pricing: { type: 'free', description: 'Free to use' },
    })
    // Owner and organization ids are deliberately left out.
    expect(agent).not.toHaveProperty('organizationId')
    expect(body.services.find((s) => s.slug === 'weather-tools')?.pricing).toEqual({
      type: 'credits',
      amount: 1,
      description: '1.0000 credits per request',
    })
  })

  it('caches each distinct query for 3 minutes', async () => {
    expect((await (await sb().call('/api/v1/discovery?types=agent')).json()).cached).toBe(false)
    await sb().ctx.db.query('UPDATE user_characters SET is_public = true WHERE id = $1', [
      SUPPORT_BOT,
    ])
    const again = await (await sb().call('/api/v1/discovery?types=agent')).json()
    expect(again.cached).toBe(true)
    expect(again.total).toBe(11) // still the cached answer
    const other = await (await sb().call('/api/v1/discovery?types=agent&limit=20')).json()
    expect(other).toMatchObject({ cached: false, total: 12 })
  })

  it('filters by types, query, tags, categories, x402Only and activeOnly', async () => {
    const names = async (qs: string) =>
      (
        (await (await sb().call(`/api/v1/discovery?${qs}`)).json()).services as { name: string }[]
      ).map((s) => s.name)
    expect(await names('types=mcp')).toEqual([
      'Chain Oracle',
      'Geo Coder',
      'GitHub Insights',
      'PDF Toolkit',
      'Weather Tools',
    ])
    expect(await names('types=a2a,app')).toEqual([])
    expect(await names('query=STORYTELLER')).toEqual(['Lore Keeper'])
    expect(await names('tags=weather,stories')).toEqual(['Lore Keeper', 'Weather Tools'])
    expect(await names('categories=finance')).toEqual(['Chain Oracle', 'Market Pulse'])
    expect(await names('x402Only=true')).toEqual(['Chain Oracle', 'Geo Coder'])
    // activeOnly: only the literal "true" is true; anything else shows the draft server too.
    expect(await names('activeOnly=yes')).toEqual(
      expect.arrayContaining(['Draft Notes', 'NFT Floor']),
    )
    expect(await names('activeOnly=true')).not.toContain('Draft Notes')
    expect(await names('mcpTools=nothing&a2aSkills=nothing')).toHaveLength(16)
  })

  it('applies limit/offset twice, so later pages come back short', async () => {
    // Each source loads one row first: the most popular agent, and the newest MCP server, which
    // is the draft and is dropped later.
    const first = await (await sb().call('/api/v1/discovery?limit=1')).json()
    expect(first.services.map((s: { name: string }) => s.name)).toEqual(['Code Reviewer'])
    expect(first).toMatchObject({ total: 1, hasMore: false })
    // Agents load page 2 (→ Polyglot), MCPs skip one (→ Chain Oracle), then the merged list
    // skips one again: one service, "no more", although sixteen exist.
    const second = await (await sb().call('/api/v1/discovery?limit=1&offset=1')).json()
    expect(second.services.map((s: { name: string }) => s.name)).toEqual(['Polyglot'])
    expect(second).toMatchObject({ total: 2, hasMore: false })
  })

  it('describes monetized agents with their markup', async () => {
    await sb().ctx.db.query(
      `UPDATE user_characters SET monetization_enabled = true, inference_markup_percentage = 25
        WHERE id = $1`,
      [LORE_KEEPER],
    )
    const body = discoveryResponse.parse(
      await (await sb().call('/api/v1/discovery?types=agent')).json(),
    )
    expect(body.services.find((s) => s.id === LORE_KEEPER)?.pricing).toEqual({
      type: 'credits',
      description: '25.00% markup on inference costs',
    })
  })

  it.each(['0', '101', 'abc', '2.5'])('answers limit=%s with 400 E5 and zod issues', async (v) => {
    const res = await sb().call(`/api/v1/discovery?limit=${v}`)
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error).toBe('Invalid parameters')
    expect(body.details[0].path).toEqual(['limit'])
  })

  it('rate limits per bucket (STANDARD 60/min): anonymous callers share one, a key has its own', async () => {
    for (let i = 0; i < 60; i++) {
      expect((await sb().call('/api/v1/discovery', { key: null })).status).toBe(200)
    }
    const limited = await sb().call('/api/v1/discovery', { key: null })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(await limited.json()).toMatchObject({
      code: 'rate_limit_exceeded',
      retryAfter: expect.any(Number),
    })
    // Even an unknown key is not checked here; it only selects another bucket.
    expect((await sb().call('/api/v1/discovery', { key: UNKNOWN_KEY })).status).toBe(200)
  })
})
