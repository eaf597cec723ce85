import { queryOptions } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { videoKeys } from './keys'
import { galleryPageSchema } from './schemas'

/** How many past videos the history shows (the gallery returns no total; docs/cloud/media.md §3). */
export const VIDEO_HISTORY_LIMIT = 24

/** The caller's past videos, newest first (`GET /api/v1/gallery?type=video`, docs/cloud/media.md §3). */
export const videoGalleryQuery = () =>
  queryOptions({
    queryKey: videoKeys.gallery(),
    queryFn: ({ signal }) =>
      api.get('/api/v1/gallery', {
        query: { type: 'video', limit: VIDEO_HISTORY_LIMIT },
        signal,
        schema: galleryPageSchema,
      }),
  })
