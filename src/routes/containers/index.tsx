import {
  createFileRoute,
  Link,
  stripSearchParams,
  type SearchSchemaInput,
} from '@tanstack/react-router'
import { Rocket } from 'lucide-react'
import { useCallback } from 'react'
import { Button } from '@/components/ui/button'
import { containerQuotaQuery } from '@/features/containers/api/detail-queries'
import {
  CONTAINER_SORTS,
  STATUS_FILTERS,
  type ContainerFilters,
} from '@/features/containers/lib/search-params'
import { containerListQuery } from '@/features/containers/api/queries'
import {
  ContainerList,
  ContainerListSkeleton,
} from '@/features/containers/components/container-list'
import { ContainerListToolbar } from '@/features/containers/components/container-list-toolbar'
import { QuotaSummary } from '@/features/containers/components/quota-summary'
import { oneOf, text } from '@/lib/search-params'

const defaults: ContainerFilters = { q: '', status: '', sort: 'newest' }

// A hand-edited URL degrades to the defaults (docs/architecture.md §6); every key is optional in links.
const validateSearch = (
  search: Partial<ContainerFilters> & SearchSchemaInput,
): ContainerFilters => ({
  q: text(search.q, defaults.q, { trim: true, max: 200 }),
  status: oneOf(search.status, ['', ...STATUS_FILTERS], defaults.status),
  sort: oneOf(search.sort, CONTAINER_SORTS, defaults.sort),
})

export const Route = createFileRoute('/containers/')({
  validateSearch,
  search: { middlewares: [stripSearchParams(defaults)] },
  loader: ({ context }) => {
    // The quota card is secondary: started here, with its own skeleton (docs/architecture.md §6).
    void context.queryClient.prefetchQuery(containerQuotaQuery())
    return context.queryClient.ensureQueryData(containerListQuery())
  },
  pendingComponent: ContainersPending,
  component: ContainersPage,
})

function DeployButton({ label = 'Deploy container' }: { label?: string }) {
  return (
    <Button asChild>
      <Link to="/containers/new">
        <Rocket aria-hidden />
        {label}
      </Link>
    </Button>
  )
}

function PageHeader() {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Containers</h1>
        <p className="text-sm text-muted-foreground">
          Your Docker images running on elizaOS Cloud, with their logs, metrics and cost.
        </p>
      </div>
      <DeployButton />
    </div>
  )
}

function ContainersPending() {
  return (
    <div className="grid gap-6">
      <PageHeader />
      <ContainerListSkeleton />
    </div>
  )
}

function ContainersPage() {
  const filters = Route.useSearch()
  const navigate = Route.useNavigate()
  const handleChange = useCallback(
    (patch: Partial<ContainerFilters>) =>
      void navigate({ search: (s) => ({ ...s, ...patch }), replace: true }),
    [navigate],
  )
  return (
    <div className="grid gap-6">
      <PageHeader />
      <QuotaSummary />
      <div className="grid gap-3">
        <ContainerListToolbar filters={filters} onChange={handleChange} />
        <ContainerList
          filters={filters}
          deployAction={<DeployButton />}
          onClearFilters={() => handleChange({ q: '', status: '' })}
          renderLink={(container, children) => (
            <Link
              to="/containers/$containerId"
              params={{ containerId: container.id }}
              className="flex min-w-0 font-medium text-foreground hover:text-primary hover:underline"
            >
              {children}
            </Link>
          )}
        />
      </div>
    </div>
  )
}
