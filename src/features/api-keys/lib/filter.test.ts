import { describe, expect, it } from 'vitest'
import { filterKeys, type KeyFilters } from './filter'
import type { ApiKey } from '../api/schemas'

const NOW = Date.parse('2026-06-10T12:00:00Z')

function key(id: string, patch: Partial<ApiKey>): ApiKey {
  return {
    id,
    name: id,
    description: null,
    prefix: `eliza_${id.padEnd(6, '0')}`,
    permissions: [],
    rateLimit: 1000,
    isActive: true,
    usageCount: 0,
    expiresAt: null,
    lastUsedAt: null,
    createdAt: '2026-06-01T00:00:00Z',
    ...patch,
  }
}

const keys = [
  key('a1', { name: 'Production', usageCount: 5, lastUsedAt: '2026-06-09T00:00:00Z' }),
  key('b2', { name: 'ci bot', permissions: ['chat'], createdAt: '2026-06-05T00:00:00Z' }),
  key('c3', { name: 'Old', isActive: false, lastUsedAt: '2026-06-02T00:00:00Z' }),
  key('d4', { name: 'Trial', expiresAt: '2026-06-09T00:00:00Z', usageCount: 9 }),
]
const base: KeyFilters = { q: '', status: 'all', sort: 'created', order: 'desc' }
const ids = (f: Partial<KeyFilters>) => filterKeys(keys, { ...base, ...f }, NOW).map((k) => k.id)

describe('filterKeys', () => {
  it('searches name, prefix and permission labels, case-insensitively', () => {
    expect(ids({ q: 'PROD' })).toEqual(['a1'])
    expect(ids({ q: 'eliza_c3' })).toEqual(['c3'])
    expect(ids({ q: 'chat' })).toEqual(['b2'])
  })

  it('filters by status, an expiry in the past counting as expired', () => {
    expect(ids({ status: 'disabled' })).toEqual(['c3'])
    expect(ids({ status: 'expired' })).toEqual(['d4'])
    expect(ids({ status: 'active', sort: 'name', order: 'asc' })).toEqual(['b2', 'a1'])
  })

  it('sorts both ways and keeps never-used keys last either way', () => {
    expect(ids({ sort: 'name', order: 'asc' })).toEqual(['b2', 'c3', 'a1', 'd4'])
    expect(ids({ sort: 'usage', order: 'desc' })).toEqual(['d4', 'a1', 'b2', 'c3'])
    expect(ids({ sort: 'last_used', order: 'desc' })).toEqual(['a1', 'c3', 'b2', 'd4'])
    expect(ids({ sort: 'last_used', order: 'asc' })).toEqual(['c3', 'a1', 'b2', 'd4'])
    expect(ids({ sort: 'created', order: 'desc' })[0]).toBe('b2')
  })
})
