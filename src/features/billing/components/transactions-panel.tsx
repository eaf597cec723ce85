import { useQuery } from '@tanstack/react-query'
import { Download, ReceiptText, SearchX } from 'lucide-react'
import { useCallback, useEffect, useMemo, useRef } from 'react'
import { EmptyState } from '@/components/empty-state'
import { ErrorState } from '@/components/error-state'
import { SearchField } from '@/components/search-field'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { Skeleton } from '@/components/ui/skeleton'
import { formatNumber } from '@/lib/format'
import {
  filterLedger,
  flattenGroups,
  LEDGER_TYPES,
  ledgerCsvRecords,
  type LedgerFilters,
  type LedgerGroup,
} from '../api/ledger'
import { ledgerQuery } from '../api/queries'
import { LedgerTable } from './ledger-table'

const TYPE_LABELS: Record<(typeof LEDGER_TYPES)[number], string> = {
  all: 'All types',
  credit: 'Credits (purchases, grants)',
  debit: 'Debits (charges)',
  refund: 'Refunds',
}

/** Writes the rows the filters show as CSV (papaparse does the quoting) and downloads it. */
export async function downloadLedgerCsv(groups: readonly LedgerGroup[]) {
  const { default: Papa } = await import('papaparse')
  const csv = Papa.unparse(ledgerCsvRecords(groups), { quotes: false, newline: '\r\n' })
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = `transactions-${new Date().toISOString().slice(0, 10)}.csv`
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

type TransactionsPanelProps = {
  filters: LedgerFilters
  onFiltersChange: (patch: Partial<LedgerFilters>) => void
  /** Changes each time an export is asked for from elsewhere (Cmd+K); null when not asked. */
  exportRequest: string | null
  onExportRequestHandled: () => void
}

/** The ledger with its filters (kept by the caller, in the URL) and the CSV export. */
export function TransactionsPanel({
  filters,
  onFiltersChange,
  exportRequest,
  onExportRequestHandled,
}: TransactionsPanelProps) {
  const ledger = useQuery(ledgerQuery())
  const visible = useMemo(
    () => (ledger.data ? filterLedger(ledger.data.groups, filters) : []),
    [ledger.data, filters],
  )
  const rowCount = useMemo(() => flattenGroups(visible).length, [visible])
  const hasFilters = filters.type !== 'all' || !!filters.from || !!filters.to || !!filters.q
  const handleSearch = useCallback((q: string) => onFiltersChange({ q }), [onFiltersChange])
  const exportRef = useRef<HTMLButtonElement>(null)

  const handleExport = useCallback(() => void downloadLedgerCsv(visible), [visible])

  // "Export transactions" from the palette: export what the filters show once the rows are here.
  const hasData = ledger.data !== undefined
  useEffect(() => {
    if (!exportRequest || !hasData) return
    exportRef.current?.focus()
    handleExport()
    onExportRequestHandled()
  }, [exportRequest, hasData, handleExport, onExportRequestHandled])

  const dateError =
    filters.from && filters.to && filters.from > filters.to
      ? 'The start date is after the end date.'
      : undefined

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <Field label="Type" className="w-full sm:w-52">
          <NativeSelect
            value={filters.type}
            onChange={(e) => onFiltersChange({ type: e.target.value as LedgerFilters['type'] })}
          >
            {LEDGER_TYPES.map((type) => (
              <option key={type} value={type}>
                {TYPE_LABELS[type]}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field label="From" className="w-[calc(50%-0.375rem)] sm:w-40">
          <Input
            type="date"
            value={filters.from}
            max={filters.to || undefined}
            onChange={(e) => onFiltersChange({ from: e.target.value })}
          />
        </Field>
        <Field label="To" error={dateError} className="w-[calc(50%-0.375rem)] sm:w-40">
          <Input
            type="date"
            value={filters.to}
            min={filters.from || undefined}
            onChange={(e) => onFiltersChange({ to: e.target.value })}
          />
        </Field>
        <SearchField
          className="w-full sm:w-64"
          value={filters.q}
          onSearch={handleSearch}
          label="Search descriptions"
          placeholder="Search descriptions"
          debounceMs={250}
        />
        <Button
          ref={exportRef}
          variant="outline"
          className="sm:ml-auto"
          disabled={!ledger.data || rowCount === 0}
          onClick={handleExport}
        >
          <Download aria-hidden />
          Export CSV
        </Button>
      </div>
      {ledger.data ? (
        <p role="status" className="text-sm text-muted-foreground">
          {hasFilters
            ? `${formatNumber(rowCount)} of ${formatNumber(ledger.data.rowCount)} rows match.`
            : `${formatNumber(ledger.data.rowCount)} ${ledger.data.rowCount === 1 ? 'row' : 'rows'}.`}{' '}
          Amounts are US dollars; the balance after each row is worked out from your current
          balance.
          {ledger.data.isTruncated
            ? ` Only the newest ${formatNumber(ledger.data.rowCount)} rows are shown: the API has no paging.`
            : ''}
        </p>
      ) : null}
      {ledger.isPending ? (
        <div role="status" aria-label="Loading transactions" className="grid gap-1">
          <Skeleton className="h-9 rounded-lg" />
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} className="h-10 rounded-md" />
          ))}
        </div>
      ) : ledger.isError ? (
        <ErrorState
          error={ledger.error}
          size="page"
          headingLevel={2}
          onRetry={() => void ledger.refetch()}
          isRetrying={ledger.isRefetching}
        />
      ) : visible.length === 0 ? (
        hasFilters ? (
          <EmptyState
            size="page"
            icon={SearchX}
            title="No transactions match"
            description="Try another type, date range or search."
            action={
              <Button
                variant="outline"
                onClick={() => onFiltersChange({ type: 'all', from: '', to: '', q: '' })}
              >
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            size="page"
            icon={ReceiptText}
            title="No transactions yet"
            description="Purchases, grants and every charge appear here as they happen."
          />
        )
      ) : (
        <LedgerTable groups={visible} />
      )}
    </div>
  )
}
