import { LayoutGrid, List } from 'lucide-react'
import { useCallback } from 'react'
import { SearchField } from '@/components/search-field'
import { Button } from '@/components/ui/button'
import { NativeSelect } from '@/components/ui/native-select'
import { cn } from '@/lib/cn'
import { AGENT_CATEGORIES } from '../api/agent-form'
import type { AgentView } from './agent-list'

export type AgentFilters = {
  q: string
  category: string
  sort: 'newest' | 'updated' | 'name'
  order: 'asc' | 'desc'
  view: AgentView
}

const SORTS: { value: string; label: string }[] = [
  { value: 'newest:desc', label: 'Newest first' },
  { value: 'newest:asc', label: 'Oldest first' },
  { value: 'updated:desc', label: 'Recently updated' },
  { value: 'name:asc', label: 'Name A–Z' },
  { value: 'name:desc', label: 'Name Z–A' },
]

const SEARCH_DEBOUNCE_MS = 300

type ToolbarProps = {
  filters: AgentFilters
  onChange: (patch: Partial<AgentFilters>) => void
}

/** Search, category, sort and view; every change goes to the URL through `onChange`. */
export function AgentListToolbar({ filters, onChange }: ToolbarProps) {
  const handleSearch = useCallback((q: string) => onChange({ q }), [onChange])
  return (
    <div className="flex flex-wrap items-center gap-2">
      <SearchField
        value={filters.q}
        onSearch={handleSearch}
        label="Search agents"
        placeholder="Search by name or bio"
        debounceMs={SEARCH_DEBOUNCE_MS}
        className="min-w-52 flex-1"
      />
      <NativeSelect
        aria-label="Category"
        value={filters.category}
        onChange={(e) => onChange({ category: e.target.value })}
        className="w-40"
      >
        <option value="">All categories</option>
        {AGENT_CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {c[0]?.toUpperCase()}
            {c.slice(1)}
          </option>
        ))}
      </NativeSelect>
      <NativeSelect
        aria-label="Sort"
        value={`${filters.sort}:${filters.order}`}
        onChange={(e) => {
          const [sort, order] = e.target.value.split(':') as [
            AgentFilters['sort'],
            AgentFilters['order'],
          ]
          onChange({ sort, order })
        }}
        className="w-44"
      >
        {SORTS.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </NativeSelect>
      <div
        role="group"
        aria-label="View"
        className="flex rounded-md border border-border bg-card p-0.5"
      >
        {(['list', 'grid'] as const).map((v) => {
          const Icon = v === 'list' ? List : LayoutGrid
          return (
            <Button
              key={v}
              size="icon-sm"
              variant="ghost"
              label={v === 'list' ? 'List view' : 'Grid view'}
              aria-pressed={filters.view === v}
              className={cn('size-7', filters.view === v && 'bg-accent text-accent-foreground')}
              onClick={() => onChange({ view: v })}
            >
              <Icon aria-hidden />
            </Button>
          )
        })}
      </div>
    </div>
  )
}
