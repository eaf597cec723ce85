// Contract: the analytics export the usage page reads, produced by the in-process sandbox and
// parsed with the console's own schemas and error reader (src/features/usage/api/,
// src/lib/api-error.ts). A drift on either side fails here.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { asExportError } from '@/features/usage/api/queries'
import { resolveRange, DEFAULT_FILTERS } from '@/features/usage/api/range'
import { modelsSchema, providersSchema, seriesSchema } from '@/features/usage/api/schemas'
import { ApiError } from '@/lib/api-error'
import {
  openTestSandbox,
  SANDBOX_TIMEOUTS,
  type TestSandbox,
  UNKNOWN_KEY,
} from '../sandbox/core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
beforeEach(() => sb.reset())

// The window exactly as the page sends it for "Last 7 days".
const range = resolveRange({ ...DEFAULT_FILTERS, range: '7d' }, new Date())
if (!range.ok) throw new Error('the 7-day range must resolve')
const query = (type: string, extra = '') =>
  `/api/analytics/export?format=json&type=${type}&startDate=${range.window.startDate}&endDate=${range.window.endDate}${extra}`

async function ok(res: Response): Promise<unknown> {
  expect(res.status).toBe(200)
  return res.json()
}

describe('successes', () => {
  it('a chat and an image parse with the series, models and providers schemas', async () => {
    const chat = await sb.call('/api/v1/chat/completions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content: 'Count my usage' }],
      }),
    })
    expect(chat.status).toBe(200)
    const image = await sb.call('/api/v1/generate-image', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ prompt: 'A bar chart made of clouds' }),
    })
    expect(image.status).toBe(200)

    const series = seriesSchema.parse(
      await ok(await sb.call(query('timeseries', '&granularity=hour'))),
    )
    expect(series).toHaveLength(1)
    expect(series[0]?.requests).toBe(2)

    const models = modelsSchema.parse(await ok(await sb.call(query('models'))))
    expect(models.map((m) => [m.model, m.provider, m.requests])).toEqual([
      ['google/gemini-2.5-flash-image', 'google', 1],
      ['gpt-4o-mini', 'openai', 1],
    ])
    // The string cost of type=models arrives as a number.
    expect(typeof models[0]?.cost).toBe('number')
    const total = models.reduce((n, m) => n + m.cost, 0)
    expect(series[0]?.cost).toBeCloseTo(total, 6)

    const providers = providersSchema.parse(await ok(await sb.call(query('providers'))))
    expect(providers.map((p) => p.provider)).toEqual(['google', 'openai'])
    expect(providers.reduce((n, p) => n + p.percentage, 0)).toBeCloseTo(100, 6)
  })

  it('no usage parses as empty lists', async () => {
    expect(seriesSchema.parse(await ok(await sb.call(query('timeseries'))))).toEqual([])
    expect(modelsSchema.parse(await ok(await sb.call(query('models'))))).toEqual([])
  })
})

describe('errors', () => {
  it('an unknown key is a 500 the page shows as an auth failure', async () => {
    const res = await sb.call(query('timeseries'), { key: UNKNOWN_KEY })
    expect(res.status).toBe(500)
    const error = asExportError(await ApiError.fromResponse(res))
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).kind).toBe('unauthorized')
  })

  it('a range over 365 days is an invalid request with the cloud’s message', async () => {
    const res = await sb.call(
      '/api/analytics/export?format=json&startDate=2025-01-01&endDate=2026-02-05',
    )
    const error = asExportError(await ApiError.fromResponse(res)) as ApiError
    expect(error.kind).toBe('invalid')
    expect(error.message).toBe('Time range too large. Maximum: 365 days, requested: 400 days')
  })
})
