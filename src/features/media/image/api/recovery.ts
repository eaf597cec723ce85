import { mediaSrc } from '../../shared/media-url'
import type { MediaJob } from '../../shared/job-store'
import type { RecoveryRules } from '../../shared/reconcile'
import { resultKeyOf, type ImageResult } from './queries'
import type { GalleryItem, ImageRequest } from './schemas'

/**
 * How an image run a reload cut off is found again (docs/media.md §Runs): gallery items with the
 * same prompt and model, up to the number of images asked for; its charge is a ledger group naming
 * image generation and the model.
 */
export const imageRecoveryRules: RecoveryRules<ImageRequest, ImageResult[], GalleryItem> = {
  matches: (input, item) => item.prompt === input.prompt && item.model === input.model,
  wanted: (input) => input.numImages,
  toResult: (_input, items) =>
    items.map((item) => ({
      src: mediaSrc(item.url),
      mimeType: item.mimeType ?? 'image/png',
      fileSize: item.fileSize === null ? null : Number(item.fileSize),
      resultKey: resultKeyOf(item.url),
    })),
  claimedKeys: (job: MediaJob<ImageRequest, ImageResult[]>) => (job.result ?? []).map((r) => r.src),
  chargeMatches: (input, description) =>
    /image/i.test(description) && description.includes(input.model),
}

export const imageCandidate = (item: GalleryItem) => ({
  key: mediaSrc(item.url),
  createdAt: Date.parse(item.createdAt),
})
