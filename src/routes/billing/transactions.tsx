import {
  createFileRoute,
  stripSearchParams,
  useRouterState,
  type SearchSchemaInput,
} from '@tanstack/react-router'
import { useCallback } from 'react'
import { LEDGER_TYPES, type LedgerFilters } from '@/features/billing/api/ledger'
import { TransactionsPanel } from '@/features/billing/components/transactions-panel'
import { oneOf, text } from '@/lib/search-params'

const defaults: LedgerFilters = { type: 'all', from: '', to: '', q: '' }
const DATE = { pattern: /^\d{4}-\d{2}-\d{2}$/ }

// Type, date range and text; a hand-edited bad value falls back to no filter.
const validateSearch = (search: Partial<LedgerFilters> & SearchSchemaInput): LedgerFilters => ({
  type: oneOf(search.type, LEDGER_TYPES, defaults.type),
  from: text(search.from, defaults.from, DATE),
  to: text(search.to, defaults.to, DATE),
  q: text(search.q, defaults.q, { trim: true, max: 200 }),
})

export const Route = createFileRoute('/billing/transactions')({
  validateSearch,
  search: { middlewares: [stripSearchParams(defaults)] },
  component: TransactionsPage,
})

function TransactionsPage() {
  const filters = Route.useSearch()
  const navigate = Route.useNavigate()
  // Cmd+K "Export transactions" links to #export; each use has its own key.
  const exportRequest = useRouterState({
    select: (s) => (s.location.hash === 'export' ? (s.location.state.__TSR_key ?? 'export') : null),
  })
  const handleFilters = useCallback(
    (patch: Partial<LedgerFilters>) =>
      void navigate({ search: (s) => ({ ...s, ...patch }), replace: true }),
    [navigate],
  )
  const handleExportHandled = useCallback(
    () => void navigate({ search: (s) => s, hash: '', replace: true }),
    [navigate],
  )
  return (
    <TransactionsPanel
      filters={filters}
      onFiltersChange={handleFilters}
      exportRequest={exportRequest}
      onExportRequestHandled={handleExportHandled}
    />
  )
}
