// POST /api/v1/generate-video (docs/cloud/media.md §2) and GET /api/v1/generate-video/files/{file},
// the sandbox's stand-in for the public blob URL of what it produced (files.ts).
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { authenticate } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { bareError, methodNotAllowed } from '../core/errors.ts'
import { charge, InsufficientCreditsError, releaseHold } from '../core/ledger.ts'
import { PRESETS, rateLimit } from '../core/rate-limit.ts'
import { pause } from '../core/timing.ts'
import { FamilyRoutes } from '../core/route.ts'
import { DEFAULT_VIDEO_MODEL, findVideoModel, usd, VIDEO_MODELS, videoPrice } from './catalog.ts'
import { absoluteUrl, filePath, insertFile, serveFile } from './files.ts'
import { asObject, behindLimiter, readJson, refund, trackRequest } from './generation.ts'
import { seedOf } from './render-image.ts'
import { renderVideo, type VideoRecipe } from './render-video.ts'
import { e5, NOTE, videoRequest, videoResponse } from './schemas.ts'

export function generateVideoRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('media')
  const { app } = routes
  const { db } = ctx

  // §2. Auth runs before the limiter, so failed auth does not use up the 5 per 5 minutes.
  routes.route({
    method: 'post',
    path: '/api/v1/generate-video',
    auth: 'key',
    summary: 'Generate one video (synchronous, held for the configured delay)',
    note: `${NOTE} §2`,
    body: videoRequest,
    responses: {
      200: { description: 'The stored MP4 (H.264)', schema: videoResponse },
      400: { description: 'Blank prompt, or unknown model with `validModels` (E5)', schema: e5 },
      401: { description: 'Auth failure (E5)', schema: e5 },
      402: { description: 'Insufficient credits, with `required` USD (E5)', schema: e5 },
      429: { description: 'CRITICAL rate limit, 5 per 5 minutes (E10)' },
      500: { description: 'Generation failed, `isFallback` and `originalError` (E5)', schema: e5 },
    },
    handler: async (c) => {
      const result = await authenticate(c.req.raw, db, ctx.balanceCache)
      if (!result.ok) return bareError(result.status, result.message)
      const auth = result.auth
      return behindLimiter(c, rateLimit(ctx.limiter, PRESETS.CRITICAL), async () => {
        const json = await readJson(c)
        if (!json.ok) return videoFailure(json.message)
        const raw = asObject(json.body)
        if (typeof raw.prompt !== 'string' || raw.prompt.trim() === '') {
          return bareError(400, 'Prompt is required and must be a non-empty string')
        }
        const prompt = raw.prompt.trim()
        const modelId = raw.model ? raw.model : DEFAULT_VIDEO_MODEL
        const model = typeof modelId === 'string' ? findVideoModel(modelId) : undefined
        if (!model) {
          return bareError(400, 'Invalid model specified', {
            validModels: VIDEO_MODELS.map((m) => m.id),
          })
        }
        const price = videoPrice(model)
        const operation = `Video generation: ${model.id}`
        let reservationId: string
        try {
          ;({ id: reservationId } = await charge(db, {
            organizationId: auth.organizationId,
            userId: auth.userId,
            amount: price,
            description: `${operation} (reserved)`,
            metadata: { type: 'video_generation', model: model.id },
            hold: operation,
          }))
        } catch (error) {
          if (error instanceof InsufficientCreditsError) {
            return bareError(402, 'Insufficient credits for video generation', { required: price })
          }
          throw error
        }

        const request = trackRequest(ctx)
        const startedAt = Date.now()
        const recipe: VideoRecipe = {
          prompt,
          seed: seedOf(prompt, model.id),
          width: 1280,
          height: 720,
          seconds: model.seconds,
          audio: model.audio,
        }
        try {
          // Rendering runs while the request is held, so the delay is the whole wait.
          const [data] = await Promise.all([
            renderVideo(recipe, request.signal),
            pause(ctx.timing.videoDelayMs, request.signal),
          ])
          if (request.signal.aborted) throw new Error('The sandbox was reset')
          const row = await db.transaction(async (tx) => {
            const fileId = await insertFile(tx, {
              organizationId: auth.organizationId,
              kind: 'video',
              mimeType: 'video/mp4',
              data,
              recipe,
            })
            await tx.query(
              `INSERT INTO generations (organization_id, user_id, api_key_id, type, model, provider,
                                      prompt, status, file_id, mime_type, file_size, dimensions,
                                      completed_at)
             VALUES ($1, $2, $3, 'video', $4, 'fal', $5, 'completed', $6, 'video/mp4', $7, $8,
                     clock_timestamp())`,
              [
                auth.organizationId,
                auth.userId,
                auth.apiKeyId,
                model.id,
                prompt,
                fileId,
                String(data.length),
                JSON.stringify({ width: recipe.width, height: recipe.height }),
              ],
            )
            await releaseHold(tx, reservationId) // delivered: the reservation is the price
            return fileId
          })
          return c.json({
            video: {
              url: absoluteUrl(c.req.url, filePath('video', row, 'mp4')),
              content_type: 'video/mp4',
              width: recipe.width,
              height: recipe.height,
              file_name: 'output.mp4',
              file_size: data.length,
            },
            seed: recipe.seed,
            has_nsfw_concepts: [false],
            timings: { inference: Math.round((Date.now() - startedAt) / 100) / 10 },
            requestId: randomUUID(),
          })
        } catch (error) {
          // A reset or close: the ledger this run was billed against is gone; write nothing.
          if (request.signal.aborted) return videoFailure('The sandbox was reset')
          // A failure after the reservation keeps ~10 % of the quote (docs/cloud/media.md §2).
          await refund(ctx, auth, usd(price * 0.9), `${operation} (refund)`, reservationId)
          return videoFailure(error instanceof Error ? error.message : String(error))
        } finally {
          request.done()
        }
      })
    },
  })
  app.all('/api/v1/generate-video', () => methodNotAllowed(['POST', 'OPTIONS']))

  routes.route({
    method: 'get',
    path: '/api/v1/generate-video/files/{file}',
    auth: 'none',
    summary:
      "A generated video (sandbox stand-in for the cloud's public blob URL; Range supported)",
    params: z.object({ file: z.string().describe('`<uuid>.<extension>`') }),
    responses: {
      200: { description: 'The whole file', contentType: 'video/mp4' },
      206: { description: 'The requested byte range' },
      404: { description: 'Unknown file' },
      416: { description: 'Unsatisfiable range' },
    },
    extension: 'Local file serving (no key needed, like a public blob URL)',
    handler: (c) => serveFile(db, 'video', c.req.param('file') ?? '', c.req.raw),
  })
  return routes
}

/** Every other video failure, malformed JSON included (docs/cloud/media.md §2 errors). */
const videoFailure = (originalError: string) =>
  bareError(500, 'Video generation failed. Please try again.', {
    isFallback: true,
    originalError,
  })
