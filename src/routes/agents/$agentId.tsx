import {
  createFileRoute,
  Link,
  notFound,
  stripSearchParams,
  type SearchSchemaInput,
} from '@tanstack/react-router'
import { ArrowLeft } from 'lucide-react'
import { useCallback } from 'react'
import { agentQuery } from '@/features/agents/api/queries'
import {
  AgentDetailPage,
  AgentDetailSkeleton,
  type AgentTab,
} from '@/features/agents/components/agent-pages'
import { knowledgeDocumentsQuery } from '@/features/knowledge/api/queries'
import { KnowledgePanel, type KnowledgeView } from '@/features/knowledge/components/knowledge-panel'
import { DOCUMENT_SORTS } from '@/features/knowledge/lib/document-sorts'
import { oneOf, text } from '@/lib/search-params'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

// Listed here, not imported: route options are in the first page's JS.
const TABS: readonly AgentTab[] = ['overview', 'knowledge']
type AgentSearch = { tab: AgentTab } & KnowledgeView
const defaults: AgentSearch = { tab: 'overview', q: '', sort: 'newest', doc: '' }

// The tab, and the Knowledge tab's search, sort and open document; a bad value degrades.
const validateSearch = (search: Partial<AgentSearch> & SearchSchemaInput): AgentSearch => ({
  tab: oneOf(search.tab, TABS, defaults.tab),
  q: text(search.q, defaults.q, { trim: true, max: 200 }),
  sort: oneOf(search.sort, DOCUMENT_SORTS, defaults.sort),
  doc: text(search.doc, defaults.doc, { pattern: /^[\w-]{1,64}$/ }),
})

export const Route = createFileRoute('/agents/$agentId')({
  // A non-UUID id is a bare 500 on the cloud (docs/cloud/agents.md, E9): refuse it before any request.
  params: {
    parse: ({ agentId }) => {
      if (!UUID.test(agentId)) throw notFound()
      return { agentId: agentId.toLowerCase() }
    },
    stringify: ({ agentId }) => ({ agentId }),
  },
  validateSearch,
  search: { middlewares: [stripSearchParams(defaults)] },
  loaderDeps: ({ search }) => ({ tab: search.tab }),
  loader: ({ context, params, deps }) => {
    if (deps.tab === 'knowledge') {
      void context.queryClient.prefetchInfiniteQuery(knowledgeDocumentsQuery(params.agentId))
    }
    return context.queryClient.ensureQueryData(agentQuery(params.agentId))
  },
  pendingComponent: AgentDetailSkeleton,
  component: AgentPage,
})

function AgentPage() {
  const { agentId } = Route.useParams()
  const { tab, q, sort, doc } = Route.useSearch()
  const navigate = Route.useNavigate()
  const handleTab = useCallback(
    (next: AgentTab) => void navigate({ search: (s) => ({ ...s, tab: next }), replace: true }),
    [navigate],
  )
  const handleView = useCallback(
    (patch: Partial<KnowledgeView>) =>
      void navigate({ search: (s) => ({ ...s, ...patch }), replace: !('doc' in patch) }),
    [navigate],
  )
  return (
    <AgentDetailPage
      agentId={agentId}
      tab={tab}
      onTabChange={handleTab}
      knowledge={
        <KnowledgePanel
          key={agentId}
          agentId={agentId}
          view={{ q, sort, doc }}
          onViewChange={handleView}
        />
      }
      backLink={
        <Link
          to="/agents"
          className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
        >
          <ArrowLeft aria-hidden className="size-4" />
          Agents
        </Link>
      }
      chatLink={(children) => (
        <Link to="/chat" search={{ agent: agentId }}>
          {children}
        </Link>
      )}
      onDuplicated={(copy) =>
        void navigate({ to: '/agents/$agentId', params: { agentId: copy.id }, search: {} })
      }
      onDeleted={() => void navigate({ to: '/agents' })}
    />
  )
}
