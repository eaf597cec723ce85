import { z } from 'zod/mini'

/**
 * One row of `GET /api/v1/gallery` (docs/cloud/media.md §3): `fileSize` is a string, `dimensions`
 * `{width, height}` where the cloud knows them (videos).
 */
export const galleryItemSchema = z.object({
  id: z.string(),
  type: z.string(),
  url: z.string(),
  prompt: z.string(),
  model: z.string(),
  createdAt: z.string(),
  dimensions: z.optional(z.nullable(z.object({ width: z.number(), height: z.number() }))),
  mimeType: z.nullable(z.string()),
  fileSize: z.nullable(z.string()),
})
export type GalleryItem = z.infer<typeof galleryItemSchema>

/** A page of the gallery: paged by offset, with no total (docs/cloud/media.md §3). */
export const galleryPageSchema = z.object({
  items: z.array(galleryItemSchema),
  offset: z.number(),
  limit: z.number(),
  hasMore: z.boolean(),
})
export type GalleryPage = z.infer<typeof galleryPageSchema>
