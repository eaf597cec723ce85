// POST /api/v1/generate-image (docs/cloud/media.md §1) and GET /api/v1/generate-image/files/{file},
// the sandbox's stand-in for the public blob URL of what it produced (files.ts).
import { z } from 'zod'
import { authenticate } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { bareError, methodNotAllowed } from '../core/errors.ts'
import { charge, InsufficientCreditsError } from '../core/ledger.ts'
import { PRESETS, rateLimit } from '../core/rate-limit.ts'
import { pause } from '../core/timing.ts'
import { FamilyRoutes } from '../core/route.ts'
import { imageSize, MARKUP, resolveImageModel, usd } from './catalog.ts'
import { absoluteUrl, filePath, insertFile, serveFile } from './files.ts'
import { asObject, readJson, refund, trackRequest } from './generation.ts'
import { decodeDataUrl, renderImage, seedOf, type ImageRecipe } from './render-image.ts'
import { e5, imageRequest, imageResponse, NOTE, PROMPT_REQUIRED } from './schemas.ts'

export function generateImageRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('media')
  const { app } = routes
  const { db } = ctx

  // §1. The limiter wraps the whole handler, so it counts before auth.
  routes.route({
    method: 'post',
    path: '/api/v1/generate-image',
    auth: 'key',
    summary: 'Generate 1–4 images (synchronous)',
    note: `${NOTE} §1`,
    body: imageRequest,
    responses: {
      200: { description: 'Images, each with a URL on the sandbox origin', schema: imageResponse },
      400: { description: 'Validation (E5)', schema: e5 },
      401: { description: 'Authentication required (E5)', schema: e5 },
      402: { description: 'Insufficient credits, with `required` USD (E5)', schema: e5 },
      429: { description: 'STANDARD rate limit (E10)' },
      500: { description: 'Malformed JSON or no image generated (E5)', schema: e5 },
    },
    use: [rateLimit(ctx.limiter, PRESETS.STANDARD)],
    handler: async (c) => {
      const result = await authenticate(c.req.raw, db, ctx.balanceCache)
      // Any auth failure, inactive accounts included, is this one 401 (docs/cloud/media.md §1).
      if (!result.ok) {
        return bareError(401, 'Authentication required. Provide a valid session or API key.')
      }
      const auth = result.auth
      const json = await readJson(c)
      // Malformed JSON → 500 with the parser's message (docs/cloud/media.md §1 errors).
      if (!json.ok) return bareError(500, json.message)
      const raw = asObject(json.body)
      const parsed = imageRequest.safeParse(raw)
      if (!parsed.success) return bareError(400, parsed.error.issues[0]?.message ?? PROMPT_REQUIRED)
      const input = parsed.data
      const model = resolveImageModel(input.model)
      const count = input.numImages ?? 1
      const aspectRatio = input.aspectRatio === undefined ? '1:1' : input.aspectRatio
      const style = typeof input.stylePreset === 'string' ? input.stylePreset : undefined
      const [width, height] = imageSize(model, aspectRatio)
      const operation = `Image generation (${count}x): ${model.id}`
      const estimate = usd(model.pricePerImage * count * MARKUP)

      // Reserve the estimate up front (docs/cloud/media.md §1 step 2).
      let reservationId: string
      try {
        ;({ id: reservationId } = await charge(db, {
          organizationId: auth.organizationId,
          userId: auth.userId,
          amount: estimate,
          description: `${operation} (reserved)`,
          metadata: { type: 'image_generation', model: model.id, numImages: count },
          hold: operation,
        }))
      } catch (error) {
        if (error instanceof InsufficientCreditsError) {
          return bareError(402, 'Insufficient credits for image generation', { required: estimate })
        }
        throw error
      }

      const request = trackRequest(ctx)
      try {
        await pause(ctx.timing.imageDelayMs, request.signal)
        const source =
          typeof input.sourceImage === 'string' ? decodeDataUrl(input.sourceImage) : null
        // Generated in parallel; a failed one is dropped (step 3). A source image that cannot be
        // decoded fails every image, as the model call would.
        const outcomes = await Promise.allSettled(
          Array.from({ length: count }, async (_, index) => {
            if (request.signal.aborted) throw new Error('aborted')
            const recipe: ImageRecipe = {
              prompt: input.prompt,
              seed: seedOf(input.prompt, model.id, String(aspectRatio), style ?? '', index),
              width,
              height,
              stylePreset: style,
              mimeType: model.mimeType,
            }
            return { recipe, data: await renderImage(recipe, source ?? undefined) }
          }),
        )
        // A reset or close: the data this run was billed against is gone, so nothing is written.
        if (request.signal.aborted) return bareError(500, 'No images were generated')
        const produced = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []))
        // Final charge = price × images produced; the rest is refunded (step 4).
        const actual = usd(model.pricePerImage * produced.length * MARKUP)
        if (produced.length === 0) {
          await refund(ctx, auth, estimate, `${operation} (refund)`, reservationId)
          return bareError(500, 'No images were generated')
        }
        await refund(ctx, auth, usd(estimate - actual), `${operation} (refund)`, reservationId)

        const images = await db.transaction(async (tx) => {
          const out = []
          for (const { recipe, data } of produced) {
            const fileId = await insertFile(tx, {
              organizationId: auth.organizationId,
              kind: 'image',
              mimeType: model.mimeType,
              data,
              recipe,
            })
            await tx.query(
              `INSERT INTO generations (organization_id, user_id, api_key_id, type, model, provider,
                                      prompt, status, file_id, mime_type, file_size, completed_at)
             VALUES ($1, $2, $3, 'image', $4, $5, $6, 'completed', $7, $8, $9, clock_timestamp())`,
              [
                auth.organizationId,
                auth.userId,
                auth.apiKeyId,
                model.id,
                model.provider,
                input.prompt,
                fileId,
                model.mimeType,
                String(data.length),
              ],
            )
            out.push({
              url: absoluteUrl(
                c.req.url,
                filePath('image', fileId, model.mimeType === 'image/webp' ? 'webp' : 'png'),
              ),
              text: '',
              mimeType: model.mimeType,
              fileSize: data.length,
            })
          }
          return out
        })
        return c.json({ images, numImages: images.length })
      } finally {
        request.done()
      }
    },
  })
  app.all('/api/v1/generate-image', () => methodNotAllowed(['POST', 'OPTIONS']))

  routes.route({
    method: 'get',
    path: '/api/v1/generate-image/files/{file}',
    auth: 'none',
    summary:
      "A generated image (sandbox stand-in for the cloud's public blob URL; Range supported)",
    params: z.object({ file: z.string().describe('`<uuid>.<extension>`') }),
    responses: {
      200: { description: 'The whole file', contentType: 'image/png' },
      206: { description: 'The requested byte range' },
      404: { description: 'Unknown file' },
      416: { description: 'Unsatisfiable range' },
    },
    extension: 'Local file serving (no key needed, like a public blob URL)',
    handler: (c) => serveFile(db, 'image', c.req.param('file') ?? '', c.req.raw),
  })
  return routes
}
