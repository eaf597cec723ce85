import { useSuspenseQuery } from '@tanstack/react-query'
import { AlertCircle, BookOpen, UserRound } from 'lucide-react'
import { useRef, useState, type ReactNode } from 'react'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Skeleton } from '@/components/ui/skeleton'
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs'
import { toast } from '@/components/toast'
import { formatRelativeTime } from '@/lib/format'
import {
  agentToForm,
  emptyAgentForm,
  extraFields,
  formToUpdate,
  toLines,
  type AgentFormValues,
} from '../api/agent-form'
import { useCreateAgent, useUpdateAgent } from '../api/mutations'
import { agentQuery } from '../api/queries'
import type { Agent } from '../api/schemas'
import { AgentActions } from './agent-actions'
import { AgentAvatar } from './agent-avatar'
import { AgentForm } from './agent-form'
import { EditInDashboardNotice, isEditUnsupported, useCanEditAgents } from './edit-availability'
import { MonetizationPanel } from './monetization-panel'
import { RuntimePanel } from './runtime-panel'
import { SharingPanel } from './sharing-panel'

const ALL_BUT_NAME_AND_BIO = new Set(
  (Object.keys(emptyAgentForm()) as (keyof AgentFormValues)[]).filter(
    (k) => k !== 'name' && k !== 'bio',
  ),
)
const ALL_FIELDS = new Set(Object.keys(emptyAgentForm()) as (keyof AgentFormValues)[])

type CreateProps = {
  /** Awaited before the page is left: the create button stays pending meanwhile. */
  onCreated: (id: string) => void | Promise<void>
  backLink: ReactNode
  /** Another feature's section of the form (the route passes the knowledge files). */
  attachments?: ReactNode
}

/**
 * Create: the cloud's quick create takes only name and bio (docs/cloud/agents.md); the other fields are
 * saved right after through the edit route when the upstream has it. If that second step fails,
 * the agent exists: the form stays, shows why, and the next submit only edits.
 */
export function AgentCreatePage({ onCreated, backLink, attachments }: CreateProps) {
  const canEdit = useCanEditAgents()
  const create = useCreateAgent()
  const update = useUpdateAgent()
  const [createdId, setCreatedId] = useState<string | null>(null)

  async function handleSubmit(values: AgentFormValues) {
    let id = createdId
    if (!id) {
      const bio = toLines(values.bio).join('\n')
      id = (await create.mutateAsync({ name: values.name.trim(), bio })).agent.id
      setCreatedId(id)
    }
    const rest = extraFields(values)
    const needsEdit = createdId !== null || rest.length > 0 || toLines(values.bio).length > 1
    if (canEdit && needsEdit) {
      await update.mutateAsync({
        id,
        body: formToUpdate(values, createdId ? undefined : [...rest, 'bio']),
      })
    }
    await onCreated(id)
  }

  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        {backLink}
        <h1 className="text-2xl font-semibold tracking-tight">New agent</h1>
        <p className="text-sm text-muted-foreground">
          A persona: who it is, how it talks, and examples of it talking.
        </p>
      </div>
      {createdId ? (
        <Alert variant="warning" role="status">
          <AlertCircle aria-hidden />
          <AlertTitle>The agent was created, but not all its fields were saved</AlertTitle>
          <AlertDescription>
            Fix the fields below and save again; no second agent is created.
          </AlertDescription>
        </Alert>
      ) : null}
      <AgentForm
        defaultValues={emptyAgentForm()}
        lockedFields={canEdit === false ? ALL_BUT_NAME_AND_BIO : undefined}
        lockedNotice={
          canEdit === false ? <EditInDashboardNotice what="anything but the name and bio" /> : null
        }
        submitLabel={createdId ? 'Save agent' : 'Create agent'}
        resetOnSuccess={false}
        onSubmit={handleSubmit}
        extraSection={attachments}
      />
    </div>
  )
}

export type AgentTab = 'overview' | 'knowledge'

