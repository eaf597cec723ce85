import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { Ban, CheckCircle2, PlugZap } from 'lucide-react'
import { useState } from 'react'
import { ClientConfigPanel } from '@/components/client-config-panel'
import { ErrorState } from '@/components/error-state'
import { Button } from '@/components/ui/button'
import { Skeleton } from '@/components/ui/skeleton'
import { cardRefusal } from '@/features/discover/api/card-refusal'
import { agentCardQuery, directoryQuery } from '@/features/discover/api/queries'
import { useConsoleLink, useKeyVariable } from '@/api/console-info/queries'
import type { Agent } from '../api/schemas'

type AgentRef = Pick<Agent, 'id' | 'name'>

type Endpoints = { a2aEndpoint: string | null; mcpEndpoint: string | null }

/**
 * The endpoints of a public agent. The share answer lists them only for ERC-8004 agents and
 * the publish answer only once (docs/discover.md §Your agents), so otherwise they are read from
 * the public directory, which lists every public agent with both.
 */
function useAgentEndpoints(agent: AgentRef, known: Endpoints) {
  const isKnown = Boolean(known.a2aEndpoint || known.mcpEndpoint)
  const directory = useQuery({
    ...directoryQuery({ type: 'agent', query: agent.name, category: '', tag: '', x402Only: false }),
    enabled: !isKnown,
  })
  if (isKnown) return { endpoints: known, directory: null }
  const listed = directory.data?.services.find((s) => s.id === agent.id)
  return {
    endpoints: listed
      ? { a2aEndpoint: listed.a2aEndpoint ?? null, mcpEndpoint: listed.mcpEndpoint ?? null }
      : null,
    directory,
  }
}

/**
 * A public agent's A2A and MCP endpoints with client configurations, and "Test": its agent card
 * fetched through the proxy, as another agent would fetch it.
 */
export function AgentEndpoints({ agent, known }: { agent: AgentRef; known: Endpoints }) {
  const { endpoints, directory } = useAgentEndpoints(agent, known)
  const keyVariable = useKeyVariable()
  const link = useConsoleLink()

  let body
  if (endpoints) {
    body = (
      <ClientConfigPanel
        name={agent.name}
        a2aEndpoint={endpoints.a2aEndpoint}
        mcpEndpoint={endpoints.mcpEndpoint}
        keyVariable={keyVariable}
        link={link}
      />
    )
  } else if (directory?.isPending) {
    body = <Skeleton className="h-16" />
  } else if (directory?.isError) {
    body = (
      <ErrorState
        error={directory.error}
        onRetry={() => void directory.refetch()}
        isRetrying={directory.isRefetching}
      />
    )
  } else {
    body = (
      <p className="text-sm text-muted-foreground">
        The public directory does not list this agent yet. Its answers can be up to 3 minutes old.
      </p>
    )
  }

  return (
    <section aria-labelledby="agent-endpoints-title" className="grid gap-3 border-t pt-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="agent-endpoints-title" className="text-sm font-semibold">
          Endpoints and client configuration
        </h3>
        <Link
          to="/discover/$serviceId"
          params={{ serviceId: agent.id }}
          search={{ type: 'agent', name: agent.name }}
          className="text-sm text-primary underline-offset-4 hover:underline focus-visible:underline"
        >
          Open in Discover
        </Link>
      </div>
      <AgentCardTest agentId={agent.id} />
      {body}
    </section>
  )
}

/** Fetches the agent card on demand and says what another agent would get. */
function AgentCardTest({ agentId }: { agentId: string }) {
  const [isRequested, setRequested] = useState(false)
  const card = useQuery({ ...agentCardQuery(agentId), enabled: isRequested })
  const isBusy = card.isFetching

  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="outline"
          size="sm"
          pending={isBusy}
          onClick={() => (isRequested ? void card.refetch() : setRequested(true))}
        >
          <PlugZap aria-hidden />
          Test
        </Button>
        <span className="text-sm text-muted-foreground">
          Fetches this agent&apos;s A2A card, as other agents do.
        </span>
      </div>
      <div aria-live="polite">
        {card.isError && !isBusy ? (
          <CardTestFailure error={card.error} />
        ) : card.data && !isBusy ? (
          <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="agent-card-test">
            <CheckCircle2 aria-hidden className="size-4 text-success" />
            <span>
              Agent card served: <strong>{card.data.name}</strong>, version {card.data.version},{' '}
              {card.data.skills.length} {card.data.skills.length === 1 ? 'skill' : 'skills'} (
              {card.data.skills.map((s) => s.name).join(', ')}).
            </span>
          </p>
        ) : null}
      </div>
    </div>
  )
}

/** A refusal of the card itself in the server's words; any other failure as the usual error. */
function CardTestFailure({ error }: { error: unknown }) {
  const refusal = cardRefusal(error)
  if (!refusal) return <ErrorState error={error} />
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="agent-card-test">
      <Ban aria-hidden className="size-4 text-destructive" />
      <span>
        <strong>{refusal.title}:</strong> {refusal.message}
      </span>
    </p>
  )
}
