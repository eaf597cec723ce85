// GET /api/analytics/export against docs/cloud/analytics.md §1: a chat billed through the sandbox shows up,
// the defaults, the validation order and bodies, auth failures as 500, strict mode's users 500.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { SEED } from '../core/seed.ts'
import {
  openTestSandbox,
  SANDBOX_TIMEOUTS,
  type TestSandbox,
  UNKNOWN_KEY,
} from '../core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
beforeEach(() => sb.reset())

const chat = () =>
  sb.call('/api/v1/chat/completions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'Say hello to the usage page' }],
    }),
  })
const exportJson = (query: string) => sb.call(`/api/analytics/export?format=json&${query}`)

describe('GET /api/analytics/export', () => {
  it('a chat completion is one request at its settled cost, in every breakdown', async () => {
    const completion = await chat()
    expect(completion.status).toBe(200)
    const usage = (await completion.json()).usage as {
      prompt_tokens: number
      completion_tokens: number
    }
    const { rows } = await sb.ctx.db.query<{ spent: string }>(
      `SELECT -sum(amount) AS spent FROM credit_transactions
        WHERE organization_id = $1 AND description LIKE 'Chat completion%'`,
      [SEED.organizationId],
    )
    const spent = Number(rows[0]?.spent)
    expect(spent).toBeGreaterThan(0)

    const res = await exportJson('granularity=hour&includeMetadata=true')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="usage-analytics-hour-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.json"$/,
    )
    const text = await res.text()
    expect(text).toContain('\n  "generatedAt"') // pretty-printed, 2 spaces
    const body = JSON.parse(text)
    expect(body.metadata).toEqual({ totalRecords: 1 })
    expect(body.data).toHaveLength(1)
    const [point] = body.data
    expect(point).toEqual({
      timestamp: expect.stringMatching(/T\d{2}:00:00\.000Z$/),
      requests: 1,
      cost: spent,
      inputTokens: usage.prompt_tokens,
      outputTokens: usage.completion_tokens,
      successRate: 1,
    })

    const models = await (await exportJson('type=models')).json()
    expect(models.data).toEqual([
      {
        model: 'gpt-4o-mini',
        provider: 'openai',
        requests: 1,
        cost: spent.toFixed(6),
        tokens: usage.prompt_tokens + usage.completion_tokens,
        avgCostPerToken: expect.any(Number),
        successRate: 1,
      },
    ])
    const providers = await (await exportJson('type=providers')).json()
    expect(providers.data).toEqual([
      expect.objectContaining({ provider: 'openai', requests: 1, cost: spent, percentage: 100 }),
    ])
    const users = await (await exportJson('type=users')).json()
    expect(users.data).toEqual([
      expect.objectContaining({ requests: 1, cost: spent, lastActive: expect.any(String) }),
    ])
  })

  it('no usage: 200 with an empty data array and no metadata unless asked', async () => {
    const res = await exportJson('')
    expect(res.status).toBe(200)
    expect(Object.keys(await res.json())).toEqual(['generatedAt', 'data'])
    expect(await (await exportJson('includeMetadata=true')).json()).toMatchObject({
      metadata: { totalRecords: 0 },
      data: [],
    })
  })

  it('the window is inclusive of startDate and endDate; usage outside it is left out', async () => {
    await chat()
    const yesterday = new Date(Date.now() - 86_400_000).toISOString()
    const before = await (await exportJson(`startDate=2026-01-01&endDate=${yesterday}`)).json()
    expect(before.data).toEqual([])
    const around = await (
      await exportJson(
        `startDate=${yesterday}&endDate=${new Date(Date.now() + 60_000).toISOString()}`,
      )
    ).json()
    expect(around.data).toHaveLength(1)
  })

  it('validation order and bodies (§1.1)', async () => {
    const tooLong = await exportJson('startDate=2025-01-01&endDate=2026-02-05&granularity=year')
    expect(tooLong.status).toBe(400)
    expect(await tooLong.json()).toEqual({
      error: 'Time range too large. Maximum: 365 days, requested: 400 days',
      maxDays: 365,
    })
    const reversed = await exportJson('startDate=2026-04-02&endDate=2026-04-01&granularity=year')
    expect(reversed.status).toBe(400)
    expect(await reversed.json()).toEqual({ error: 'startDate must be before endDate' })
    const badGranularity = await exportJson('type=models&granularity=year')
    expect(badGranularity.status).toBe(400)
    expect(await badGranularity.json()).toEqual({
      error: 'Invalid granularity: year. Must be one of: hour, day, week, month',
    })
    // An unparsable date: 400 by default, the cloud's 500 in strict mode (docs/sandbox.md).
    const badDate = await exportJson('startDate=yesterday')
    expect(badDate.status).toBe(400)
    expect(await badDate.json()).toEqual({ error: 'startDate is not a valid date' })
    sb.ctx.strict = true
    try {
      const strictDate = await exportJson('startDate=yesterday')
      expect(strictDate.status).toBe(500)
      expect(await strictDate.json()).toEqual({ error: 'Invalid time value' })
    } finally {
      sb.ctx.strict = false
    }
    const pdf = await sb.call('/api/analytics/export?format=pdf')
    expect(pdf.status).toBe(501)
  })

  it('CSV is the default format', async () => {
    await chat()
    const res = await sb.call('/api/analytics/export?type=providers')
    expect(res.headers.get('content-type')).toBe('text/csv')
    const lines = (await res.text()).split('\n')
    expect(lines[1]).toBe(
      'Provider,Total Requests,Total Cost (Credits),Total Tokens,Success Rate,Usage %',
    )
    expect(lines[2]).toMatch(/^openai,1,0\.00,\d+,100\.0%,100\.0%$/)
  })

  it('auth: an unknown key is a 500 with the message; no credential is the edge 401', async () => {
    const res = await sb.call('/api/analytics/export?format=json', { key: UNKNOWN_KEY })
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ error: expect.stringMatching(/api key/i) })
    expect((await sb.call('/api/analytics/export', { key: null })).status).toBe(401)
  })
})

describe('strict mode', () => {
  let strict: TestSandbox
  beforeAll(async () => {
    strict = await openTestSandbox({ strict: true })
  })
  afterAll(() => strict.close())

  it('type=users with usage reproduces the cloud’s 500 (§1.6); without usage it answers', async () => {
    const empty = await strict.call('/api/analytics/export?format=json&type=users')
    expect(empty.status).toBe(200)
    await strict.call('/api/v1/chat/completions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
      }),
    })
    const res = await strict.call('/api/analytics/export?format=json&type=users')
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ error: 'u.lastActive?.toISOString is not a function' })
  })
})
