import { z } from 'zod/mini'
import { VIDEO_MODELS } from './models'

/**
 * The form and the request body of `POST /api/v1/generate-video` (docs/cloud/media.md §2): a non-blank prompt
 * (the cloud trims it and sets no length limit) and one of the valid model ids. Other fields
 * (`duration`, `aspectRatio` …) would be ignored by the cloud, so the console does not offer them.
 */
export const videoInputSchema = z.object({
  prompt: z
    .string()
    .check(z.refine((s) => s.trim().length > 0, { error: 'Describe the video you want' })),
  model: z.enum(VIDEO_MODELS.map((m) => m.id) as [string, ...string[]]),
})
export type VideoInput = z.infer<typeof videoInputSchema>

/** 200 of generate-video: everything but `video.url` is passed through from the provider and may be absent. */
export const videoResultSchema = z.object({
  video: z.object({
    url: z.string(),
    content_type: z.optional(z.string()),
    width: z.optional(z.number()),
    height: z.optional(z.number()),
    file_name: z.optional(z.string()),
    file_size: z.optional(z.number()),
  }),
  seed: z.optional(z.number()),
  timings: z.optional(z.object({ inference: z.optional(z.number()) })),
  requestId: z.optional(z.string()),
})
export type VideoResult = z.infer<typeof videoResultSchema>

export {
  galleryItemSchema,
  galleryPageSchema,
  type GalleryItem,
  type GalleryPage,
} from '../../shared/gallery'
