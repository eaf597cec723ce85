import { Ban, Loader2, RotateCcw, X } from 'lucide-react'
import { useEffect, useState } from 'react'
import { ErrorState } from '@/components/error-state'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { ViewCodeDialog } from '@/components/view-code-dialog'
import { BalanceNote } from '@/components/balance-note'
import { balanceQuery } from '@/features/billing/api/queries'
import { isApiError } from '@/lib/api-error'
import { jsonRequestSamples } from '@/lib/code-samples'
import { formatDuration } from '@/lib/format'
import {
  cancelMediaJob,
  dismissMediaJob,
  retryMediaJob,
  type MediaJob,
} from '../../shared/job-store'
import { RecoveryNote } from '../../shared/recovery-note'
import { modelLabel, styleLabel } from '../api/constants'
import type { ImageResult } from '../api/queries'
import { imageRequestBody, type ImageRequest } from '../api/schemas'

export type ImageJob = MediaJob<ImageRequest, ImageResult[]>

/** Re-renders every second while `active`, for elapsed-time counters. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    const timer = window.setInterval(() => setNow(Date.now()), 1000)
    return () => window.clearInterval(timer)
  }, [active])
  return now
}

/** The request as code, with the reference shortened (a real one is megabytes of base64). */
function samplesFor(input: ImageRequest, keyVariable: string) {
  const body = imageRequestBody(input)
  if (input.reference)
    body.sourceImage = `data:${input.reference.type};base64,<base64 of ${input.reference.name}>`
  return jsonRequestSamples({ path: '/api/v1/generate-image', body, keyVariable })
}

type JobCardProps = {
  job: ImageJob
  keyVariable: string | null
  onOpen: (job: ImageJob, index: number) => void
}

/** One generation: its settings, then its state (running, images, error or cancelled). */
export function JobCard({ job, keyVariable, onOpen }: JobCardProps) {
  const { input, status } = job
  const now = useNow(status === 'running')
  const elapsed = (job.finishedAt ?? now) - job.startedAt
  const results = job.result ?? []
  const label = `Generation: ${input.prompt.slice(0, 60)}`

  return (
    <article
      aria-label={label}
      aria-busy={status === 'running'}
      className="grid gap-3 rounded-xl border border-border bg-card p-4 shadow-card"
    >
      <header className="flex flex-wrap items-start gap-2">
        <p className="min-w-0 flex-1 basis-60 text-sm leading-snug font-medium break-words">
          {input.prompt.length > 200 ? `${input.prompt.slice(0, 200)}…` : input.prompt}
        </p>
        <div className="flex shrink-0 items-center gap-1">
          <ViewCodeDialog
            samples={() => (keyVariable ? samplesFor(input, keyVariable) : [])}
            keyVariable={keyVariable}
            description="The request this generation made."
          />
          {status === 'running' ? null : (
            <Button
              size="icon-sm"
              variant="ghost"
              label="Dismiss generation"
              onClick={() => dismissMediaJob(job.id)}
            >
              <X aria-hidden />
            </Button>
          )}
        </div>
      </header>
      <ul className="flex flex-wrap gap-1.5" aria-label="Settings">
        <li>
          <Badge variant="outline">{modelLabel(input.model)}</Badge>
        </li>
        <li>
          <Badge variant="outline">
            {input.numImages} {input.numImages === 1 ? 'image' : 'images'}
          </Badge>
        </li>
        <li>
          <Badge variant="outline">{input.aspectRatio}</Badge>
        </li>
        {input.stylePreset === 'none' ? null : (
          <li>
            <Badge variant="outline">{styleLabel(input.stylePreset)}</Badge>
          </li>
        )}
        {input.reference ? (
          <li>
            <Badge variant="outline">Reference: {input.reference.name}</Badge>
          </li>
        ) : null}
      </ul>

      {status === 'running' ? (
        <div className="flex flex-wrap items-center gap-3">
          <div
            className="grid flex-1 gap-2"
            style={{ gridTemplateColumns: `repeat(${input.numImages}, minmax(0, 1fr))` }}
            aria-hidden
          >
            {Array.from({ length: input.numImages }, (_, i) => (
              <div key={i} className="aspect-square animate-pulse rounded-lg bg-muted" />
            ))}
          </div>
          <p role="status" className="flex items-center gap-2 text-sm text-muted-foreground">
            <Loader2 aria-hidden className="size-4 animate-spin" />
            Generating… <span className="tabular-nums">{formatDuration(elapsed)}</span>
          </p>
          <Button variant="outline" size="sm" onClick={() => cancelMediaJob(job.id)}>
            <Ban aria-hidden />
            Cancel
          </Button>
        </div>
      ) : null}

      {status === 'done' ? (
        <>
          {results.length === 0 ? (
            <p className="text-sm text-muted-foreground">The cloud returned no images.</p>
          ) : (
            <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4" aria-label="Results">
              {results.map((r, i) => (
                <li key={r.src}>
                  <button
                    type="button"
                    onClick={() => onOpen(job, i)}
                    aria-label={`Open image ${i + 1} of ${results.length}`}
                    className="block w-full overflow-hidden rounded-lg border border-border bg-muted outline-none focus-visible:ring-2 focus-visible:ring-ring"
                  >
                    <img
                      src={r.src}
                      alt=""
                      className="aspect-square w-full object-cover transition-transform hover:scale-[1.02]"
                    />
                  </button>
                </li>
              ))}
            </ul>
          )}
          <p className="text-xs text-muted-foreground">
            {results.length < input.numImages
              ? `${results.length} of ${input.numImages} images produced (billed only for those). `
              : ''}
            {job.recovery ? null : `Done in ${formatDuration(elapsed)}.`}
          </p>
          {job.recovery ? <RecoveryNote job={job} what="the gallery" /> : null}
        </>
      ) : null}

      {status === 'interrupted' ? <RecoveryNote job={job} what="the gallery" /> : null}

      {status === 'error' ? (
        <div className="grid gap-2">
          <ErrorState
            error={job.error}
            onRetry={job.canRetry ? () => retryMediaJob(job.id) : undefined}
            retryLabel="Retry generation"
          />
          {isApiError(job.error) && job.error.kind === 'insufficient_credits' ? (
            <BalanceNote query={balanceQuery()} />
          ) : null}
          {isApiError(job.error) && job.error.kind === 'invalid' ? (
            <p className="text-sm font-medium text-destructive">{job.error.message}</p>
          ) : null}
        </div>
      ) : null}

      {status === 'cancelled' ? (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm text-muted-foreground">
            Cancelled after {formatDuration(elapsed)}. The cloud may still bill images it finished.
          </p>
          <Button variant="outline" size="sm" onClick={() => retryMediaJob(job.id)}>
            <RotateCcw aria-hidden />
            Retry generation
          </Button>
        </div>
      ) : null}
    </article>
  )
}
