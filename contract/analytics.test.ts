// Contract: the analytics export the usage page reads, produced by the in-process sandbox and
// read with the console's own schemas and error reader (src/features/usage/api/,
// src/lib/api-error.ts). A drift on either side fails here.
import { beforeEach, describe, expect, it } from 'vitest'
import { asExportError } from '@/features/usage/api/queries'
import { resolveRange, DEFAULT_FILTERS } from '@/features/usage/api/range'
import { modelsSchema, providersSchema, seriesSchema } from '@/features/usage/api/schemas'
import { ApiError } from '@/lib/api-error'
import { UNKNOWN_KEY } from '../sandbox/core/test-utils.ts'
import { contractFor } from './harness.ts'

const contract = contractFor(['analytics'])
const { parses, refuses, unread } = contract
beforeEach(() => contract.sb.reset())

const PATH = '/api/analytics/export'
// The window exactly as the page sends it for "Last 7 days".
const range = resolveRange({ ...DEFAULT_FILTERS, range: '7d' }, new Date())
if (!range.ok) throw new Error('the 7-day range must resolve')
const query = (type: string, extra = '') =>
  `${PATH}?format=json&type=${type}&startDate=${range.window.startDate}&endDate=${range.window.endDate}${extra}`

const post = (path: string, body: unknown) =>
  contract.sb.call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })

describe('successes', () => {
  it('a chat and an image parse with the series, models and providers schemas', async () => {
    expect(
      (
        await post('/api/v1/chat/completions', {
          model: 'openai/gpt-4o-mini',
          messages: [{ role: 'user', content: 'Count my usage' }],
        })
      ).status,
    ).toBe(200)
    expect(
      (await post('/api/v1/generate-image', { prompt: 'A bar chart made of clouds' })).status,
    ).toBe(200)

    const series = await parses(
      await contract.sb.call(query('timeseries', '&granularity=hour')),
      seriesSchema,
    )
    expect(series).toHaveLength(1)
    expect(series[0]?.requests).toBe(2)

    const models = await parses(await contract.sb.call(query('models')), modelsSchema)
    expect(models.map((m) => [m.model, m.provider, m.requests])).toEqual([
      ['google/gemini-2.5-flash-image', 'google', 1],
      ['gpt-4o-mini', 'openai', 1],
    ])
    // The string cost of type=models arrives as a number.
    expect(typeof models[0]?.cost).toBe('number')
    const total = models.reduce((n, m) => n + m.cost, 0)
    expect(series[0]?.cost).toBeCloseTo(total, 6)

    const providers = await parses(await contract.sb.call(query('providers')), providersSchema)
    expect(providers.map((p) => p.provider)).toEqual(['google', 'openai'])
    expect(providers.reduce((n, p) => n + p.percentage, 0)).toBeCloseTo(100, 6)
  })

  it('no usage parses as empty lists', async () => {
    expect(await parses(await contract.sb.call(query('timeseries')), seriesSchema)).toEqual([])
    expect(await parses(await contract.sb.call(query('models')), modelsSchema)).toEqual([])
  })
})

describe('errors', () => {
  it('an unknown key is a 500 the page shows as an auth failure', async () => {
    const res = await contract.sb.call(query('timeseries'), { key: UNKNOWN_KEY })
    const error = asExportError(await refuses(res, 500))
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).kind).toBe('unauthorized')
  })

  it('a range over 365 days is an invalid request with the cloud’s message', async () => {
    const res = await contract.sb.call(
      `${PATH}?format=json&startDate=2025-01-01&endDate=2026-02-05`,
    )
    const error = asExportError(await refuses(res, 400)) as ApiError
    expect(error.kind).toBe('invalid')
    expect(error.message).toBe('Time range too large. Maximum: 365 days, requested: 400 days')
  })

  it('429 (E10) after 60 exports a minute gives a countdown', async () => {
    for (let i = 0; i < 60; i++) {
      await parses(await contract.sb.call(query('timeseries')), seriesSchema)
    }
    const limited = await refuses(await contract.sb.call(query('timeseries')), 429)
    expect(limited.kind).toBe('rate_limited')
    expect(limited.details.retryAfterSec).toBeGreaterThan(0)
  })

  it('501 for format=pdf, which the console never asks for', async () => {
    await unread(
      await contract.sb.call(query('timeseries').replace('format=json', 'format=pdf')),
      501,
      'the usage page asks for format=json only',
    )
  })
})
