import { createQuotaStore } from '@/lib/rate-limit-quota'

/**
 * The generate-video limit: the CRITICAL preset, 5 calls per 5 minutes per API key
 * (docs/cloud/auth-errors-limits.md §3), as the route's answers report it (`src/lib/rate-limit-quota.ts`).
 */
export const VIDEO_RATE_LIMIT = { limit: 5, windowSeconds: 300 } as const

export const videoQuota = createQuotaStore('console.media.video.quota', VIDEO_RATE_LIMIT)
