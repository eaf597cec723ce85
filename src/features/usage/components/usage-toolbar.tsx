import { Table2 } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import {
  GRANULARITIES,
  GRANULARITY_LABELS,
  RANGE_LABELS,
  RANGES,
  type Granularity,
  type RangeId,
  type UsageFilters,
} from '../api/range'

type UsageToolbarProps = {
  filters: UsageFilters
  /** Why the custom range cannot be asked for; shown on the dates. */
  rangeError?: string
  onChange: (patch: Partial<UsageFilters>) => void
  /** Today (UTC), the latest day a custom range may end on. */
  today: string
}

/** Range, custom dates, granularity and the chart/table switch; all of it lives in the URL. */
export function UsageToolbar({ filters, rangeError, onChange, today }: UsageToolbarProps) {
  const isTable = filters.view === 'table'
  return (
    <div className="flex flex-wrap items-end gap-3">
      <Field label="Range">
        <NativeSelect
          className="w-40"
          value={filters.range}
          onChange={(e) => onChange({ range: e.target.value as RangeId })}
        >
          {RANGES.map((r) => (
            <option key={r} value={r}>
              {RANGE_LABELS[r]}
            </option>
          ))}
        </NativeSelect>
      </Field>
      {filters.range === 'custom' ? (
        <>
          <Field label="From" error={rangeError}>
            <Input
              type="date"
              className="w-40"
              value={filters.from}
              max={today}
              onChange={(e) => onChange({ from: e.target.value })}
            />
          </Field>
          <Field label="To">
            <Input
              type="date"
              className="w-40"
              value={filters.to}
              max={today}
              onChange={(e) => onChange({ to: e.target.value })}
            />
          </Field>
        </>
      ) : null}
      <Field label="Granularity">
        <NativeSelect
          className="w-36"
          value={filters.granularity}
          onChange={(e) => onChange({ granularity: e.target.value as Granularity })}
        >
          {GRANULARITIES.map((g) => (
            <option key={g} value={g}>
              {GRANULARITY_LABELS[g]}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Button
        variant="outline"
        className="aria-pressed:bg-accent aria-pressed:text-accent-foreground sm:ml-auto"
        aria-pressed={isTable}
        onClick={() => onChange({ view: isTable ? 'chart' : 'table' })}
      >
        <Table2 aria-hidden />
        Table view
      </Button>
    </div>
  )
}