type DetailProps = {
  agentId: string
  backLink: ReactNode
  chatLink: (children: ReactNode) => ReactNode
  onDuplicated: (agent: Agent) => void
  onDeleted: () => void
  /** The open tab (kept in the URL by the route). */
  tab: AgentTab
  onTabChange: (tab: AgentTab) => void
  /** The Knowledge tab's content: another feature's panel, composed by the route. */
  knowledge: ReactNode
}

export function AgentDetailPage({
  agentId,
  backLink,
  chatLink,
  onDuplicated,
  onDeleted,
  tab,
  onTabChange,
  knowledge,
}: DetailProps) {
  const { data: agent } = useSuspenseQuery(agentQuery(agentId))
  const canEdit = useCanEditAgents()
  const update = useUpdateAgent()
  const isLocked = canEdit === false || isEditUnsupported(update.error)
  // after a delete the page is left without asking about the form's unsaved edits
  const isDeleted = useRef(false)

  return (
    <div className="grid gap-6">
      <div className="grid gap-3">
        {backLink}
        <div className="flex flex-wrap items-center gap-3">
          <AgentAvatar name={agent.name} url={agent.avatarUrl} className="size-12" />
          <div className="grid min-w-0 gap-0.5">
            <h1 className="truncate text-2xl font-semibold tracking-tight">{agent.name}</h1>
            <p className="text-sm text-muted-foreground">
              {agent.username ? `@${agent.username} · ` : ''}
              {agent.isPublic ? 'Public' : 'Private'} · updated{' '}
              {formatRelativeTime(agent.updatedAt)}
            </p>
          </div>
        </div>
        <AgentActions
          agent={agent}
          chatLink={chatLink}
          onDuplicated={(copy) => {
            toast.success(`Duplicated as “${copy.name}”`)
            onDuplicated(copy)
          }}
          onDeleted={() => {
            isDeleted.current = true
            toast.success(`Deleted “${agent.name}”`)
            onDeleted()
          }}
        />
      </div>
      <Tabs
        value={tab}
        onValueChange={(value) => onTabChange(value === 'knowledge' ? 'knowledge' : 'overview')}
        className="gap-6"
      >
        <TabsList aria-label="Agent sections">
          <TabsTrigger value="overview">
            <UserRound aria-hidden />
            Overview
          </TabsTrigger>
          <TabsTrigger value="knowledge">
            <BookOpen aria-hidden />
            Knowledge
          </TabsTrigger>
        </TabsList>
        {/* Kept mounted while hidden, so unsaved edits survive a look at the Knowledge tab. */}
        <TabsContent
          value="overview"
          forceMount
          className="grid gap-6 data-[state=inactive]:hidden"
        >
          <RuntimePanel agent={agent} />
          <div className="grid items-start gap-6 lg:grid-cols-2">
            <SharingPanel agent={agent} />
            <MonetizationPanel agent={agent} />
          </div>
          <AgentForm
            key={`${agent.id}:${agent.updatedAt}`}
            defaultValues={agentToForm(agent)}
            lockedFields={isLocked ? ALL_FIELDS : undefined}
            lockedNotice={isLocked ? <EditInDashboardNotice what="an agent" /> : null}
            submitLabel="Save changes"
            shouldGuard={() => !isDeleted.current}
            onSubmit={async (values, dirty) => {
              if (dirty.length === 0) return
              await update.mutateAsync({ id: agent.id, body: formToUpdate(values, dirty) })
              toast.success('Saved')
            }}
          />
        </TabsContent>
        <TabsContent value="knowledge">{knowledge}</TabsContent>
      </Tabs>
    </div>
  )
}

export function AgentDetailSkeleton() {
  return (
    <div className="grid gap-6" role="status" aria-label="Loading agent">
      <div className="flex items-center gap-3">
        <Skeleton className="size-12 rounded-lg" />
        <div className="grid gap-2">
          <Skeleton className="h-7 w-48" />
          <Skeleton className="h-4 w-64" />
        </div>
      </div>
      <Skeleton className="h-9 w-full max-w-xl" />
      <Skeleton className="h-28 rounded-xl" />
      <Skeleton className="h-96 rounded-xl" />
    </div>
  )
}
