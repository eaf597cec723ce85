import { useQuery } from '@tanstack/react-query'
import { Inbox } from 'lucide-react'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { EmptyState } from '@/components/empty-state'
import { ErrorState } from '@/components/error-state'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Field } from '@/components/ui/field'
import { NativeSelect } from '@/components/ui/native-select'
import { Skeleton } from '@/components/ui/skeleton'
import { useKeyVariable } from '@/api/console-info/queries'
import { taskHistoryQuery, type HistoryEntry } from '../api/history'
import {
  buildProductExample,
  buildTasksCancel,
  buildTasksGet,
  rewriteToMessageSend,
} from '../api/message'
import { useA2aCall } from '../api/mutations'
import { a2aServiceQuery } from '../api/queries'
import type { RpcExchange } from '../api/rpc'
import { rpcCodeOf } from '../api/rpc-errors'
import type { RpcRequest } from '../api/schemas'
import { SKILL_CATALOG, skillSpec } from '../api/skill-catalog'
import { ProductExample, RewriteOffer } from './product-example'
import { RpcErrorPanel } from './rpc-error-panel'
import { RpcExchangePanel } from './rpc-exchange-panel'
import { SkillForm } from './skill-form'
import { TaskHistory } from './task-history'
import { TaskTools } from './task-tools'
import { TaskView } from './task-view'

type A2aConsoleProps = {
  skillId: string
  /** The open task (`?task=`): fetched again with tasks/get on arrival. */
  taskId: string
  onSkillChange: (skillId: string) => void
  onTaskChange: (taskId: string) => void
  /** Changes on each arrival that asks for the form (Cmd+K "Send A2A task"): the Skill gets focus. */
  focusKey?: string | null
}

type Call = { request: RpcRequest; isProductExample: boolean }

