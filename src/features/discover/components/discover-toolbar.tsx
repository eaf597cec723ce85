import { useCallback, useId } from 'react'
import { SearchField } from '@/components/search-field'
import { NativeSelect } from '@/components/ui/native-select'
import { Switch } from '@/components/ui/switch'
import type { ServiceType } from '../api/schemas'

export type DiscoverFilters = {
  q: string
  type: ServiceType | 'all'
  category: string
  tag: string
  x402: boolean
}

const DEBOUNCE_MS = 350

/** Search, type, category, tag and "x402 only"; every change goes to the URL via `onChange`. */
export function DiscoverToolbar({
  filters,
  onChange,
}: {
  filters: DiscoverFilters
  onChange: (patch: Partial<DiscoverFilters>) => void
}) {
  const x402Id = useId()
  const handleSearch = useCallback((q: string) => onChange({ q }), [onChange])
  const handleCategory = useCallback((category: string) => onChange({ category }), [onChange])
  const handleTag = useCallback((tag: string) => onChange({ tag }), [onChange])
  return (
    <div className="flex flex-wrap items-center gap-2">
      <SearchField
        value={filters.q}
        onSearch={handleSearch}
        label="Search services"
        placeholder="Search by name or description"
        debounceMs={DEBOUNCE_MS}
        className="min-w-52 flex-[2_1_16rem]"
      />
      <NativeSelect
        aria-label="Type"
        value={filters.type}
        onChange={(e) => onChange({ type: e.target.value as DiscoverFilters['type'] })}
        className="w-36"
      >
        <option value="all">All types</option>
        <option value="agent">Agents</option>
        <option value="mcp">MCP servers</option>
      </NativeSelect>
      <SearchField
        value={filters.category}
        onSearch={handleCategory}
        label="Category"
        placeholder="Category"
        debounceMs={DEBOUNCE_MS}
        className="w-36 flex-[1_1_8rem]"
      />
      <SearchField
        value={filters.tag}
        onSearch={handleTag}
        label="Tag"
        placeholder="Tag"
        debounceMs={DEBOUNCE_MS}
        className="w-32 flex-[1_1_8rem]"
      />
      <div className="flex h-9 items-center gap-2 px-1">
        <Switch id={x402Id} checked={filters.x402} onCheckedChange={(x402) => onChange({ x402 })} />
        <label htmlFor={x402Id} className="text-sm whitespace-nowrap">
          x402 only
        </label>
      </div>
    </div>
  )
}
