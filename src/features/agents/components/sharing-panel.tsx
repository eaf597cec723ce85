import { zodResolver } from '@hookform/resolvers/zod'
import { useQuery } from '@tanstack/react-query'
import { Globe, Lock, Store } from 'lucide-react'
import { useState } from 'react'
import { useForm, useWatch } from 'react-hook-form'
import { ErrorState } from '@/components/error-state'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Skeleton } from '@/components/ui/skeleton'
import { toast } from '@/components/toast'
import { usePublishAgent, useSetAgentVisibility, useUnpublishAgent } from '../api/mutations'
import { agentShareQuery, publishAgentInput, type PublishAgentValues } from '../api/publishing'
import type { Agent } from '../api/schemas'
import { AgentEndpoints } from './agent-endpoints'
import { CheckboxField } from './checkbox-field'
import { CopyableValue } from '@/components/copyable-value'
import { useConsoleLink } from '@/api/console-info/queries'
import { ConfirmMutationDialog } from '@/components/confirm-mutation-dialog'

type AgentRef = Pick<Agent, 'id' | 'name'>

/**
 * Visibility of an agent: a share link while public, "Make public" (share) and "Publish" (the
 * marketplace, with A2A/MCP and monetization flags) while private, "Unpublish" behind a confirmation.
 */
export function SharingPanel({ agent }: { agent: AgentRef }) {
  const share = useQuery(agentShareQuery(agent.id))
  const link = useConsoleLink()
  const setVisibility = useSetAgentVisibility()
  // Held here, not in the dialog: a successful publish unmounts the dialog (the agent is public).
  // Its answer has the protocol endpoints, which GET share lists only for ERC-8004 agents.
  const publish = usePublishAgent({ onDone: (result) => toast.success(result.message) })
  const published = publish.data

  let body
  if (share.isPending) {
    body = <Skeleton className="h-20" />
  } else if (share.isError) {
    body = (
      <ErrorState
        error={share.error}
        onRetry={() => void share.refetch()}
        isRetrying={share.isRefetching}
      />
    )
  } else {
    const s = share.data
    const a2a = s.a2aEndpoint ?? published?.a2aEndpoint ?? null
    const mcp = s.mcpEndpoint ?? published?.mcpEndpoint ?? null
    body = (
      <div className="grid gap-4">
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span>Visibility</span>
          {s.isPublic ? (
            <Badge variant="success">
              <Globe aria-hidden />
              Public
            </Badge>
          ) : (
            <Badge variant="outline">
              <Lock aria-hidden />
              Private
            </Badge>
          )}
          <span className="text-muted-foreground">
            {s.isPublic
              ? 'Anyone with the link can chat with this agent.'
              : 'Only you can chat with this agent.'}
          </span>
        </p>
        {s.isPublic && s.shareUrl ? (
          <CopyableValue label="Share link" value={link(s.shareUrl)} copyLabel="Copy link" />
        ) : null}
        <div className="flex flex-wrap gap-2">
          {s.isPublic ? (
            <UnpublishButton agent={agent} />
          ) : (
            <>
              <Button
                variant="outline"
                pending={setVisibility.isPending}
                onClick={() => setVisibility.mutate({ id: agent.id, isPublic: true })}
              >
                <Globe aria-hidden />
                Make public
              </Button>
              <PublishDialog agent={agent} publish={publish} />
            </>
          )}
        </div>
        {setVisibility.isError ? <ErrorState error={setVisibility.error} /> : null}
        {s.isPublic ? (
          <AgentEndpoints agent={agent} known={{ a2aEndpoint: a2a, mcpEndpoint: mcp }} />
        ) : null}
      </div>
    )
  }

  return (
    <Card aria-labelledby="sharing-title">
      <CardHeader className="grid gap-1">
        <CardTitle id="sharing-title">
          <Store aria-hidden />
          Sharing and publishing
        </CardTitle>
        <CardDescription>
          A public agent has a share link; publishing also lists it with A2A and MCP endpoints.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 pb-5">{body}</CardContent>
    </Card>
  )
}

function UnpublishButton({ agent }: { agent: AgentRef }) {
  const unpublish = useUnpublishAgent({
    onDone: () => toast.success(`${agent.name} is private again`),
  })
  return (
    <ConfirmMutationDialog
      trigger={
        <Button variant="outline" className="text-destructive">
          <Lock aria-hidden />
          Unpublish
        </Button>
      }
      title={`Unpublish ${agent.name}?`}
      description="The agent becomes private: its share link and endpoints stop working for others, and monetization is turned off."
      confirmLabel="Unpublish agent"
      mutation={unpublish}
      onConfirm={(close) => unpublish.mutate(agent.id, { onSuccess: close })}
    />
  )
}

const PUBLISH_DEFAULTS: PublishAgentValues = {
  a2aEnabled: true,
  mcpEnabled: true,
  enableMonetization: false,
  markupPercentage: '0',
  payoutWalletAddress: '',
}

function PublishDialog({
  agent,
  publish,
}: {
  agent: AgentRef
  publish: ReturnType<typeof usePublishAgent>
}) {
  const [isOpen, setOpen] = useState(false)
  const form = useForm<PublishAgentValues>({
    resolver: zodResolver(publishAgentInput),
    defaultValues: PUBLISH_DEFAULTS,
  })
  const { register, formState } = form
  const isMonetized = useWatch({ control: form.control, name: 'enableMonetization' })

  const submit = form.handleSubmit((values) =>
    // On failure the error is shown from the mutation's state; the dialog and the values stay.
    publish.mutate(
      { id: agent.id, values },
      {
        onSuccess: () => setOpen(false),
      },
    ),
  )

  return (
    <Dialog
      open={isOpen}
      onOpenChange={(open) => {
        setOpen(open)
        if (!open) publish.reset()
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <Store aria-hidden />
          Publish…
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>Publish {agent.name}</DialogTitle>
          <DialogDescription>
            Makes the agent public and reachable by other agents and tools.
          </DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" noValidate onSubmit={(e) => void submit(e)}>
          <CheckboxField
            label="A2A endpoint"
            description="Other agents can talk to it over the A2A protocol."
            {...register('a2aEnabled')}
          />
          <CheckboxField
            label="MCP endpoint"
            description="MCP clients can use it as a tool."
            {...register('mcpEnabled')}
          />
          <CheckboxField
            label="Monetization"
            description="Charge a markup on the inference others run through this agent."
            {...register('enableMonetization')}
          />
          {isMonetized ? (
            <div className="grid gap-3 sm:grid-cols-[8rem_1fr]">
              <Field label="Markup (%)" error={formState.errors.markupPercentage?.message}>
                <Input inputMode="decimal" {...register('markupPercentage')} />
              </Field>
              <Field
                label="Payout wallet address"
                error={formState.errors.payoutWalletAddress?.message}
              >
                <Input className="font-mono text-xs" {...register('payoutWalletAddress')} />
              </Field>
            </div>
          ) : null}
          {publish.isError ? <ErrorState error={publish.error} /> : null}
          <DialogFooter>
            <Button type="submit" pending={publish.isPending}>
              Publish agent
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
