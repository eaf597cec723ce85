import { useSuspenseQuery } from '@tanstack/react-query'
import {
  createFileRoute,
  Link,
  stripSearchParams,
  useRouterState,
  type SearchSchemaInput,
} from '@tanstack/react-router'
import { Bot, Plus } from 'lucide-react'
import { useCallback, type ReactNode } from 'react'
import { EmptyState } from '@/components/empty-state'
import { Button } from '@/components/ui/button'
import { Skeleton } from '@/components/ui/skeleton'
import { agentListQuery } from '@/features/agents/api/queries'
import { knowledgeDocumentsQuery } from '@/features/knowledge/api/queries'
import { AgentPicker } from '@/features/knowledge/components/agent-picker'
import { KnowledgePanel, type KnowledgeView } from '@/features/knowledge/components/knowledge-panel'
import { DOCUMENT_SORTS } from '@/features/knowledge/lib/document-sorts'
import { oneOf, text } from '@/lib/search-params'

type KnowledgeSearch = { agent: string } & KnowledgeView
const defaults: KnowledgeSearch = { agent: '', q: '', sort: 'newest', doc: '' }

// The agent, the documents' search and sort, and the open document; a bad value degrades.
const validateSearch = (search: Partial<KnowledgeSearch> & SearchSchemaInput): KnowledgeSearch => ({
  agent: text(search.agent, defaults.agent, {
    pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  }).toLowerCase(),
  q: text(search.q, defaults.q, { trim: true, max: 200 }),
  sort: oneOf(search.sort, DOCUMENT_SORTS, defaults.sort),
  doc: text(search.doc, defaults.doc, { pattern: /^[\w-]{1,64}$/ }),
})

/** The picker's agents: the first 100 by name (the cloud sorts and pages them, docs/cloud/agents.md). */
const PICKER = { limit: 100, sortBy: 'name', order: 'asc' } as const

export const Route = createFileRoute('/knowledge/')({
  validateSearch,
  search: { middlewares: [stripSearchParams(defaults)] },
  loaderDeps: ({ search }) => ({ agent: search.agent }),
  loader: async ({ context, deps }) => {
    const page = await context.queryClient.ensureQueryData(agentListQuery(PICKER))
    const agentId = deps.agent || page.agents[0]?.id
    if (agentId) void context.queryClient.prefetchInfiniteQuery(knowledgeDocumentsQuery(agentId))
  },
  pendingComponent: KnowledgePending,
  component: KnowledgePage,
})

function PageHeader({ children }: { children?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Knowledge</h1>
        <p className="max-w-prose text-sm text-muted-foreground">
          Documents an agent answers from. Each agent has its own; the cloud splits them into
          fragments and searches those by meaning.
        </p>
      </div>
      {children}
    </div>
  )
}

function KnowledgePending() {
  return (
    <div className="grid gap-6">
      <PageHeader>
        <Skeleton className="h-14 w-72" />
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-2">
        <Skeleton className="h-72 rounded-xl" />
        <Skeleton className="h-72 rounded-xl" />
      </div>
      <Skeleton className="h-64 rounded-xl" />
    </div>
  )
}

function KnowledgePage() {
  const { agent, q, sort, doc } = Route.useSearch()
  const navigate = Route.useNavigate()
  const { data } = useSuspenseQuery(agentListQuery(PICKER))
  const agentId = agent || data.agents[0]?.id
  // Cmd+K "Add knowledge" links to #add; each visit has its own key, so focus follows every use.
  const focusAddKey = useRouterState({
    select: (s) => (s.location.hash === 'add' ? (s.location.state.__TSR_key ?? 'add') : null),
  })
  const handleView = useCallback(
    (patch: Partial<KnowledgeView>) =>
      void navigate({ search: (s) => ({ ...s, ...patch }), replace: !('doc' in patch) }),
    [navigate],
  )
  const handleAgent = useCallback(
    (id: string) => void navigate({ search: (s) => ({ ...s, agent: id, doc: '', q: '' }) }),
    [navigate],
  )

  if (!agentId) {
    return (
      <div className="grid gap-6">
        <PageHeader />
        <EmptyState
          size="page"
          icon={Bot}
          title="No agents yet"
          description="Knowledge belongs to an agent. Create one, then add the documents it should answer from; you can attach files while creating it."
          action={
            <Button asChild>
              <Link to="/agents/new">
                <Plus aria-hidden />
                Create an agent
              </Link>
            </Button>
          }
        />
      </div>
    )
  }

  return (
    <div className="grid gap-6">
      <PageHeader>
        <AgentPicker
          agents={data.agents}
          value={agentId}
          onChange={handleAgent}
          hasMore={data.pagination.hasMore}
        />
      </PageHeader>
      <KnowledgePanel
        key={agentId}
        agentId={agentId}
        view={{ q, sort, doc }}
        onViewChange={handleView}
        focusAddKey={focusAddKey}
      />
    </div>
  )
}
