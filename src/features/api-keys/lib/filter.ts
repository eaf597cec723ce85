// Search, status filter and sort of the keys list, done in the page: the cloud's list has no
// filtering, ordering or pagination (docs/api-keys.md §List).
import { permissionLabel } from '../api/permissions'
import { keyStatus, type ApiKey, type KeyStatus } from '../api/schemas'

export const KEY_SORTS = ['created', 'name', 'last_used', 'usage', 'expires'] as const
export type KeySort = (typeof KEY_SORTS)[number]
export const KEY_STATUSES = ['all', 'active', 'disabled', 'expired'] as const
export type KeyStatusFilter = (typeof KEY_STATUSES)[number]

export type KeyFilters = {
  q: string
  status: KeyStatusFilter
  sort: KeySort
  order: 'asc' | 'desc'
}

const time = (iso: string | null) => (iso === null ? null : Date.parse(iso))

/** Missing values (never used, never expires) sort last in either order. */
function compare(a: ApiKey, b: ApiKey, sort: KeySort): number | null {
  switch (sort) {
    case 'name':
      return a.name.localeCompare(b.name, 'en', { sensitivity: 'base', numeric: true })
    case 'usage':
      return a.usageCount - b.usageCount
    case 'created':
      return Date.parse(a.createdAt) - Date.parse(b.createdAt)
    case 'last_used':
    case 'expires': {
      const field = sort === 'last_used' ? 'lastUsedAt' : 'expiresAt'
      const x = time(a[field])
      const y = time(b[field])
      if (x === null || y === null) return null
      return x - y
    }
  }
}

function missing(key: ApiKey, sort: KeySort): boolean {
  if (sort === 'last_used') return key.lastUsedAt === null
  if (sort === 'expires') return key.expiresAt === null
  return false
}

export function filterKeys(
  keys: readonly ApiKey[],
  filters: KeyFilters,
  now = Date.now(),
): ApiKey[] {
  const needle = filters.q.trim().toLowerCase()
  const matches = (key: ApiKey) =>
    needle === '' ||
    [key.name, key.description ?? '', key.prefix, ...key.permissions.map(permissionLabel)].some(
      (text) => text.toLowerCase().includes(needle),
    )
  const wanted = (status: KeyStatus) => filters.status === 'all' || filters.status === status
  const sign = filters.order === 'asc' ? 1 : -1
  return keys
    .filter((key) => wanted(keyStatus(key, now)) && matches(key))
    .sort((a, b) => {
      const ma = missing(a, filters.sort)
      const mb = missing(b, filters.sort)
      if (ma !== mb) return ma ? 1 : -1
      const order = compare(a, b, filters.sort) ?? 0
      return order !== 0 ? sign * order : a.id.localeCompare(b.id)
    })
}
