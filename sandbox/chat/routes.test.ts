// The model catalog against docs/cloud/chat.md "GET /api/v1/models".
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openTestSandbox, type TestSandbox, SANDBOX_TIMEOUTS } from '../core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())

interface Model {
  id: string
  object: string
  created: number
  owned_by: string
  type?: string
  context_window?: number
  pricing?: { input: string; output?: string }
}

describe('GET /api/v1/models', () => {
  it('lists an OpenAI-style catalog without credentials, cacheable for an hour', async () => {
    const res = await sb.call('/api/v1/models', { key: null })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe(
      'public, s-maxage=3600, stale-while-revalidate=7200',
    )
    const body: { object: string; data: Model[] } = await res.json()
    expect(body.object).toBe('list')
    for (const m of body.data) {
      expect(m).toMatchObject({ object: 'model', id: expect.stringMatching(/^[a-z0-9-]+\/.+/) })
      expect(typeof m.created).toBe('number')
      expect(m.owned_by).toBe(m.id.split('/')[0])
      if (m.pricing) expect(Number(m.pricing.input)).toBeGreaterThan(0)
    }
    expect(new Set(body.data.map((m) => m.id)).size).toBe(body.data.length)
    expect(body.data.find((m) => m.id === 'openai/gpt-4o-mini')).toEqual({
      id: 'openai/gpt-4o-mini',
      object: 'model',
      created: 1721174400,
      owned_by: 'openai',
      name: 'GPT-4o mini',
      type: 'language',
      context_window: 128000,
      max_tokens: 16384,
      tags: ['vision', 'tool-use'],
      pricing: { input: '0.00000015', output: '0.0000006' },
    })
    const ids = body.data.map((m) => m.id)
    expect(ids).toEqual(
      expect.arrayContaining([
        'anthropic/claude-sonnet-4',
        'groq/compound',
        'openai/text-embedding-3-small',
      ]),
    )
    expect(
      body.data.filter((m) => m.type === 'language' && m.context_window).length,
    ).toBeGreaterThan(10)
  })
})

describe('GET /api/v1/models/{provider}/{model}', () => {
  it('returns one model object for a key holder', async () => {
    const res = await sb.call('/api/v1/models/anthropic/claude-sonnet-4')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      id: 'anthropic/claude-sonnet-4',
      object: 'model',
      owned_by: 'anthropic',
      context_window: 200000,
      pricing: { input: '0.000003', output: '0.000015' },
    })
  })

  it('answers an unknown model with the E3 404', async () => {
    const res = await sb.call('/api/v1/models/x/y')
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({
      error: {
        message: "Model 'x/y' not found",
        type: 'invalid_request_error',
        code: 'model_not_found',
      },
    })
  })
})