export function A2aConsole({
  skillId,
  taskId,
  onSkillChange,
  onTaskChange,
  focusKey = null,
}: A2aConsoleProps) {
  const service = useQuery(a2aServiceQuery())
  const history = useQuery(taskHistoryQuery())
  const keyVariable = useKeyVariable()
  const call = useA2aCall()
  const [lastCall, setLastCall] = useState<Call | null>(null)
  /** Task ids already fetched or answered, so the URL's task is fetched once per arrival. */
  const seenTasks = useRef(new Set<string>())
  const skillRef = useRef<HTMLSelectElement>(null)
  const resultRef = useRef<HTMLElement>(null)

  useEffect(() => {
    if (focusKey) skillRef.current?.focus()
  }, [focusKey])

  const run = (request: RpcRequest, isProductExample = false) => {
    setLastCall({ request, isProductExample })
    call.mutate(request, {
      onSuccess: (exchange) => {
        if (exchange.outcome.ok) {
          const id = exchange.outcome.task.id
          seenTasks.current.add(id)
          if (id !== taskId) onTaskChange(id)
        }
      },
      onSettled: () => {
        // The pressed button was disabled while the call ran, so focus fell to the page: put it
        // on the result, where a keyboard or screen-reader user reads on.
        const active = document.activeElement
        if (!active || active === document.body) resultRef.current?.focus()
      },
    })
  }

  // Arriving with ?task= (a reload, a shared link, a history click): ask the cloud again.
  useEffect(() => {
    if (!taskId || seenTasks.current.has(taskId)) return
    seenTasks.current.add(taskId)
    const request = buildTasksGet(taskId)
    setLastCall({ request, isProductExample: false })
    call.mutate(request)
    // `call.mutate` is stable; only a new task id starts a fetch
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [taskId])

  const skills = service.data?.skills ?? SKILL_CATALOG.map((s) => ({ id: s.id, description: '' }))
  const cloudDescription = service.data?.skills.find((s) => s.id === skillId)?.description
  const exchange: RpcExchange | undefined = call.data
  const stored = history.data?.find((e) => e.id === (exchange?.request.params?.id ?? taskId))
  const canRewrite =
    lastCall?.isProductExample === true &&
    exchange !== undefined &&
    !exchange.outcome.ok &&
    rpcCodeOf(exchange.outcome.error) === -32601

  const handleOpenFromHistory = (id: string) => {
    // The same task again: fetch it anew; another one: the URL change fetches it.
    if (id === taskId) run(buildTasksGet(id))
    else onTaskChange(id)
  }

  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">A2A</h1>
        <p className="max-w-prose text-sm text-muted-foreground">
          The platform’s agent-to-agent endpoint, <code className="font-mono">POST /api/a2a</code>:
          JSON-RPC 2.0 with <code className="font-mono">message/send</code>,{' '}
          <code className="font-mono">tasks/get</code> and{' '}
          <code className="font-mono">tasks/cancel</code>. Pick a skill, send, and read the task
          that comes back.
        </p>
      </div>

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="grid min-w-0 gap-6">
          <Card>
            <SectionHeader title="Send a message">
              A <code className="font-mono">message/send</code> whose data part names the skill and
              carries its arguments.
            </SectionHeader>
            <CardContent className="grid gap-4">
              {service.isError ? (
                <ErrorState
                  error={service.error}
                  onRetry={() => void service.refetch()}
                  isRetrying={service.isRefetching}
                  retryLabel="Load the skills again"
                />
              ) : null}
              <Field
                label="Skill"
                description={service.isPending ? 'Loading the skills the cloud lists…' : undefined}
              >
                <NativeSelect
                  ref={skillRef}
                  value={skillId}
                  onChange={(e) => onSkillChange(e.target.value)}
                >
                  {skills.some((s) => s.id === skillId) ? null : (
                    <option value={skillId}>{skillId}</option>
                  )}
                  {skills.map((s) => (
                    <option key={s.id} value={s.id}>
                      {skillSpec(s.id).title} ({s.id})
                    </option>
                  ))}
                </NativeSelect>
              </Field>
              <SkillForm
                skillId={skillId}
                cloudDescription={cloudDescription}
                isPending={call.isPending}
                keyVariable={keyVariable}
                onSend={(request) => run(request)}
              />
            </CardContent>
          </Card>

          <Card
            ref={resultRef}
            tabIndex={-1}
            aria-label="Result"
            className="outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            <SectionHeader title="Result">
              {lastCall ? (
                <>
                  The answer to <span className="font-mono">{lastCall.request.method}</span>
                  {lastCall.isProductExample ? ', the product description’s example' : ''}.
                </>
              ) : (
                'The task the cloud returns, or its error.'
              )}
            </SectionHeader>
            <CardContent className="grid gap-4" aria-live="polite" aria-busy={call.isPending}>
              <ResultBody
                isPending={call.isPending}
                error={call.error}
                exchange={exchange}
                stored={stored}
                onRetry={
                  lastCall ? () => run(lastCall.request, lastCall.isProductExample) : undefined
                }
              />
              {canRewrite && lastCall ? (
                <RewriteOffer
                  isPending={call.isPending}
                  onRewrite={() => run(rewriteToMessageSend(lastCall.request))}
                />
              ) : null}
              {lastCall ? (
                <RpcExchangePanel
                  request={lastCall.request}
                  exchange={call.isPending ? undefined : exchange}
                  keyVariable={keyVariable}
                />
              ) : null}
            </CardContent>
          </Card>
        </div>

        <div className="grid min-w-0 gap-6">
          <Card>
            <SectionHeader title="Task">Look a task up again, or cancel it.</SectionHeader>
            <CardContent>
              <TaskTools
                taskId={taskId}
                isPending={call.isPending}
                onGet={(id, length) => {
                  seenTasks.current.add(id)
                  run(buildTasksGet(id, length))
                }}
                onCancel={(id) => run(buildTasksCancel(id))}
              />
            </CardContent>
          </Card>

          <Card>
            <SectionHeader title="History">Tasks sent from this browser.</SectionHeader>
            <CardContent>
              <TaskHistory
                entries={history.data}
                isError={history.isError}
                openTaskId={taskId}
                onOpen={handleOpenFromHistory}
              />
            </CardContent>
          </Card>

          <Card>
            <SectionHeader title="Product description example" />
            <CardContent>
              <ProductExample
                isPending={call.isPending}
                onTry={() => run(buildProductExample(), true)}
              />
            </CardContent>
          </Card>

          <Card>
            <SectionHeader title="Skills">
              What GET /api/a2a lists, and what each needs.
            </SectionHeader>
            <CardContent>
              {service.isPending ? (
                <div className="grid gap-2" aria-hidden>
                  <Skeleton className="h-10" />
                  <Skeleton className="h-10" />
                  <Skeleton className="h-10" />
                </div>
              ) : (
                <ul aria-label="Skills" className="grid gap-1">
                  {skills.map((s) => {
                    const spec = skillSpec(s.id)
                    const needs = spec.fields
                      .filter((f) => 'required' in f && f.required)
                      .map((f) => f.name)
                    if (spec.text?.required) needs.unshift('text')
                    for (const group of spec.oneOf ?? []) needs.push(group.join(' or '))
                    return (
                      <li key={s.id}>
                        <button
                          type="button"
                          aria-current={s.id === skillId || undefined}
                          onClick={() => onSkillChange(s.id)}
                          className="grid w-full gap-0.5 rounded-md px-2 py-1.5 text-left text-sm hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none aria-[current]:bg-muted"
                        >
                          <span className="font-mono text-xs font-medium">{s.id}</span>
                          <span className="text-xs text-muted-foreground">
                            {s.description || spec.summary}
                            {needs.length ? ` · needs ${needs.join(', ')}` : ''}
                          </span>
                        </button>
                      </li>
                    )
                  })}
                </ul>
              )}
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  )
}

