import { useQuery } from '@tanstack/react-query'
import { BadgeCheck, Lock, MessageSquare, SearchX, TriangleAlert, X } from 'lucide-react'
import type { ReactNode } from 'react'
import { EmptyState } from '@/components/empty-state'
import { ClientConfigPanel } from '@/components/client-config-panel'
import { ErrorState } from '@/components/error-state'
import { isApiError } from '@/lib/api-error'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import { useConsoleLink, useKeyVariable } from '@/api/console-info/queries'
import { agentCardQuery, directoryQuery } from '../api/queries'
import type { AgentCard, Service } from '../api/schemas'
import { ForkDialog } from './fork-dialog'
import { pricingLabel, ServiceAvatar, TypeBadge } from './service-card'
import { TryItPanel } from './try-it-panel'

type AgentServiceProps = {
  agentId: string
  /** The name from the link, to find the directory record (its endpoints and pricing). */
  nameHint: string
  isTryOpen: boolean
  onTryOpenChange: (open: boolean) => void
  onForked: (newAgentId: string) => void
  backLink: ReactNode
}

/** USD per 1k tokens, e.g. "$0.005 / 1k input tokens". */
const per1k = (n: number | undefined, what: string) =>
  n === undefined ? null : `$${n} / 1k ${what} tokens`

function SkillPricing({
  pricing,
}: {
  pricing: NonNullable<AgentCard['skills'][number]['pricing']>
}) {
  const parts = [
    per1k(pricing.inputCostPer1k, 'input'),
    per1k(pricing.outputCostPer1k, 'output'),
    pricing.amount !== undefined ? `$${pricing.amount} per call` : null,
  ].filter(Boolean)
  return (
    <span className="text-xs text-muted-foreground">
      {parts.join(' · ') || pricing.type}
      {pricing.markupPercentage ? (
        <span className="font-medium text-foreground">
          {' '}
          · +{pricing.markupPercentage}% owner markup
        </span>
      ) : null}
    </span>
  )
}

/** Skills of the card with what is really served: only `chat` has a method (docs/discover.md). */
function SkillList({ card }: { card: AgentCard }) {
  return (
    <ul className="grid gap-2">
      {card.skills.map((s) => {
        const isServed = s.id === 'chat'
        return (
          <li key={s.id} className="grid gap-0.5 rounded-lg border p-3">
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-sm font-medium">{s.name}</span>
              <code className="font-mono text-xs text-muted-foreground">{s.id}</code>
              {isServed ? (
                <Badge variant="success">Served: method chat</Badge>
              ) : (
                <Badge variant="warning">Advertised, not served</Badge>
              )}
            </div>
            {s.description ? (
              <p className="text-sm text-muted-foreground">{s.description}</p>
            ) : null}
            {s.pricing ? <SkillPricing pricing={s.pricing} /> : null}
          </li>
        )
      })}
    </ul>
  )
}

