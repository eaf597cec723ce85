import type { MediaJob } from '../../shared/job-store'
import { mediaSrc } from '../../shared/media-url'
import type { RecoveryRules } from '../../shared/reconcile'
import type { GalleryItem, VideoInput, VideoResult } from './schemas'

/**
 * How a video run a reload cut off is found again (docs/media.md §Runs): a gallery video with the
 * same prompt (the cloud trims it) and model; its charge is a ledger group naming video generation
 * and the model.
 */
export const videoRecoveryRules: RecoveryRules<VideoInput, VideoResult, GalleryItem> = {
  matches: (input, item) => item.prompt === input.prompt.trim() && item.model === input.model,
  toResult: (_input, [item]) => ({
    video: {
      url: item?.url ?? '',
      content_type: item?.mimeType ?? undefined,
      width: item?.dimensions?.width,
      height: item?.dimensions?.height,
      file_size: item?.fileSize ? Number(item.fileSize) : undefined,
    },
  }),
  claimedKeys: (job: MediaJob<VideoInput, VideoResult>) =>
    job.result ? [mediaSrc(job.result.video.url)] : [],
  chargeMatches: (input, description) =>
    /video/i.test(description) && description.includes(input.model),
}

export const videoCandidate = (item: GalleryItem) => ({
  key: mediaSrc(item.url),
  createdAt: Date.parse(item.createdAt),
})