function ResultBody({
  isPending,
  error,
  exchange,
  stored,
  onRetry,
}: {
  isPending: boolean
  error: unknown
  exchange: RpcExchange | undefined
  stored: HistoryEntry | undefined
  onRetry?: () => void
}) {
  if (isPending) {
    return (
      <div role="status" className="grid gap-2">
        <span className="text-sm text-muted-foreground">Waiting for the cloud…</span>
        <Skeleton className="h-6 w-40" />
        <Skeleton className="h-24" />
      </div>
    )
  }
  if (error) return <ErrorState error={error} onRetry={onRetry} />
  if (!exchange) {
    return (
      <EmptyState
        icon={Inbox}
        title="Nothing sent yet"
        description="Fill in a skill’s form and press Send; the task the cloud returns appears here."
      />
    )
  }
  if (exchange.outcome.ok) return <TaskView task={exchange.outcome.task} />
  const isMissingTask =
    exchange.request.method !== 'message/send' && rpcCodeOf(exchange.outcome.error) === -32001
  return (
    <div className="grid gap-4">
      <RpcErrorPanel error={exchange.outcome.error} onRetry={onRetry} />
      {isMissingTask && stored ? (
        <section
          aria-label="Stored copy"
          className="grid gap-3 rounded-lg border border-dashed p-4"
        >
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="text-base font-semibold">Stored copy</h3>
            <Badge variant="outline">from this browser</Badge>
          </div>
          <p className="text-sm text-muted-foreground">
            The cloud no longer has this task (it keeps tasks for one hour). This is the copy saved
            in this browser on{' '}
            <time dateTime={stored.savedAt}>{new Date(stored.savedAt).toLocaleString()}</time>, not
            a fresh answer.
          </p>
          <TaskView task={stored.task} />
        </section>
      ) : null}
    </div>
  )
}

function SectionHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <CardHeader className="grid gap-1">
      <CardTitle className="text-base font-semibold text-foreground">{title}</CardTitle>
      {children ? <CardDescription>{children}</CardDescription> : null}
    </CardHeader>
  )
}