function Capabilities({ card }: { card: AgentCard }) {
  const caps = card.capabilities ?? {}
  const rows: { label: string; value: ReactNode }[] = [
    {
      label: 'Streaming',
      value: caps.streaming ? 'Advertised, but replies never stream (one JSON answer)' : 'No',
    },
    { label: 'Push notifications', value: caps.pushNotifications ? 'Yes' : 'No' },
    { label: 'State history', value: caps.stateTransitionHistory ? 'Advertised' : 'No' },
    {
      label: 'Authentication',
      value: card.authentication?.schemes.map((s) => s.scheme).join(', ') || '—',
    },
    {
      label: 'Payment',
      value: card.pricing
        ? `${card.pricing.paymentMethods?.join(', ') ?? '—'} · ${card.pricing.currency ?? 'USD'}`
        : '—',
    },
  ]
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
      {rows.map((r) => (
        <div key={r.label} className="contents">
          <dt className="text-muted-foreground">{r.label}</dt>
          <dd>{r.value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** The record of this agent in the directory (endpoints, pricing), found by its name. */
export function useDirectoryRecord(
  type: Service['type'],
  id: string,
  name: string,
  isEnabled = true,
) {
  const query = useQuery({
    ...directoryQuery({ type, query: name, category: '', tag: '', x402Only: false }),
    enabled: isEnabled && name.length > 0,
  })
  return { query, record: query.data?.services.find((s) => s.id === id) }
}

export function AgentService({
  agentId,
  nameHint,
  isTryOpen,
  onTryOpenChange,
  onForked,
  backLink,
}: AgentServiceProps) {
  const card = useQuery(agentCardQuery(agentId))
  const name = card.data?.name ?? nameHint
  // Only once the card is served: a lookup for an agent that is not public would put an empty
  // answer for its name in the cloud's 3-minute cache (docs/discover.md §Cache).
  const directory = useDirectoryRecord('agent', agentId, name, card.isSuccess)
  const keyVariable = useKeyVariable()
  const link = useConsoleLink()
  if (card.isPending) return <ServiceSkeleton />
  if (isApiError(card.error) && card.error.kind === 'forbidden')
    return (
      <EmptyState
        size="page"
        icon={Lock}
        title="This agent is not open to others"
        description={`${card.error.message}. Its owner has made it private or turned its A2A endpoint off.`}
        action={backLink}
      />
    )
  if (isApiError(card.error) && card.error.kind === 'not_found')
    return (
      <EmptyState
        size="page"
        icon={SearchX}
        title="No such agent"
        description="It may have been deleted. The directory lists the public agents that exist."
        action={backLink}
      />
    )
  if (card.error || !card.data)
    return (
      <ErrorState
        error={card.error}
        size="page"
        headingLevel={2}
        onRetry={() => void card.refetch()}
        isRetrying={card.isRefetching}
      />
    )
  const c = card.data
  const record = directory.record
  return (
    <div className="grid grid-cols-1 gap-6">
      <header className="flex flex-wrap items-start gap-4">
        <ServiceAvatar service={{ type: 'agent', image: c.image }} className="size-16" />
        <div className="grid min-w-0 flex-1 basis-60 gap-1.5">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold">{c.name}</h1>
            <TypeBadge type="agent" />
            {record?.verified ? (
              <Badge variant="success">
                <BadgeCheck aria-hidden />
                Verified
              </Badge>
            ) : null}
            {record ? <Badge variant="secondary">{pricingLabel(record.pricing)}</Badge> : null}
          </div>
          <p className="text-sm whitespace-pre-line text-muted-foreground">{c.description}</p>
        </div>
        <div className="flex gap-2">
          <Button onClick={() => onTryOpenChange(!isTryOpen)} aria-expanded={isTryOpen}>
            <MessageSquare aria-hidden />
            Try it
          </Button>
          <ForkDialog agentId={agentId} agentName={c.name} onForked={onForked} />
        </div>
      </header>

      {isTryOpen ? (
        <Card>
          <CardHeader className="flex flex-row items-start justify-between gap-2">
            <div className="grid gap-1">
              <CardTitle>Try {c.name}</CardTitle>
              <CardDescription>
                Through its A2A endpoint, method chat, billed to you.
              </CardDescription>
            </div>
            <Button
              variant="ghost"
              size="icon-sm"
              label="Close Try it"
              onClick={() => onTryOpenChange(false)}
            >
              <X aria-hidden />
            </Button>
          </CardHeader>
          <CardContent>
            <TryItPanel agentId={agentId} agentName={c.name} />
          </CardContent>
        </Card>
      ) : null}

      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <div className="grid gap-1">
              <CardTitle>Agent card</CardTitle>
              <CardDescription>
                What the agent advertises. Prices are display values; a reply is billed at the
                model's price plus the owner's markup.
              </CardDescription>
            </div>
          </CardHeader>
          <CardContent className="grid content-start gap-4">
            <SkillList card={c} />
            <Capabilities card={c} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <div className="grid gap-1">
              <CardTitle>Connect a client</CardTitle>
              <CardDescription>The agent card URL and MCP configurations.</CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            {directory.query.isPending && name ? (
              <Skeleton className="h-48" />
            ) : record ? (
              <ClientConfigPanel
                name={record.name}
                a2aEndpoint={record.a2aEndpoint}
                mcpEndpoint={record.mcpEndpoint}
                keyVariable={keyVariable}
                link={link}
              />
            ) : directory.query.error ? (
              <ErrorState
                error={directory.query.error}
                onRetry={() => void directory.query.refetch()}
              />
            ) : (
              <p className="flex gap-2 text-sm text-muted-foreground">
                <TriangleAlert aria-hidden className="size-4 shrink-0" />
                The directory does not list this agent's endpoints right now (results may be up to 3
                minutes old).
              </p>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  )
}

export function ServiceSkeleton() {
  return (
    <div className="grid gap-6" aria-busy="true" aria-label="Loading the service">
      <div className="flex gap-4">
        <Skeleton className="size-16 rounded-lg" />
        <div className="grid flex-1 gap-2">
          <Skeleton className="h-6 w-48" />
          <Skeleton className="h-4 w-full max-w-lg" />
        </div>
      </div>
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
        <Skeleton className="h-72" />
        <Skeleton className="h-72" />
      </div>
    </div>
  )
}
