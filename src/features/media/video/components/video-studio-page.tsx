import { Clapperboard } from 'lucide-react'
import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useState } from 'react'
import { EmptyState } from '@/components/empty-state'
import { useMediaJobs, useStartMediaJob } from '@/features/media/shared/job-store'
import { pricingSummaryQuery } from '@/api/pricing-summary/queries'
import { recoveryGalleryQuery } from '@/features/media/shared/recovery-queries'
import { StudioTabs } from '@/features/media/shared/studio-tabs'
import { useRecoverRuns } from '@/features/media/shared/use-recover-runs'
import { useKeyVariable } from '@/api/console-info/queries'
import { isApiError } from '@/lib/api-error'
import { useQuotaView } from '@/lib/rate-limit-quota'
import { generateVideo } from '../api/generate'
import { videoKeys } from '../api/keys'
import { videoQuota } from '../api/quota'
import { videoCandidate, videoRecoveryRules } from '../api/recovery'
import type { VideoInput, VideoResult } from '../api/schemas'
import { VideoForm } from './video-form'
import { VideoHistory } from './video-history'
import { VideoJobCard } from './video-job-card'

/** A finished generation is a new gallery item (docs/cloud/media.md §3). */
const INVALIDATE_ON_SETTLE = [videoKeys.gallery()]

/** `/media/video`: generate videos, watch them run, play and download them, see past ones. */
export function VideoStudioPage() {
  const jobs = useMediaJobs<VideoInput, VideoResult>('video')
  const queryClient = useQueryClient()
  useRecoverRuns({
    kind: 'video',
    source: recoveryGalleryQuery('video'),
    toCandidate: videoCandidate,
    invalidate: INVALIDATE_ON_SETTLE,
    ...videoRecoveryRules,
  })
  const [promptError, setPromptError] = useState<string | null>(null)
  const [restore, setRestore] = useState<VideoInput | null>(null)
  const run = useCallback(async (input: VideoInput, signal: AbortSignal) => {
    try {
      return await generateVideo(input, signal)
    } catch (error) {
      // A 400 about the prompt belongs next to the Prompt field too (docs/architecture.md §8).
      if (isApiError(error) && error.kind === 'invalid' && /prompt/i.test(error.message)) {
        setPromptError(error.message)
      }
      throw error
    }
  }, [])
  const start = useStartMediaJob<VideoInput, VideoResult>('video', run, {
    invalidate: INVALIDATE_ON_SETTLE,
  })
  const quota = useQuotaView(videoQuota)
  const keyVariable = useKeyVariable()
  const running = jobs.filter((j) => j.status === 'running').length
  const handleGenerate = useCallback(
    (input: VideoInput) => {
      setPromptError(null)
      // The cloud's live range, kept with the run's record (docs/media.md §Runs).
      const range = queryClient.getQueryData(pricingSummaryQuery().queryKey)?.pricing[
        'generate-video'
      ]?.estimatedRange
      start(input, range ?? null)
    },
    [start, queryClient],
  )
  const handlePromptEdited = useCallback(() => setPromptError(null), [])
  const handleReuse = useCallback((input: VideoInput) => {
    setRestore({ ...input })
    window.scrollTo({ top: 0, behavior: 'smooth' })
  }, [])

  return (
    <div className="grid gap-6">
      <StudioTabs />
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Video</h1>
        <p className="text-sm text-muted-foreground">
          Text to video. Each call is synchronous and takes up to five minutes; you can start
          several and keep working.
        </p>
      </header>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,23rem)_minmax(0,1fr)]">
        <VideoForm
          onGenerate={handleGenerate}
          quota={quota}
          running={running}
          restore={restore}
          promptError={promptError}
          onPromptEdited={handlePromptEdited}
        />
        <div className="grid min-w-0 gap-8">
          <section aria-labelledby="video-jobs-heading" className="grid gap-3">
            <h2 id="video-jobs-heading" className="text-base font-semibold">
              Generations
            </h2>
            {jobs.length === 0 ? (
              <EmptyState
                icon={Clapperboard}
                title="Nothing generating"
                description="Write a prompt and press Generate. Progress, the player and any error show up here."
                className="rounded-xl border border-dashed"
              />
            ) : (
              <ul className="grid gap-4">
                {jobs.map((job) => (
                  <li key={job.id}>
                    <VideoJobCard job={job} keyVariable={keyVariable} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <VideoHistory onReuse={handleReuse} />
        </div>
      </div>
    </div>
  )
}
