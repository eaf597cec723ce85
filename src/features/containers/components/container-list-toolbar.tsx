import { useCallback } from 'react'
import { SearchField } from '@/components/search-field'
import { NativeSelect } from '@/components/ui/native-select'
import type { ContainerFilters, ContainerSort, StatusFilter } from '../lib/list-filters'

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
  const handleSearch = useCallback((q: string) => onChange({ q }), [onChange])
  return (
    <div className="flex flex-wrap items-center gap-2">
      <SearchField
        value={filters.q}
        onSearch={handleSearch}
        label="Search containers"
        placeholder="Search by name, project or URL"
        debounceMs={SEARCH_DEBOUNCE_MS}
        className="min-w-52 flex-1"
      />
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
