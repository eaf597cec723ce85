import { Search } from 'lucide-react'
import { useEffect, useState } from 'react'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import type { ContainerFilters, ContainerSort, StatusFilter } from '../api/list-filters'

const STATUS_OPTIONS: { value: StatusFilter | ''; label: string }[] = [
  { value: '', label: 'All statuses' },
  { value: 'running', label: 'Running' },
  { value: 'active', label: 'In progress' },
  { value: 'failed', label: 'Failed' },
  { value: 'stopped', label: 'Stopped' },
]

const SORT_OPTIONS: { value: ContainerSort; label: string }[] = [
  { value: 'newest', label: 'Newest first' },
  { value: 'oldest', label: 'Oldest first' },
  { value: 'name', label: 'Name A–Z' },
  { value: 'status', label: 'Status (failed first)' },
]

const SEARCH_DEBOUNCE_MS = 250

type Props = {
  filters: ContainerFilters
  onChange: (patch: Partial<ContainerFilters>) => void
}

/** Search, status and sort; every change goes to the URL through `onChange`. */
export function ContainerListToolbar({ filters, onChange }: Props) {
  const [draft, setDraft] = useState(filters.q)
  const [lastQ, setLastQ] = useState(filters.q)
  // The URL changed from elsewhere (back button, "Clear filters"): follow it.
  if (filters.q !== lastQ) {
    setLastQ(filters.q)
    setDraft(filters.q)
  }
  useEffect(() => {
    if (draft.trim() === filters.q) return
    const timer = setTimeout(() => onChange({ q: draft.trim() }), SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [draft, filters.q, onChange])

  return (
    <div className="flex flex-wrap items-center gap-2">
      <div className="relative min-w-52 flex-1">
        <Search
          aria-hidden
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
        />
        <Input
          type="search"
          aria-label="Search containers"
          placeholder="Search by name, project or URL"
          className="pl-9"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onChange({ q: draft.trim() })
          }}
        />
      </div>
      <NativeSelect
        aria-label="Status"
        value={filters.status}
        onChange={(e) => onChange({ status: e.target.value as StatusFilter | '' })}
        className="w-40"
      >
        {STATUS_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </NativeSelect>
      <NativeSelect
        aria-label="Sort"
        value={filters.sort}
        onChange={(e) => onChange({ sort: e.target.value as ContainerSort })}
        className="w-48"
      >
        {SORT_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  )
}
