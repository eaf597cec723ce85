import { queryOptions } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { galleryPageSchema, type GalleryItem } from './gallery'

/** How many of the newest gallery items reconciliation reads (docs/media.md §Runs). */
const RECOVERY_GALLERY_LIMIT = 50

/**
 * The newest gallery items of one type, as reconciliation of interrupted runs reads them: a list of
 * its own, polled only while a run is looked for (use-recover-runs.ts).
 */
export const recoveryGalleryQuery = (type: 'image' | 'video') =>
  queryOptions({
    queryKey: ['media', type, 'gallery', 'recovery'] as const,
    queryFn: async ({ signal }): Promise<GalleryItem[]> =>
      (
        await api.get('/api/v1/gallery', {
          query: { type, limit: RECOVERY_GALLERY_LIMIT },
          signal,
          schema: galleryPageSchema,
        })
      ).items,
    staleTime: 0,
  })
