import { createFileRoute, stripSearchParams, type SearchSchemaInput } from '@tanstack/react-router'
import { useRouterState } from '@tanstack/react-router'
import { useCallback } from 'react'
import { DASHBOARD_URL } from '@/components/nav-items'
import { KEY_SORTS, KEY_STATUSES, type KeyFilters } from '@/features/api-keys/lib/filter'
import { apiKeyListQuery } from '@/features/api-keys/api/queries'
import { KeysPending, KeysView } from '@/features/api-keys/components/keys-view'
import { consoleInfoQuery } from '@/api/console-info/queries'
import { oneOf, text } from '@/lib/search-params'

const defaults: KeyFilters = { q: '', status: 'all', sort: 'created', order: 'desc' }

// A hand-edited URL degrades to the defaults instead of failing (docs/architecture.md §6).
const validateSearch = (search: Partial<KeyFilters> & SearchSchemaInput): KeyFilters => ({
  q: text(search.q, defaults.q, { trim: true, max: 200 }),
  status: oneOf(search.status, KEY_STATUSES, defaults.status),
  sort: oneOf(search.sort, KEY_SORTS, defaults.sort),
  order: oneOf(search.order, ['asc', 'desc'], defaults.order),
})

export const Route = createFileRoute('/keys/')({
  validateSearch,
  search: { middlewares: [stripSearchParams(defaults)] },
  // The session-only answer (401) is a state of the page, not a failed load: never thrown here.
  loader: ({ context }) => {
    void context.queryClient.prefetchQuery(consoleInfoQuery())
    return context.queryClient.prefetchQuery(apiKeyListQuery())
  },
  pendingComponent: KeysPending,
  component: KeysPage,
})

function KeysPage() {
  const filters = Route.useSearch()
  const navigate = Route.useNavigate()
  // Cmd+K "Create key" links to #create; the dialog's state is in the URL, so a reload keeps it.
  const isCreateOpen = useRouterState({ select: (s) => s.location.hash === 'create' })
  const handleFilters = useCallback(
    (patch: Partial<KeyFilters>) =>
      void navigate({ search: (s) => ({ ...s, ...patch }), hash: '', replace: true }),
    [navigate],
  )
  const handleCreateOpen = useCallback(
    (open: boolean) =>
      void navigate({ search: (s) => s, hash: open ? 'create' : '', replace: !open }),
    [navigate],
  )
  return (
    <KeysView
      filters={filters}
      onFiltersChange={handleFilters}
      isCreateOpen={isCreateOpen}
      onCreateOpenChange={handleCreateOpen}
      dashboardUrl={DASHBOARD_URL}
    />
  )
}
