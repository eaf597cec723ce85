import { createFileRoute, Link } from '@tanstack/react-router'
import { ArrowLeft } from 'lucide-react'
import { AgentCreatePage } from '@/features/agents/components/agent-pages'
import { StagedKnowledgeField } from '@/features/knowledge/components/staged-knowledge-field'
import { useSubmitStagedToAgent } from '@/features/knowledge/hooks/staged-files'

export const Route = createFileRoute('/agents/new')({
  component: NewAgentPage,
})

function NewAgentPage() {
  const navigate = Route.useNavigate()
  const submitStaged = useSubmitStagedToAgent()
  return (
    <AgentCreatePage
      backLink={<BackToAgents />}
      attachments={<StagedKnowledgeField />}
      onCreated={async (id) => {
        // Files attached before the agent existed go to it now; its Knowledge tab shows each
        // one's result (a failure there too: the agent exists, so nothing is created twice).
        const hadFiles = await submitStaged(id)
        await navigate({
          to: '/agents/$agentId',
          params: { agentId: id },
          search: hadFiles ? { tab: 'knowledge' } : {},
        })
      }}
    />
  )
}

function BackToAgents() {
  return (
    <Link
      to="/agents"
      className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
    >
      <ArrowLeft aria-hidden className="size-4" />
      Agents
    </Link>
  )
}
