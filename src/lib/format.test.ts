import { describe, expect, it } from 'vitest'

import { formatBytes, formatDuration, formatNumber, formatRelativeTime, formatUsd } from './format'

describe('formatUsd', () => {
  it.each<[number | string, string]>([
    [4.95, '$4.95'],
    [5, '$5.00'],
    [4.873215, '$4.87'],
    [1234.5, '$1,234.50'],
    [0, '$0.00'],
    [0.5, '$0.50'],
    [0.0936, '$0.0936'],
    [0.0042, '$0.0042'],
    [0.000123, '$0.000123'],
    [0.000001, '$0.000001'],
    [0.123456, '$0.123'],
    [-0.0936, '-$0.0936'],
    [-10, '-$10.00'],
    ['50.00', '$50.00'],
    ['25.000', '$25.00'],
    [Number.NaN, '—'],
    ['abc', '—'],
    [Number.POSITIVE_INFINITY, '—'],
  ])('%s → %s', (value, expected) => {
    expect(formatUsd(value)).toBe(expected)
  })

  it('shows the sign when asked (ledger rows)', () => {
    expect(formatUsd(10, { sign: true })).toBe('+$10.00')
    expect(formatUsd(-0.0936, { sign: true })).toBe('-$0.0936')
    expect(formatUsd(0, { sign: true })).toBe('$0.00')
  })
})

describe('formatNumber', () => {
  it('groups thousands and limits decimals', () => {
    expect(formatNumber(12345)).toBe('12,345')
    expect(formatNumber(0.756)).toBe('0.76')
    expect(formatNumber(1_234_567, { compact: true })).toBe('1.2M')
    expect(formatNumber(3.14159, { maximumFractionDigits: 3 })).toBe('3.142')
    expect(formatNumber(Number.NaN)).toBe('—')
  })
})

describe('formatRelativeTime', () => {
  const now = new Date('2026-04-20T12:00:00Z')
  it.each<[string, string]>([
    ['2026-04-20T11:59:30Z', 'just now'],
    ['2026-04-20T12:00:20Z', 'just now'],
    ['2026-04-20T11:55:00Z', '5 minutes ago'],
    ['2026-04-20T09:00:00Z', '3 hours ago'],
    ['2026-04-19T12:00:00Z', 'yesterday'],
    ['2026-04-10T12:00:00Z', 'last week'],
    ['2026-01-20T12:00:00Z', '3 months ago'],
    ['2024-04-20T12:00:00Z', '2 years ago'],
    ['2026-04-20T15:00:00Z', 'in 3 hours'],
  ])('%s → %s', (date, expected) => {
    expect(formatRelativeTime(date, now)).toBe(expected)
  })

  it('accepts Date and epoch milliseconds; invalid input gives a dash', () => {
    expect(formatRelativeTime(new Date(now.getTime() - 120_000), now.getTime())).toBe(
      '2 minutes ago',
    )
    expect(formatRelativeTime(now.getTime() - 60_000, now)).toBe('1 minute ago')
    expect(formatRelativeTime('not a date', now)).toBe('—')
  })

  it('defaults now to the current time', () => {
    expect(formatRelativeTime(new Date())).toBe('just now')
  })
})

describe('formatDuration', () => {
  it.each<[number, string]>([
    [0, '0 ms'],
    [850, '850 ms'],
    [1000, '1 s'],
    [1250, '1.2 s'],
    [9999, '9.9 s'],
    [42_000, '42 s'],
    [60_000, '1 min'],
    [185_000, '3 min 5 s'],
    [3_600_000, '1 h'],
    [8_100_000, '2 h 15 min'],
    [273_600_000, '3 d 4 h'],
    [-1, '—'],
    [Number.NaN, '—'],
  ])('%i ms → %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected)
  })
})

describe('formatBytes', () => {
  it('uses binary units with one decimal below 100', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB')
    expect(formatBytes(10_499_983)).toBe('10 MB')
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB')
    expect(formatBytes(-1)).toBe('—')
  })
})
