import { useQuery } from '@tanstack/react-query'
import {
  Check,
  CircleDashed,
  Loader2,
  Pause,
  Play,
  RotateCcw,
  Rocket,
  Server,
  Trash2,
} from 'lucide-react'
import { ErrorState } from '@/components/error-state'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import { ConfirmMutationDialog } from '@/components/confirm-mutation-dialog'
import { formatRelativeTime } from '@/lib/format'
import { cn } from '@/lib/cn'
import {
  useDeleteRuntime,
  useDeployAgent,
  useRestartRuntime,
  useResumeRuntime,
  useSuspendRuntime,
} from '../api/mutations'
import { runtimeListQuery, runtimeQuery } from '../api/queries'
import type { Agent, Runtime } from '../api/schemas'
import { RuntimeLogs } from './runtime-logs'

const STATUS_LABEL: Record<Runtime['status'], string> = {
  pending: 'Not started',
  provisioning: 'Provisioning',
  running: 'Running',
  stopped: 'Suspended',
  disconnected: 'Disconnected',
  error: 'Failed',
}
const STATUS_VARIANT = {
  pending: 'outline',
  provisioning: 'info',
  running: 'success',
  stopped: 'secondary',
  disconnected: 'warning',
  error: 'destructive',
} as const

/**
 * The steps a provisioning goes through, as the runtime reports them: the database first, then
 * the container. Each step is checked only when the API says so; nothing is estimated.
 */
function steps(runtime: Runtime) {
  const dbReady = runtime.databaseStatus === 'ready'
  const running = runtime.status === 'running'
  return [
    { label: 'Queued', done: runtime.status !== 'pending', active: runtime.status === 'pending' },
    { label: 'Database', done: dbReady, active: runtime.status === 'provisioning' && !dbReady },
    { label: 'Container', done: running, active: runtime.status === 'provisioning' && dbReady },
    { label: 'Running', done: running, active: false },
  ]
}

/** Deletes the runtime behind a confirmation; the agent itself stays. */
function DeleteRuntimeButton({ runtime, agentName }: { runtime: Runtime; agentName: string }) {
  const remove = useDeleteRuntime()
  return (
    <ConfirmMutationDialog
      trigger={
        <Button variant="outline" className="text-destructive">
          <Trash2 aria-hidden />
          Delete runtime
        </Button>
      }
      title={`Delete the runtime of ${agentName}?`}
      description="The container, its database and its backups are deleted for good. The agent’s persona stays, and it can be deployed again later."
      confirmLabel="Delete runtime"
      mutation={remove}
      onConfirm={(close) => remove.mutate(runtime.id, { onSuccess: close })}
    />
  )
}

/** The agent's hosted runtime: deploy, progress, suspend, resume, restart, logs and delete. */
export function RuntimePanel({ agent }: { agent: Pick<Agent, 'id' | 'name'> }) {
  const list = useQuery(runtimeListQuery())
  const mine = list.data?.find((r) => r.characterId === agent.id)
  const runtime = useQuery({ ...runtimeQuery(mine?.id ?? ''), enabled: Boolean(mine) })
  const deploy = useDeployAgent()
  const suspend = useSuspendRuntime()
  const resume = useResumeRuntime()
  const restart = useRestartRuntime()
  const action = [deploy, suspend, resume, restart].find((m) => m.isError) ?? null

  let body
  if (list.isPending || (mine && runtime.isPending)) {
    body = <Skeleton className="h-16" />
  } else if (list.isError) {
    body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />
  } else if (!mine) {
    body = (
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground">
          Not deployed. A hosted runtime runs this agent in its own container (billed hourly, needs
          a $5.00 balance to start).
        </p>
        <Button pending={deploy.isPending} onClick={() => deploy.mutate({ agent })}>
          <Rocket aria-hidden />
          Deploy
        </Button>
      </div>
    )
  } else if (runtime.isError) {
    body = <ErrorState error={runtime.error} onRetry={() => void runtime.refetch()} />
  } else if (runtime.data) {
    const r = runtime.data
    body = (
      <div className="grid gap-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-2 text-sm">
            <span>Status</span>
            <Badge
              variant={STATUS_VARIANT[r.status]}
              role="status"
              aria-label={`Runtime status: ${STATUS_LABEL[r.status]}`}
            >
              {r.status === 'provisioning' ? (
                <Loader2 aria-hidden className="animate-spin" />
              ) : null}
              {STATUS_LABEL[r.status]}
            </Badge>
            {r.lastHeartbeatAt && r.status === 'running' ? (
              <span className="text-xs text-muted-foreground">
                heartbeat {formatRelativeTime(r.lastHeartbeatAt)}
              </span>
            ) : null}
          </div>
          <div className="flex gap-2">
            {r.status === 'running' ? (
              <>
                <Button
                  variant="outline"
                  pending={restart.isPending}
                  disabled={suspend.isPending}
                  onClick={() => restart.mutate(r.id)}
                >
                  <RotateCcw aria-hidden />
                  {restart.isPending ? 'Restarting…' : 'Restart'}
                </Button>
                <Button
                  variant="outline"
                  pending={suspend.isPending}
                  disabled={restart.isPending}
                  onClick={() => suspend.mutate(r.id)}
                >
                  <Pause aria-hidden />
                  Suspend
                </Button>
              </>
            ) : null}
            {r.status === 'stopped' || r.status === 'disconnected' ? (
              <Button pending={resume.isPending} onClick={() => resume.mutate(r.id)}>
                <Play aria-hidden />
                Resume
              </Button>
            ) : null}
            {r.status === 'pending' || r.status === 'error' ? (
              <Button
                pending={deploy.isPending}
                onClick={() => deploy.mutate({ agent, runtimeId: r.id })}
              >
                <Rocket aria-hidden />
                {r.status === 'error' ? 'Retry deploy' : 'Deploy'}
              </Button>
            ) : null}
            {/* The cloud refuses to delete while provisioning (409). */}
            {r.status !== 'provisioning' && !restart.isPending ? (
              <DeleteRuntimeButton runtime={r} agentName={agent.name} />
            ) : null}
          </div>
        </div>
        {r.status === 'provisioning' || r.status === 'pending' || r.status === 'running' ? (
          <ol aria-label="Provisioning progress" className="grid grid-cols-2 gap-2 sm:grid-cols-4">
            {steps(r).map((s) => (
              <li
                key={s.label}
                className={cn(
                  'flex items-center gap-2 rounded-md border border-border px-3 py-2 text-xs',
                  s.done ? 'text-foreground' : 'text-muted-foreground',
                )}
              >
                {s.done ? (
                  <Check aria-hidden className="size-4 text-success" />
                ) : s.active ? (
                  <Loader2 aria-hidden className="size-4 animate-spin" />
                ) : (
                  <CircleDashed aria-hidden className="size-4" />
                )}
                {s.label}
                <span className="sr-only">
                  {s.done ? ' (done)' : s.active ? ' (in progress)' : ''}
                </span>
              </li>
            ))}
          </ol>
        ) : null}
        {r.errorMessage ? <p className="text-sm text-destructive">{r.errorMessage}</p> : null}
        <RuntimeLogs runtime={r} />
      </div>
    )
  }

  return (
    <Card aria-labelledby="runtime-title">
      <CardHeader>
        <CardTitle id="runtime-title">
          <Server aria-hidden />
          Hosted runtime
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3 pb-5">
        {body}
        {action?.error ? <ErrorState error={action.error} /> : null}
      </CardContent>
    </Card>
  )
}
