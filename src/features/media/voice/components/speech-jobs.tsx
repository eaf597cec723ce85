import { useQuery } from '@tanstack/react-query'
import { Download, Loader2, X } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Badge } from '@/components/ui/badge'
import { ViewCodeDialog } from '@/components/view-code-dialog'
import { consoleInfoQuery } from '@/api/console-info/queries'
import { formatDuration } from '@/lib/format'
import {
  cancelMediaJob,
  dismissMediaJob,
  retryMediaJob,
  useMediaJobs,
  type MediaJob,
} from '../../shared/job-store'
import { RecoveryNote } from '../../shared/recovery-note'
import { ttsSamples } from '../api/code'
import { TTS_MODELS } from '../api/schemas'
import type { SpeakInput, SpeakResult } from '../api/voice-requests'
import { JobError } from './job-error'

type SpeechJob = MediaJob<SpeakInput, SpeakResult>

// The blob URL dies with its job: revoked when the job is dismissed or run again.
function dismissSpeech(job: SpeechJob) {
  if (job.result) URL.revokeObjectURL(job.result.url)
  dismissMediaJob(job.id)
}
function retrySpeech(job: SpeechJob) {
  if (job.result) URL.revokeObjectURL(job.result.url)
  retryMediaJob(job.id)
}

const modelLabel = (id: string) => TTS_MODELS.find((m) => m.id === id)?.label ?? id
const excerpt = (text: string) => (text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text)

/** Every speech run of this page session, newest first; each plays, downloads or retries alone. */
export function SpeechJobs() {
  const jobs = useMediaJobs<SpeakInput, SpeakResult>('voice')
  const info = useQuery(consoleInfoQuery())
  const keyVariable = info.data?.keyVariable ?? null
  if (jobs.length === 0) return null
  return (
    <section aria-label="Speech results" className="grid gap-3">
      {jobs.map((job) => (
        <SpeechJobCard key={job.id} job={job} keyVariable={keyVariable} />
      ))}
    </section>
  )
}

function SpeechJobCard({ job, keyVariable }: { job: SpeechJob; keyVariable: string | null }) {
  const { input } = job
  return (
    <article
      aria-label={`Speech: ${excerpt(input.text)}`}
      className="grid gap-3 rounded-xl border bg-card p-4 shadow-card"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="grid min-w-0 gap-1">
          <p className="line-clamp-2 text-sm break-words text-foreground">{input.text}</p>
          <div className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
            <Badge variant="outline">{input.voiceName}</Badge>
            <span>{modelLabel(input.modelId)}</span>
            <span aria-hidden>·</span>
            <span>{input.text.length.toLocaleString('en-US')} characters</span>
            {job.finishedAt !== null && job.status === 'done' ? (
              <>
                <span aria-hidden>·</span>
                <span>ready in {formatDuration(job.finishedAt - job.startedAt)}</span>
              </>
            ) : null}
          </div>
        </div>
        <div className="flex items-center gap-1">
          <ViewCodeDialog
            keyVariable={keyVariable}
            description="This speech as a request; the MP3 is written to speech.mp3."
            samples={() => (keyVariable === null ? [] : ttsSamples(input, keyVariable))}
          />
          {job.status === 'running' ? null : (
            <Button
              size="icon-sm"
              variant="ghost"
              label="Dismiss"
              onClick={() => dismissSpeech(job)}
            >
              <X aria-hidden />
            </Button>
          )}
        </div>
      </div>
      {job.status === 'running' ? (
        <div className="flex items-center gap-3 text-sm text-muted-foreground" role="status">
          <Loader2 aria-hidden className="size-4 animate-spin" />
          Speaking…
          <Button size="sm" variant="outline" onClick={() => cancelMediaJob(job.id)}>
            Cancel
          </Button>
        </div>
      ) : null}
      {job.status === 'done' && job.result ? (
        <div className="flex flex-wrap items-center gap-3">
          {/* eslint-disable-next-line jsx-a11y/media-has-caption -- generated speech of the text shown above */}
          <audio
            controls
            src={job.result.url}
            aria-label={`Speech audio: ${excerpt(input.text)}`}
            className="h-10 w-full min-w-0 sm:w-auto sm:max-w-md sm:flex-1"
          />
          <Button asChild size="sm" variant="outline">
            <a href={job.result.url} download={`speech-${job.id}.mp3`}>
              <Download aria-hidden />
              Download
            </a>
          </Button>
        </div>
      ) : null}
      {job.status === 'error' ? (
        <JobError error={job.error} onRetry={() => retrySpeech(job)} />
      ) : null}
      {job.status === 'interrupted' ? (
        <div className="flex flex-wrap items-center gap-3">
          <RecoveryNote
            job={job}
            what="the cloud"
            lostDetail="The cloud keeps no copy of the audio, so it cannot be recovered."
          />
          <Button size="sm" variant="outline" onClick={() => retrySpeech(job)}>
            Speak again
          </Button>
        </div>
      ) : null}
      {job.status === 'cancelled' ? (
        <div className="flex items-center gap-3 text-sm text-muted-foreground">
          Cancelled.
          <Button size="sm" variant="outline" onClick={() => retrySpeech(job)}>
            Retry
          </Button>
        </div>
      ) : null}
    </article>
  )
}
