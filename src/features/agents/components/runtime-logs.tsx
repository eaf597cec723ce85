import { useQuery } from '@tanstack/react-query'
import { Pause, Play, RefreshCw, ScrollText } from 'lucide-react'
import { useLayoutEffect, useRef, useState } from 'react'
import { ErrorState } from '@/components/error-state'
import { Button } from '@/components/ui/button'
import { NativeSelect } from '@/components/ui/native-select'
import { Skeleton } from '@/components/ui/skeleton'
import { formatNumber } from '@/lib/format'
import { LOG_TAILS, runtimeLogsQuery } from '../api/runtime'
import type { Runtime } from '../api/schemas'
import { CopyButton } from '@/components/copy-button'

/**
 * The runtime's recent log lines. Only a running runtime has logs; otherwise the cloud answers a
 * sentence about its state, shown as such. "Follow" refetches every 2 s and keeps the view at the end.
 */
export function RuntimeLogs({ runtime }: { runtime: Pick<Runtime, 'id' | 'status'> }) {
  const [tail, setTail] = useState<number>(LOG_TAILS[0])
  const [isFollowing, setFollowing] = useState(false)
  const isRunning = runtime.status === 'running'
  const logs = useQuery(
    runtimeLogsQuery(runtime.id, tail, runtime.status, isFollowing && isRunning),
  )
  const preRef = useRef<HTMLPreElement>(null)
  useLayoutEffect(() => {
    const el = preRef.current
    if (el && isFollowing) el.scrollTop = el.scrollHeight
  }, [logs.data, isFollowing])

  let body
  if (logs.isPending) body = <Skeleton className="h-32" />
  else if (logs.isError)
    body = (
      <ErrorState
        error={logs.error}
        onRetry={() => void logs.refetch()}
        isRetrying={logs.isRefetching}
        retryLabel="Retry logs"
      />
    )
  else if (!isRunning) body = <p className="text-sm text-muted-foreground">{logs.data}</p>
  else
    body = (
      <pre
        ref={preRef}
        role="log"
        aria-label="Runtime logs"
        className="max-h-72 overflow-auto rounded-md border border-border bg-muted/50 p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap"
      >
        {logs.data}
      </pre>
    )

  const lineCount = isRunning && logs.data ? logs.data.split('\n').length : 0
  return (
    <section aria-labelledby="runtime-logs-title" className="grid gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="runtime-logs-title" className="flex items-center gap-2 text-sm font-medium">
          <ScrollText aria-hidden className="size-4" />
          Logs
          {lineCount ? (
            <span className="text-xs font-normal text-muted-foreground">
              last {formatNumber(lineCount)} lines
            </span>
          ) : null}
        </h3>
        <div className="flex flex-wrap items-center gap-2">
          <NativeSelect
            aria-label="Log lines"
            value={String(tail)}
            onChange={(e) => setTail(Number(e.target.value))}
            className="w-28"
          >
            {LOG_TAILS.map((n) => (
              <option key={n} value={n}>
                {formatNumber(n)} lines
              </option>
            ))}
          </NativeSelect>
          <Button
            variant="outline"
            size="sm"
            aria-pressed={isFollowing}
            disabled={!isRunning}
            onClick={() => setFollowing((f) => !f)}
          >
            {isFollowing ? <Pause aria-hidden /> : <Play aria-hidden />}
            Follow
          </Button>
          <Button
            variant="outline"
            size="sm"
            pending={logs.isRefetching && !isFollowing}
            onClick={() => void logs.refetch()}
          >
            <RefreshCw aria-hidden />
            Refresh logs
          </Button>
          <CopyButton
            text={logs.data ?? ''}
            label="Copy logs"
            disabled={!isRunning || !logs.data}
          />
        </div>
      </div>
      {body}
    </section>
  )
}
