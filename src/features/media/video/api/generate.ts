import { createApiClient } from '@/lib/api-client'
import { CLOUD_LIMIT_SECONDS } from './models'
import { videoQuota } from './quota'
import { recordRunMs } from '../lib/run-timing'
import { videoResultSchema, type VideoInput, type VideoResult } from './schemas'

/**
 * A client for generate-video only, whose fetch reads the rate-limit headers of every answer,
 * errors included, before the client turns it into a result or an `ApiError`
 * (docs/cloud/auth-errors-limits.md E10): the shared client hands out bodies, not headers.
 */
const videoClient = createApiClient({
  fetch: async (input, init) => {
    const response = await globalThis.fetch(input, init)
    videoQuota.record(response.status, response.headers)
    return response
  },
})

/** The request body the console sends (also what "View code" shows). */
export const videoRequestBody = (input: VideoInput) => ({
  prompt: input.prompt,
  model: input.model,
})

/**
 * One synchronous generation (docs/cloud/media.md §2): the request stays open until the video is stored, up
 * to the cloud's 300 s function limit, so the client's own deadline sits just past it. `signal`
 * (Cancel) aborts the request.
 */
export async function generateVideo(input: VideoInput, signal: AbortSignal): Promise<VideoResult> {
  const startedAt = Date.now()
  const result = await videoClient.post('/api/v1/generate-video', {
    body: videoRequestBody(input),
    signal,
    schema: videoResultSchema,
    timeoutMs: (CLOUD_LIMIT_SECONDS + 15) * 1000,
  })
  recordRunMs(input.model, Date.now() - startedAt)
  return result
}
