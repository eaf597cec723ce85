import { z } from 'zod/mini'
import {
  ASPECT_RATIOS,
  IMAGE_MODELS,
  MAX_IMAGES,
  PROMPT_MAX,
  STYLE_PRESETS,
  type AspectRatio,
  type StylePreset,
} from './constants'

/** The form's values; the limits are the cloud's (docs/cloud/media.md §1), checked before any request. */
export const imageFormInput = z.object({
  prompt: z.string().check(
    z.refine((s) => s.trim().length > 0, 'Describe the image you want.'),
    z.maxLength(PROMPT_MAX, `The cloud takes at most ${PROMPT_MAX} characters.`),
  ),
  numImages: z.number().check(z.int(), z.minimum(1), z.maximum(MAX_IMAGES)),
  aspectRatio: z.enum(ASPECT_RATIOS),
  stylePreset: z.enum(STYLE_PRESETS),
  model: z.enum(IMAGE_MODELS.map((m) => m.id) as [string, ...string[]]),
})
export type ImageFormValues = z.infer<typeof imageFormInput>

/** A reference image, already read as the data URL the cloud takes. */
export type ReferenceImage = { name: string; type: string; size: number; dataUrl: string }

/** What one generation sends: the form plus an optional reference. */
export type ImageRequest = ImageFormValues & { reference: ReferenceImage | null }

/** The JSON body of POST /api/v1/generate-image (docs/cloud/media.md §1). Defaults are left out. */
export function imageRequestBody(req: ImageRequest): Record<string, unknown> {
  return {
    prompt: req.prompt,
    numImages: req.numImages,
    aspectRatio: req.aspectRatio,
    ...(req.stylePreset === 'none' ? {} : { stylePreset: req.stylePreset }),
    model: req.model,
    ...(req.reference ? { sourceImage: req.reference.dataUrl } : {}),
  }
}

/** Response of POST /api/v1/generate-image: each image has `url` or, failing upload, `image`. */
export const generatedImagesSchema = z.object({
  images: z.array(
    z.object({
      url: z.optional(z.string()),
      image: z.optional(z.string()),
      text: z.catch(z.string(), ''),
      mimeType: z.string(),
      fileSize: z.optional(z.number()),
    }),
  ),
  numImages: z.number(),
})
export type GeneratedImages = z.infer<typeof generatedImagesSchema>

export {
  galleryItemSchema,
  galleryPageSchema,
  type GalleryItem,
  type GalleryPage,
} from '../../shared/gallery'

/** Settings the gallery does not keep, saved per result in IndexedDB. */
export type SavedSettings = {
  prompt: string
  numImages: number
  aspectRatio: AspectRatio
  stylePreset: StylePreset
  model: string
  /** Key of the reference image in the reference store, when one was used. */
  referenceKey: string | null
  referenceName: string | null
  savedAt: number
}
