import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { mediaSrc } from '../../shared/media-url'
import { imageKeys } from './keys'
import {
  galleryPageSchema,
  generatedImagesSchema,
  imageRequestBody,
  type ImageRequest,
} from './schemas'
import { loadSettings, saveRunSettings } from './settings-store'

export const GALLERY_PAGE_SIZE = 24

/** The caller's generated images, newest first, paged by offset (docs/cloud/media.md §3). */
export const imageGalleryQuery = (pageSize = GALLERY_PAGE_SIZE) =>
  infiniteQueryOptions({
    queryKey: imageKeys.gallery(pageSize),
    queryFn: ({ signal, pageParam }) =>
      api.get('/api/v1/gallery', {
        query: { type: 'image', limit: pageSize, offset: pageParam },
        signal,
        schema: galleryPageSchema,
      }),
    initialPageParam: 0,
    getNextPageParam: (last) => (last.hasMore ? last.offset + last.items.length : undefined),
  })

/** Settings saved in this browser for one result, or null when it was made elsewhere. */
export const savedSettingsQuery = (resultKey: string) =>
  queryOptions({
    queryKey: imageKeys.settings(resultKey),
    queryFn: async () => (await loadSettings(resultKey)) ?? null,
    staleTime: Infinity,
  })

/** One produced image, its file address for the browser, and the key its settings live under. */
export type ImageResult = {
  src: string
  mimeType: string
  fileSize: number | null
  /** `null` for inline `data:` results (upload failed): nothing to key settings by. */
  resultKey: string | null
}

/** The key settings are saved under: the file's address as the browser loads it. */
export const resultKeyOf = (url: string) => (url.startsWith('data:') ? null : mediaSrc(url))

/**
 * One generation (docs/cloud/media.md §1): synchronous, up to 180 s, billed per image produced. On success
 * the settings the gallery does not keep are saved for each result.
 */
export async function generateImages(
  req: ImageRequest,
  signal: AbortSignal,
): Promise<ImageResult[]> {
  const res = await api.post('/api/v1/generate-image', {
    body: imageRequestBody(req),
    signal,
    schema: generatedImagesSchema,
    timeoutMs: 185_000,
  })
  const results = res.images.flatMap((img): ImageResult[] => {
    const url = img.url ?? img.image
    if (!url) return []
    return [
      {
        src: mediaSrc(url),
        mimeType: img.mimeType,
        fileSize: img.fileSize ?? null,
        resultKey: resultKeyOf(url),
      },
    ]
  })
  const keys = results.flatMap((r) => (r.resultKey ? [r.resultKey] : []))
  try {
    await saveRunSettings(
      keys,
      {
        prompt: req.prompt,
        numImages: req.numImages,
        aspectRatio: req.aspectRatio,
        stylePreset: req.stylePreset,
        model: req.model,
      },
      req.reference,
    )
  } catch {
    // The images exist and are billed; only "restore all settings" loses detail without storage.
  }
  return results
}
