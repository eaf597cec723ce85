import { Download, RotateCcw, Square, X } from 'lucide-react'
import { useState } from 'react'
import { ErrorState } from '@/components/error-state'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { ViewCodeDialog } from '@/components/view-code-dialog'
import { BalanceNote } from '@/components/balance-note'
import { balanceQuery } from '@/features/billing/api/queries'
import {
  cancelMediaJob,
  dismissMediaJob,
  retryMediaJob,
  type MediaJob,
} from '@/features/media/shared/job-store'
import { mediaSrc } from '@/features/media/shared/media-url'
import { RecoveryNote } from '@/features/media/shared/recovery-note'
import { isApiError } from '@/lib/api-error'
import { formatBytes, formatDuration } from '@/lib/format'
import { videoCodeSamples } from '../api/code'
import { CLOUD_LIMIT_SECONDS, TYPICAL_WAIT_SECONDS, videoModelLabel } from '../api/models'
import { lastRunMs } from '../lib/run-timing'
import type { VideoInput, VideoResult } from '../api/schemas'
import { useNow } from '@/lib/use-now'

export type VideoJob = MediaJob<VideoInput, VideoResult>

const STATUS_TEXT: Record<VideoJob['status'], string> = {
  running: 'Generating',
  done: 'Done',
  error: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
}

/** One generation: its progress, then its player, its error or its cancellation. */
export function VideoJobCard({ job, keyVariable }: { job: VideoJob; keyVariable: string | null }) {
  const { input, status } = job
  return (
    <article
      aria-label={`Video: ${input.prompt}`}
      className="grid gap-3 rounded-xl border border-border bg-card p-4 shadow-card"
    >
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div className="grid min-w-0 flex-1 gap-1">
          <p className="line-clamp-3 text-sm break-words text-foreground">{input.prompt}</p>
          <p className="text-xs text-muted-foreground">{videoModelLabel(input.model)}</p>
        </div>
        <Badge
          variant={status === 'error' ? 'destructive' : status === 'done' ? 'success' : 'secondary'}
        >
          {STATUS_TEXT[status]}
        </Badge>
      </header>
      {status === 'running' ? <RunningBody job={job} /> : null}
      {status === 'done' && job.result ? <DoneBody job={job} result={job.result} /> : null}
      {status === 'error' ? <ErrorBody job={job} /> : null}
      {job.recovery ? <RecoveryNote job={job} what="Past videos (the cloud’s gallery)" /> : null}
      {status === 'cancelled' ? (
        <p className="text-sm text-muted-foreground">
          Cancelled after {formatDuration((job.finishedAt ?? job.startedAt) - job.startedAt)}. The
          cloud may still finish and bill this call; if it does, the video appears under Past
          videos.
        </p>
      ) : null}
      <footer className="flex flex-wrap items-center gap-2">
        {status === 'running' ? (
          <Button variant="outline" size="sm" onClick={() => cancelMediaJob(job.id)}>
            <Square aria-hidden />
            Cancel
          </Button>
        ) : null}
        {status === 'cancelled' && job.canRetry ? (
          <Button variant="outline" size="sm" onClick={() => retryMediaJob(job.id)}>
            <RotateCcw aria-hidden />
            Retry
          </Button>
        ) : null}
        {status === 'done' && job.result ? (
          <Button variant="outline" size="sm" asChild>
            <a href={mediaSrc(job.result.video.url)} download={downloadName(job)}>
              <Download aria-hidden />
              Download
            </a>
          </Button>
        ) : null}
        <ViewCodeDialog
          keyVariable={keyVariable}
          description="The request of this generation."
          samples={() => videoCodeSamples(input, keyVariable ?? '')}
        />
        {status !== 'running' ? (
          <Button
            variant="ghost"
            size="sm"
            className="ml-auto"
            onClick={() => dismissMediaJob(job.id)}
          >
            <X aria-hidden />
            Dismiss
          </Button>
        ) : null}
      </footer>
    </article>
  )
}

const downloadName = (job: VideoJob) => `video-${job.result?.requestId ?? job.id}.mp4`

/**
 * Elapsed time against what is known: the last observed run of this model in this browser, or
 * else the cloud's documented range and its 300 s limit (docs/cloud/media.md §2). The bar never claims more
 * than that: past the expectation it stops filling and says so.
 */
function RunningBody({ job }: { job: VideoJob }) {
  const now = useNow(true)
  const [expectedMs] = useState(() => lastRunMs(job.input.model))
  const elapsedMs = Math.max(0, now - job.startedAt)
  const elapsedSec = Math.floor(elapsedMs / 1000)
  const maxSec =
    expectedMs !== null ? Math.max(1, Math.round(expectedMs / 1000)) : CLOUD_LIMIT_SECONDS
  const over = elapsedSec > maxSec
  const fraction = over ? 1 : elapsedSec / maxSec
  const expectation =
    expectedMs !== null
      ? `expected about ${maxSec} s (this model’s last run here)`
      : `usually ${TYPICAL_WAIT_SECONDS.min}–${TYPICAL_WAIT_SECONDS.max} s, at most ${CLOUD_LIMIT_SECONDS} s`
  return (
    <div className="grid gap-1.5">
      <div
        role="progressbar"
        aria-label="Generation progress"
        aria-valuemin={0}
        aria-valuemax={maxSec}
        aria-valuenow={over ? undefined : elapsedSec}
        aria-valuetext={`${elapsedSec} s elapsed, ${expectation}`}
        className="h-1.5 overflow-hidden rounded-full bg-muted"
      >
        <div
          className={over ? 'h-full w-full animate-pulse bg-primary/50' : 'h-full bg-primary'}
          style={over ? undefined : { width: `${Math.max(2, fraction * 100)}%` }}
        />
      </div>
      <p className="text-xs text-muted-foreground">
        <span className="font-medium text-foreground tabular-nums">{elapsedSec} s</span> elapsed ·{' '}
        {over
          ? `longer than the last run (${maxSec} s); the cloud allows up to ${CLOUD_LIMIT_SECONDS} s`
          : expectation}
      </p>
    </div>
  )
}

function DoneBody({ job, result }: { job: VideoJob; result: VideoResult }) {
  const { video } = result
  const facts = [
    job.recovery
      ? null
      : `Took ${formatDuration((job.finishedAt ?? job.startedAt) - job.startedAt)}`,
    video.width && video.height ? `${video.width}×${video.height}` : null,
    video.file_size !== undefined ? formatBytes(video.file_size) : null,
    result.seed !== undefined ? `seed ${result.seed}` : null,
  ].filter(Boolean)
  return (
    <div className="grid gap-2">
      {/* eslint-disable-next-line jsx-a11y/media-has-caption -- the cloud returns no caption track; the prompt it was made from is shown with it */}
      <video
        controls
        playsInline
        preload="metadata"
        src={mediaSrc(video.url)}
        aria-label={`Generated video: ${job.input.prompt}`}
        className="aspect-video w-full rounded-lg bg-black"
      />
      <p className="text-xs text-muted-foreground">{facts.join(' · ')}</p>
    </div>
  )
}

function ErrorBody({ job }: { job: VideoJob }) {
  const { error } = job
  return (
    <div className="grid gap-2">
      <ErrorState
        error={error}
        onRetry={job.canRetry ? () => retryMediaJob(job.id) : undefined}
        size="card"
      />
      {isApiError(error) && error.kind === 'insufficient_credits' ? (
        <BalanceNote query={balanceQuery()} />
      ) : null}
    </div>
  )
}
