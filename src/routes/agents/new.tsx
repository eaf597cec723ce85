import { createFileRoute, Link } from '@tanstack/react-router'
import { ArrowLeft } from 'lucide-react'
import { AgentCreatePage } from '@/features/agents/components/agent-pages'

export const Route = createFileRoute('/agents/new')({
  component: NewAgentPage,
})

function NewAgentPage() {
  const navigate = Route.useNavigate()
  return (
    <AgentCreatePage
      backLink={<BackToAgents />}
      onCreated={(id) => void navigate({ to: '/agents/$agentId', params: { agentId: id } })}
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
