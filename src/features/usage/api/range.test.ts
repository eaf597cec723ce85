import { describe, expect, it } from 'vitest'
import { DEFAULT_FILTERS, effectiveGranularity, fillBuckets, resolveRange, runwayOf } from './range'

const now = new Date('2026-12-05T14:30:00Z')

describe('resolveRange', () => {
  it('a preset is whole UTC days ending today, sent as inclusive instants', () => {
    expect(resolveRange({ ...DEFAULT_FILTERS, range: '7d' }, now)).toEqual({
      ok: true,
      from: '2026-11-29',
      to: '2026-12-05',
      days: 7,
      window: { startDate: '2026-11-29T00:00:00.000Z', endDate: '2026-12-05T23:59:59.999Z' },
    })
    expect(resolveRange({ ...DEFAULT_FILTERS, range: '90d' }, now)).toMatchObject({
      from: '2026-09-07',
      days: 90,
    })
  })
  it('a custom range is checked before any request', () => {
    const custom = { ...DEFAULT_FILTERS, range: 'custom' as const }
    expect(resolveRange({ ...custom, from: '', to: '2026-12-01' }, now)).toEqual({
      ok: false,
      message: 'Choose a start date.',
    })
    expect(resolveRange({ ...custom, from: '2026-12-02', to: '2026-12-01' }, now)).toMatchObject({
      ok: false,
      message: 'The start date must be on or before the end date.',
    })
    expect(resolveRange({ ...custom, from: '2025-01-01', to: '2026-12-01' }, now)).toMatchObject({
      ok: false,
      message: 'A range can span at most 365 days (700 chosen).',
    })
    expect(resolveRange({ ...custom, from: '2026-12-01', to: '2026-12-01' }, now)).toMatchObject({
      ok: true,
      days: 1,
    })
  })
  it('hourly points fall back to daily beyond a month', () => {
    expect(effectiveGranularity('hour', 31)).toBe('hour')
    expect(effectiveGranularity('hour', 32)).toBe('day')
    expect(effectiveGranularity('week', 90)).toBe('week')
  })
})

describe('fillBuckets', () => {
  const window = { startDate: '2026-11-29T00:00:00.000Z', endDate: '2026-12-05T23:59:59.999Z' }
  it('zero-fills every day of the window and keeps the sent buckets', () => {
    const filled = fillBuckets(
      [{ timestamp: '2026-12-01T00:00:00.000Z', cost: 0.5, requests: 3 }],
      window,
      'day',
    )
    expect(filled).toHaveLength(7)
    expect(filled[0]).toEqual({ timestamp: '2026-11-29T00:00:00.000Z', cost: 0, requests: 0 })
    expect(filled[2]).toEqual({ timestamp: '2026-12-01T00:00:00.000Z', cost: 0.5, requests: 3 })
  })
  it('weeks start on the Monday before the window, months on the 1st', () => {
    expect(fillBuckets([], window, 'week').map((p) => p.timestamp)).toEqual([
      '2026-11-23T00:00:00.000Z',
      '2026-11-30T00:00:00.000Z',
    ])
    expect(fillBuckets([], window, 'month').map((p) => p.timestamp)).toEqual([
      '2026-11-01T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
    ])
    expect(fillBuckets([], window, 'hour')).toHaveLength(7 * 24)
  })
})

describe('runwayOf', () => {
  it('balance ÷ the last 7 days’ daily spend; none without spend', () => {
    const runway = runwayOf(14, 1.4)
    expect(runway.dailySpend).toBeCloseTo(0.2, 12)
    expect(runway.days).toBeCloseTo(70, 9)
    expect(runwayOf(5, 0)).toEqual({ dailySpend: 0, days: null })
  })
})
