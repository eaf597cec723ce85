import { CheckCircle2, Loader2, X } from 'lucide-react'
import { useEffect, useRef } from 'react'
import { Button } from '@/components/ui/button'
import { formatUsd } from '@/lib/format'
import {
  cancelMediaJob,
  dismissMediaJob,
  retryMediaJob,
  useMediaJobs,
  type MediaJob,
} from '../../shared/job-store'
import { RecoveryNote } from '../../shared/recovery-note'
import type { CloneInput, CloneResult } from '../api/voice-requests'
import { JobError } from './job-error'

type CloneJob = MediaJob<CloneInput, CloneResult>

/**
 * Clones of this page session. A clone that finishes while the page is open is selected in the
 * Text to speech picker; one that finished elsewhere offers "Use this voice".
 */
export function CloneJobs({ onUseVoice }: { onUseVoice: (providerVoiceId: string) => void }) {
  const jobs = useMediaJobs<CloneInput, CloneResult>('clone')
  const seen = useRef<Set<string> | null>(null)
  seen.current ??= new Set(jobs.filter((j) => j.status === 'done').map((j) => j.id))
  useEffect(() => {
    const known = seen.current
    if (!known) return
    for (const job of jobs) {
      // A clone recovered after a reload is not picked for the user: they were not here for it.
      if (job.status !== 'done' || !job.result || job.recovery || known.has(job.id)) continue
      known.add(job.id)
      onUseVoice(job.result.voice.elevenlabsVoiceId)
    }
  }, [jobs, onUseVoice])
  if (jobs.length === 0) return null
  return (
    <section aria-label="Clone results" className="grid gap-2">
      {jobs.map((job) => (
        <CloneJobCard key={job.id} job={job} onUseVoice={onUseVoice} />
      ))}
    </section>
  )
}

function CloneJobCard({
  job,
  onUseVoice,
}: {
  job: CloneJob
  onUseVoice: (providerVoiceId: string) => void
}) {
  const { input, result } = job
  return (
    <article
      aria-label={`Clone: ${input.name}`}
      className="grid gap-2 rounded-lg border bg-card p-3 text-sm shadow-card"
    >
      <div className="flex flex-wrap items-center gap-2">
        {job.status === 'running' ? (
          <span className="flex flex-1 items-center gap-2" role="status">
            <Loader2 aria-hidden className="size-4 animate-spin text-muted-foreground" />
            Cloning “{input.name}” from {input.files.length} sample
            {input.files.length === 1 ? '' : 's'}…
          </span>
        ) : null}
        {job.status === 'done' && result ? (
          <span className="flex flex-1 items-center gap-2">
            <CheckCircle2 aria-hidden className="size-4 text-success" />
            <span>
              “{result.voice.name}” is ready ({result.voice.cloneType}
              {result.creditsDeducted === null
                ? ''
                : `, charged ${formatUsd(result.creditsDeducted)}`}
              ).
              {result.voice.cloneType === 'professional' && result.estimatedCompletionTime
                ? ` Training continues for about ${result.estimatedCompletionTime}.`
                : null}
            </span>
          </span>
        ) : null}
        {job.status === 'error' ? (
          <span className="flex-1 font-medium">Cloning “{input.name}” failed</span>
        ) : null}
        {job.status === 'cancelled' ? (
          <span className="flex-1 text-muted-foreground">
            Cloning “{input.name}” was cancelled.
          </span>
        ) : null}
        {job.status === 'running' ? (
          <Button size="sm" variant="outline" onClick={() => cancelMediaJob(job.id)}>
            Cancel
          </Button>
        ) : null}
        {job.status === 'done' && result ? (
          <Button
            size="sm"
            variant="outline"
            onClick={() => onUseVoice(result.voice.elevenlabsVoiceId)}
          >
            Use this voice
          </Button>
        ) : null}
        {job.status === 'interrupted' ? (
          <span className="flex-1 font-medium">Cloning “{input.name}”</span>
        ) : null}
        {job.status === 'cancelled' && job.canRetry ? (
          <Button size="sm" variant="outline" onClick={() => retryMediaJob(job.id)}>
            Retry
          </Button>
        ) : null}
        {job.status !== 'running' ? (
          <Button
            size="icon-sm"
            variant="ghost"
            label="Dismiss"
            onClick={() => dismissMediaJob(job.id)}
          >
            <X aria-hidden />
          </Button>
        ) : null}
      </div>
      {job.status === 'error' ? (
        <JobError
          error={job.error}
          onRetry={job.canRetry ? () => retryMediaJob(job.id) : undefined}
        />
      ) : null}
      {job.recovery ? <RecoveryNote job={job} what="your voices" /> : null}
    </article>
  )
}
