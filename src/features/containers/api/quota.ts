import { createApiClient } from '@/lib/api-client'
import { createQuotaStore } from '@/lib/rate-limit-quota'

/**
 * The create limit: the CRITICAL preset, 5 calls per 5 minutes per API key (docs/containers.md
 * §Rate limits), as the create route's answers report it in `X-RateLimit-*` and `Retry-After`.
 */
export const CREATE_RATE_LIMIT = { limit: 5, windowSeconds: 300 } as const

export const createQuota = createQuotaStore('console.containers.create.quota', CREATE_RATE_LIMIT)

/**
 * A client for create only, whose fetch reads the rate-limit headers of every answer, errors
 * included, before the client turns it into a result or an `ApiError`.
 */
export const createClient = createApiClient({
  fetch: async (input, init) => {
    const response = await globalThis.fetch(input, init)
    createQuota.record(response.status, response.headers)
    return response
  },
})
