import { useInfiniteQuery } from '@tanstack/react-query'
import {
  createFileRoute,
  Link,
  stripSearchParams,
  type SearchSchemaInput,
} from '@tanstack/react-router'
import { Plus } from 'lucide-react'
import { useCallback } from 'react'
import { Button } from '@/components/ui/button'
import { agentBrowseQuery } from '@/features/agents/api/queries'
import { AgentList, AgentListSkeleton } from '@/features/agents/components/agent-list'
import {
  AgentListToolbar,
  type AgentFilters,
} from '@/features/agents/components/agent-list-toolbar'
import { useAgentCommands } from '@/features/agents/hooks/use-agent-commands'
import { oneOf, text } from '@/lib/search-params'

const defaults: AgentFilters = { q: '', category: '', sort: 'newest', order: 'desc', view: 'list' }

// A hand-edited URL degrades to the defaults instead of failing (docs/architecture.md §6); every key is
// optional in links.
const validateSearch = (search: Partial<AgentFilters> & SearchSchemaInput): AgentFilters => ({
  q: text(search.q, defaults.q, { trim: true, max: 200 }),
  category: text(search.category, defaults.category, { max: 50 }),
  sort: oneOf(search.sort, ['newest', 'updated', 'name'], defaults.sort),
  order: oneOf(search.order, ['asc', 'desc'], defaults.order),
  view: oneOf(search.view, ['list', 'grid'], defaults.view),
})

const toParams = ({ q, category, sort, order }: AgentFilters) => ({
  ...(q ? { search: q } : {}),
  ...(category ? { category } : {}),
  sortBy: sort,
  order,
})

export const Route = createFileRoute('/agents/')({
  validateSearch,
  search: { middlewares: [stripSearchParams(defaults)] },
  loaderDeps: ({ search }) => toParams(search),
  loader: ({ context, deps }) => context.queryClient.prefetchInfiniteQuery(agentBrowseQuery(deps)),
  pendingComponent: AgentsPending,
  component: AgentsPage,
})

function PageHeader() {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Agents</h1>
        <p className="text-sm text-muted-foreground">
          Personas you can chat with, share and deploy as hosted runtimes.
        </p>
      </div>
      <Button asChild>
        <Link to="/agents/new">
          <Plus aria-hidden />
          New agent
        </Link>
      </Button>
    </div>
  )
}

function AgentsPending() {
  return (
    <div className="grid gap-6">
      <PageHeader />
      <AgentListSkeleton />
    </div>
  )
}

function AgentsPage() {
  const filters = Route.useSearch()
  const navigate = Route.useNavigate()
  const params = Route.useLoaderDeps()
  const { data } = useInfiniteQuery(agentBrowseQuery(params))
  useAgentCommands(data?.pages[0]?.agents)
  const handleChange = useCallback(
    (patch: Partial<AgentFilters>) =>
      void navigate({ search: (s) => ({ ...s, ...patch }), replace: true }),
    [navigate],
  )
  return (
    <div className="grid gap-6">
      <PageHeader />
      <AgentListToolbar filters={filters} onChange={handleChange} />
      <AgentList
        params={params}
        view={filters.view}
        hasFilters={filters.q !== '' || filters.category !== ''}
        onClearFilters={() => handleChange({ q: '', category: '' })}
        createAction={
          <Button asChild>
            <Link to="/agents/new">
              <Plus aria-hidden />
              Create agent
            </Link>
          </Button>
        }
        renderLink={(agent, children, className) => (
          <Link
            to="/agents/$agentId"
            params={{ agentId: agent.id }}
            className={className}
            aria-label={agent.name}
          >
            {children}
          </Link>
        )}
      />
    </div>
  )
}
