import { Ban, CheckCircle2, CircleAlert, Clock, Loader2, X } from 'lucide-react'
import { useId, type ReactNode } from 'react'
import { ErrorState } from '@/components/error-state'
import { Button } from '@/components/ui/button'
import type { ApiError } from '@/lib/api-error'
import { cn } from '@/lib/cn'
import { formatBytes, formatNumber } from '@/lib/format'
import { isKnowledgeUnavailable } from '../api/queries'
import { KnowledgeUnavailable } from './knowledge-unavailable'

export type LogRow = {
  key: string
  name: string
  size: number
  state: 'refused' | 'queued' | 'uploading' | 'added' | 'failed' | 'removing'
  /** Why it was refused or failed. */
  reason?: string
  /** Added: the fragments the cloud made of it (null when it did not say). */
  fragmentCount?: number | null
}

type UploadLogProps = {
  title: string
  rows: readonly LogRow[]
  /** The words of the "added" state (e.g. "Added", "Attached"). */
  doneLabel: string
  /** The words of the "uploading" state (default "Uploading…"). */
  busyLabel?: string
  /** The last request that failed as a whole. */
  requestError: ApiError | null
  /** Sends again the files whose request failed (shown when there are some). */
  onRetry?: () => void
  onClear?: () => void
  /** Per-row action (e.g. Remove a staged file). */
  rowAction?: (row: LogRow) => ReactNode
  className?: string
}

const fragments = (n: number) => `${formatNumber(n)} ${n === 1 ? 'fragment' : 'fragments'}`

function RowStatus({
  row,
  doneLabel,
  busyLabel,
}: {
  row: LogRow
  doneLabel: string
  busyLabel: string
}) {
  switch (row.state) {
    case 'refused':
      return (
        <>
          <Ban aria-hidden className="text-destructive" />
          <span className="text-destructive">Refused before sending: {row.reason}</span>
        </>
      )
    case 'queued':
      return (
        <>
          <Clock aria-hidden />
          <span>Waiting</span>
        </>
      )
    case 'uploading':
    case 'removing':
      return (
        <>
          <Loader2 aria-hidden className="animate-spin" />
          <span>{row.state === 'uploading' ? busyLabel : 'Removing…'}</span>
        </>
      )
    case 'added':
      return (
        <>
          <CheckCircle2 aria-hidden className="text-success" />
          <span className="text-success">
            {doneLabel}
            {row.fragmentCount != null ? ` · ${fragments(row.fragmentCount)}` : ''}
          </span>
        </>
      )
    case 'failed':
      return (
        <>
          <CircleAlert aria-hidden className="text-destructive" />
          <span className="text-destructive">Failed: {row.reason}</span>
        </>
      )
  }
}

/** Counts per outcome, e.g. "2 added, 1 failed, 1 refused". */
export function summarize(rows: readonly LogRow[], doneLabel: string): string {
  const count = (state: LogRow['state']) => rows.filter((r) => r.state === state).length
  const parts: string[] = []
  const pending = count('queued') + count('uploading')
  if (pending) parts.push(`${pending} in progress`)
  if (count('added')) parts.push(`${count('added')} ${doneLabel.toLowerCase()}`)
  if (count('failed')) parts.push(`${count('failed')} failed`)
  if (count('refused')) parts.push(`${count('refused')} refused`)
  return parts.join(', ')
}

/** One row per file with its own outcome: a partial failure is never hidden behind a success. */
export function UploadLog({
  title,
  rows,
  doneLabel,
  busyLabel = 'Uploading…',
  requestError,
  onRetry,
  onClear,
  rowAction,
  className,
}: UploadLogProps) {
  const id = useId()
  if (rows.length === 0 && !requestError) return null
  return (
    <div className={cn('grid gap-3', className)}>
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm">
          <span className="font-medium">{title}</span>{' '}
          <span role="status" className="text-muted-foreground">
            {summarize(rows, doneLabel)}
          </span>
        </p>
        {onClear ? (
          <Button variant="ghost" size="sm" onClick={onClear}>
            <X aria-hidden />
            Clear
          </Button>
        ) : null}
      </div>
      <ul aria-label={title} className="grid gap-1.5">
        {rows.map((row) => (
          <li
            key={row.key}
            aria-labelledby={`${id}-${row.key}`}
            className="flex items-start gap-3 rounded-md border border-border bg-card px-3 py-2 text-sm"
          >
            <div className="grid min-w-0 flex-1 gap-0.5">
              <p className="flex min-w-0 items-baseline gap-2">
                <span id={`${id}-${row.key}`} className="truncate font-medium">
                  {row.name}
                </span>
                <span className="shrink-0 text-xs text-muted-foreground tabular-nums">
                  {formatBytes(row.size)}
                </span>
              </p>
              <p className="flex items-start gap-1.5 text-xs text-muted-foreground [&_svg]:mt-px [&_svg]:size-3.5 [&_svg]:shrink-0">
                <RowStatus row={row} doneLabel={doneLabel} busyLabel={busyLabel} />
              </p>
            </div>
            {rowAction?.(row)}
          </li>
        ))}
      </ul>
      {requestError ? (
        isKnowledgeUnavailable(requestError) ? (
          <KnowledgeUnavailable
            action="add"
            compact
            onRetry={onRetry}
            retryLabel="Retry failed files"
          />
        ) : (
          <ErrorState error={requestError} onRetry={onRetry} retryLabel="Retry failed files" />
        )
      ) : null}
    </div>
  )
}
