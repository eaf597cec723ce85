import { useQuery } from '@tanstack/react-query'
import {
  createFileRoute,
  Link,
  stripSearchParams,
  type SearchSchemaInput,
} from '@tanstack/react-router'
import { useCallback, useMemo } from 'react'
import { agentListQuery } from '@/features/agents/api/queries'
import { directoryQuery } from '@/features/discover/api/queries'
import type { Service } from '@/features/discover/api/schemas'
import {
  DiscoverToolbar,
  type DiscoverFilters,
} from '@/features/discover/components/discover-toolbar'
import {
  filtersToParams,
  ServiceList,
  ServiceListSkeleton,
} from '@/features/discover/components/service-list'
import { oneOf, text } from '@/lib/search-params'

const defaults: DiscoverFilters = { q: '', type: 'all', category: '', tag: '', x402: false }

const validateSearch = (
  search: Partial<Record<keyof DiscoverFilters, unknown>> & SearchSchemaInput,
): DiscoverFilters => ({
  q: text(search.q, defaults.q, { trim: true, max: 200 }),
  type: oneOf(search.type, ['all', 'agent', 'mcp'], defaults.type),
  category: text(search.category, defaults.category, { trim: true, max: 50 }),
  tag: text(search.tag, defaults.tag, { trim: true, max: 50 }),
  x402: search.x402 === true || search.x402 === 'true',
})

/** Your own agents' ids, to mark "Yours" in the directory. */
const YOUR_AGENTS = { limit: 1000 } as const

export const Route = createFileRoute('/discover/')({
  validateSearch,
  search: { middlewares: [stripSearchParams(defaults)] },
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => {
    void context.queryClient.prefetchQuery(agentListQuery(YOUR_AGENTS))
    return Promise.all(
      filtersToParams(deps).map((p) => context.queryClient.prefetchQuery(directoryQuery(p))),
    )
  },
  pendingComponent: DiscoverPending,
  component: DiscoverPage,
})

function PageHeader() {
  return (
    <div className="grid gap-1">
      <h1 className="text-2xl font-semibold tracking-tight">Discover</h1>
      <p className="text-sm text-muted-foreground">
        Public agents and MCP servers of every elizaOS Cloud user: try them, fork them, connect your
        clients.
      </p>
    </div>
  )
}

function DiscoverPending() {
  return (
    <div className="grid gap-6">
      <PageHeader />
      <ServiceListSkeleton />
    </div>
  )
}

const renderLink = (service: Service, children: React.ReactNode) => (
  <Link
    to="/discover/$serviceId"
    params={{ serviceId: service.id }}
    search={{ type: service.type, name: service.name }}
    className="outline-none after:absolute after:inset-0 hover:underline focus-visible:underline"
  >
    {children}
  </Link>
)

function DiscoverPage() {
  const filters = Route.useSearch()
  const navigate = Route.useNavigate()
  const mine = useQuery(agentListQuery(YOUR_AGENTS))
  const yourIds = useMemo(() => new Set(mine.data?.agents.map((a) => a.id) ?? []), [mine.data])
  const handleChange = useCallback(
    (patch: Partial<DiscoverFilters>) =>
      void navigate({ search: (s) => ({ ...s, ...patch }), replace: true }),
    [navigate],
  )
  return (
    <div className="grid gap-6">
      <PageHeader />
      <DiscoverToolbar filters={filters} onChange={handleChange} />
      <ServiceList
        filters={filters}
        yourIds={yourIds}
        renderLink={renderLink}
        onClearFilters={() => void navigate({ search: defaults })}
      />
    </div>
  )
}
