import { createFileRoute, Link, notFound } from '@tanstack/react-router'
import { ArrowLeft } from 'lucide-react'
import { agentQuery } from '@/features/agents/api/queries'
import { AgentDetailPage, AgentDetailSkeleton } from '@/features/agents/components/agent-pages'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const Route = createFileRoute('/agents/$agentId')({
  // A non-UUID id is a bare 500 on the cloud (agents.md, E9): refuse it before any request.
  params: {
    parse: ({ agentId }) => {
      if (!UUID.test(agentId)) throw notFound()
      return { agentId: agentId.toLowerCase() }
    },
    stringify: ({ agentId }) => ({ agentId }),
  },
  loader: ({ context, params }) => context.queryClient.ensureQueryData(agentQuery(params.agentId)),
  pendingComponent: AgentDetailSkeleton,
  component: AgentPage,
})

function AgentPage() {
  const { agentId } = Route.useParams()
  const navigate = Route.useNavigate()
  return (
    <AgentDetailPage
      agentId={agentId}
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
        void navigate({ to: '/agents/$agentId', params: { agentId: copy.id } })
      }
      onDeleted={() => void navigate({ to: '/agents' })}
    />
  )
}
