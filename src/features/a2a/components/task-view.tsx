import { formatNumber, formatUsd } from '@/lib/format'
import type { Artifact, Message, Task } from '../api/schemas'
import { PartView } from './part-view'
import { TaskStateBadge } from './task-state-badge'

type Usage = {
  model?: string
  usage?: { inputTokens?: number; outputTokens?: number; totalTokens?: number }
  cost?: number
}

/** The usage/cost artifact's first data part, when it has that shape (docs/a2a.md §Skills). */
function usageOf(artifact: Artifact): Usage | null {
  const data = artifact.parts.find((p) => (p.type ?? p.kind) === 'data')?.data
  if (!data || typeof data !== 'object') return null
  const u = data as Usage
  return typeof u.cost === 'number' || u.usage ? u : null
}

function UsageSummary({ usage }: { usage: Usage }) {
  const items: [string, string][] = []
  if (usage.model) items.push(['Model', usage.model])
  if (usage.usage?.inputTokens !== undefined) {
    items.push(['Input tokens', formatNumber(usage.usage.inputTokens)])
  }
  if (usage.usage?.outputTokens !== undefined) {
    items.push(['Output tokens', formatNumber(usage.usage.outputTokens)])
  }
  if (usage.usage?.totalTokens !== undefined) {
    items.push(['Total tokens', formatNumber(usage.usage.totalTokens)])
  }
  if (typeof usage.cost === 'number') items.push(['Cost', formatUsd(usage.cost)])
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-3">
      {items.map(([term, value]) => (
        <div key={term} className="min-w-0">
          <dt className="text-xs text-muted-foreground">{term}</dt>
          <dd className="truncate font-medium tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  )
}

function MessageBlock({ message, label }: { message: Message; label: string }) {
  return (
    <div className="grid gap-2">
      {message.parts.map((part, i) => (
        <PartView key={i} part={part} label={`${label}, part ${i + 1}`} />
      ))}
    </div>
  )
}

/** A task as the cloud returned it: state, status message, history and artifacts. */
export function TaskView({ task }: { task: Task }) {
  const artifacts = task.artifacts ?? []
  const history = task.history ?? []
  return (
    <div className="grid gap-4">
      <dl className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <div className="flex items-center gap-2">
          <dt className="text-muted-foreground">State</dt>
          <dd>
            <TaskStateBadge state={task.status.state} />
          </dd>
        </div>
        <div className="flex min-w-0 items-center gap-2">
          <dt className="text-muted-foreground">Task id</dt>
          <dd className="truncate font-mono text-xs">{task.id}</dd>
        </div>
        {task.status.timestamp ? (
          <div className="flex items-center gap-2">
            <dt className="text-muted-foreground">Updated</dt>
            <dd>
              <time dateTime={task.status.timestamp}>
                {new Date(task.status.timestamp).toLocaleString()}
              </time>
            </dd>
          </div>
        ) : null}
      </dl>

      <section aria-label="Status message" className="grid gap-2">
        <h4 className="text-sm font-semibold">Status message</h4>
        {task.status.message ? (
          <div className="rounded-md border bg-card p-3">
            <MessageBlock message={task.status.message} label="Status message" />
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">The task carries no status message.</p>
        )}
      </section>

      {artifacts.length ? (
        <section aria-label="Artifacts" className="grid gap-2">
          <h4 className="text-sm font-semibold">Artifacts</h4>
          <ul className="grid gap-2">
            {artifacts.map((artifact, i) => {
              const usage = usageOf(artifact)
              const name = artifact.name ?? `Artifact ${i + 1}`
              return (
                <li
                  key={i}
                  aria-label={`Artifact ${name}`}
                  className="grid gap-2 rounded-md border p-3"
                >
                  <p className="text-sm">
                    <span className="font-medium">{name}</span>
                    {artifact.description ? (
                      <span className="text-muted-foreground"> · {artifact.description}</span>
                    ) : null}
                  </p>
                  {usage ? <UsageSummary usage={usage} /> : null}
                  <details className="text-sm">
                    <summary className="cursor-pointer text-muted-foreground">Parts</summary>
                    <div className="mt-2 grid gap-2">
                      {artifact.parts.map((part, j) => (
                        <PartView key={j} part={part} label={`${name}, part ${j + 1}`} />
                      ))}
                    </div>
                  </details>
                </li>
              )
            })}
          </ul>
        </section>
      ) : null}

      <section aria-label="History" className="grid gap-2">
        <h4 className="text-sm font-semibold">History ({history.length})</h4>
        {history.length ? (
          <ol className="grid gap-2">
            {history.map((message, i) => (
              <li
                key={i}
                aria-label={`${message.role} message ${i + 1}`}
                className="grid gap-2 rounded-md border p-3"
              >
                <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
                  {message.role}
                </p>
                <MessageBlock message={message} label={`${message.role} message ${i + 1}`} />
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-sm text-muted-foreground">No messages in the history.</p>
        )}
      </section>
    </div>
  )
}
