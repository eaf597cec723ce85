import { useInfiniteQuery } from '@tanstack/react-query'
import { createFileRoute, Link, stripSearchParams } from '@tanstack/react-router'
import { Plus } from 'lucide-react'
import { useCallback } from 'react'
import { z } from 'zod/mini'
import { Button } from '@/components/ui/button'
import { agentBrowseQuery } from '@/features/agents/api/queries'
import { AgentList, AgentListSkeleton } from '@/features/agents/components/agent-list'
import {
  AgentListToolbar,
  type AgentFilters,
} from '@/features/agents/components/agent-list-toolbar'
import { useAgentCommands } from '@/features/agents/hooks/use-agent-commands'

const defaults: AgentFilters = { q: '', category: '', sort: 'newest', order: 'desc', view: 'list' }

// A hand-edited URL degrades to the defaults instead of failing (STYLE.md §6).
// `_default` makes each key optional in links; `catch` replaces a malformed value.
const searchSchema = z.object({
  q: z._default(z.catch(z.string().check(z.trim(), z.maxLength(200)), defaults.q), defaults.q),
  category: z._default(
    z.catch(z.string().check(z.maxLength(50)), defaults.category),
    defaults.category,
  ),
  sort: z._default(z.catch(z.enum(['newest', 'updated', 'name']), defaults.sort), defaults.sort),
  order: z._default(z.catch(z.enum(['asc', 'desc']), defaults.order), defaults.order),
  view: z._default(z.catch(z.enum(['list', 'grid']), defaults.view), defaults.view),
})

const toParams = ({ q, category, sort, order }: AgentFilters) => ({
  ...(q ? { search: q } : {}),
  ...(category ? { category } : {}),
  sortBy: sort,
  order,
})

export const Route = createFileRoute('/agents/')({
  validateSearch: searchSchema,
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
