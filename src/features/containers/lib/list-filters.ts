// The list's search, status filter and sort. The cloud's list has no query parameters (it returns
// every container, newest first: docs/containers.md §List), so they apply in the browser.
import type { Container } from '../api/schemas'
import type { ContainerFilters } from './search-params'

export type { ContainerFilters, ContainerSort, StatusFilter } from './search-params'

const PROVISIONING = new Set(['pending', 'building', 'deploying', 'deleting'])
// Failed first: what needs attention leads when sorting by status.
const STATUS_ORDER = [
  'failed',
  'deploying',
  'building',
  'pending',
  'deleting',
  'running',
  'stopped',
]

const time = (iso: string | null) => (iso ? Date.parse(iso) || 0 : 0)

export function filterContainers(list: readonly Container[], f: ContainerFilters): Container[] {
  const q = f.q.trim().toLowerCase()
  const out = list.filter((c) => {
    if (f.status === 'active' ? !PROVISIONING.has(c.status) : f.status && c.status !== f.status)
      return false
    if (!q) return true
    return [c.name, c.projectName, c.url, c.errorMessage].some((s) => s?.toLowerCase().includes(q))
  })
  const byName = (a: Container, b: Container) =>
    a.name.localeCompare(b.name, 'en', { sensitivity: 'base' })
  switch (f.sort) {
    case 'newest':
      return out.sort((a, b) => time(b.createdAt) - time(a.createdAt))
    case 'oldest':
      return out.sort((a, b) => time(a.createdAt) - time(b.createdAt))
    case 'name':
      return out.sort(byName)
    case 'status': {
      const rank = (s: string) => {
        const i = STATUS_ORDER.indexOf(s)
        return i === -1 ? STATUS_ORDER.length : i
      }
      return out.sort((a, b) => rank(a.status) - rank(b.status) || byName(a, b))
    }
  }
}
