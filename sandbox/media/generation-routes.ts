// Image and video generation and the gallery (docs/cloud/media.md §1, §2, §3), plus the sandbox's file
// routes for what they produce (files.ts).
import { randomUUID } from 'node:crypto'
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { z } from 'zod'
import { authenticate, type AuthContext } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { bareError, methodNotAllowed } from '../core/errors.ts'
import { charge, credit, InsufficientCreditsError, releaseHold } from '../core/ledger.ts'
import { documentRoute } from '../core/openapi-registry.ts'
import { PRESETS, rateLimit } from '../core/rate-limit.ts'
import { pause } from '../core/timing.ts'
import {
  ASPECT_RATIOS,
  DEFAULT_VIDEO_MODEL,
  findVideoModel,
  imageSize,
  MARKUP,
  resolveImageModel,
  STYLE_PRESETS,
  usd,
  VIDEO_MODELS,
  videoPrice,
} from './catalog.ts'
import {
  absoluteUrl,
  filePath,
  insertFile,
  materialiseMissing,
  serveFile,
  type MediaKind,
} from './files.ts'
import { decodeDataUrl, renderImage, seedOf, type ImageRecipe } from './render-image.ts'
import { renderVideo, type VideoRecipe } from './render-video.ts'

const NOTE = 'docs/cloud/media.md'

// ─── Schemas (validated with, and documented from) ────────────────────────────────────────

const PROMPT_REQUIRED = 'Prompt is required and must be a non-empty string'
const NUM_IMAGES = 'numImages must be an integer between 1 and 4'
const SOURCE_IMAGE = 'sourceImage must be a base64 data URL string'

/** docs/cloud/media.md §1: only prompt, numImages and sourceImage are validated, in that order. */
export const imageRequest = z.object({
  prompt: z
    .string({ error: PROMPT_REQUIRED })
    .refine((s) => s.trim().length > 0, { error: PROMPT_REQUIRED })
    .refine((s) => s.length <= 4000, { error: 'Prompt must be 4000 characters or fewer' }),
  numImages: z
    .number({ error: NUM_IMAGES })
    .int({ error: NUM_IMAGES })
    .min(1, { error: NUM_IMAGES })
    .max(4, { error: NUM_IMAGES })
    .nullish(),
  aspectRatio: z
    .unknown()
    .optional()
    .describe(`Text hint, not validated: ${ASPECT_RATIOS.join(', ')} (default 1:1)`),
  stylePreset: z
    .unknown()
    .optional()
    .describe(`Text hint, not validated: ${STYLE_PRESETS.join(', ')}`),
  sourceImage: z
    .string({ error: SOURCE_IMAGE })
    .max(14_000_000, { error: 'sourceImage exceeds maximum allowed size' })
    .regex(/^data:[^;,]+;base64,/, { error: SOURCE_IMAGE })
    .nullish(),
  model: z
    .unknown()
    .optional()
    .describe('Unknown ids silently fall back to google/gemini-2.5-flash-image'),
})

const imageResponse = z.object({
  images: z.array(
    z.object({
      url: z.string().optional(),
      image: z.string().optional(),
      text: z.string(),
      mimeType: z.string(),
      fileSize: z.number().optional(),
    }),
  ),
  numImages: z.number(),
})

export const videoRequest = z.object({
  prompt: z.string().describe('Non-blank; trimmed before use'),
  model: z
    .enum(VIDEO_MODELS.map((m) => m.id) as [string, ...string[]])
    .optional()
    .describe(`Default ${DEFAULT_VIDEO_MODEL}; other ids → 400 with validModels`),
})

const videoResponse = z.object({
  video: z.object({
    url: z.string(),
    content_type: z.string(),
    width: z.number(),
    height: z.number(),
    file_name: z.string(),
    file_size: z.number(),
  }),
  seed: z.number(),
  has_nsfw_concepts: z.array(z.boolean()),
  timings: z.object({ inference: z.number() }),
  requestId: z.string(),
})

export const galleryQuery = z.object({
  type: z.enum(['image', 'video']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
})

const galleryItem = z.object({
  id: z.string(),
  type: z.enum(['image', 'video']),
  url: z.string(),
  thumbnailUrl: z.string().nullable(),
  prompt: z.string(),
  negativePrompt: z.string().nullable(),
  model: z.string(),
  provider: z.string(),
  status: z.string(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  dimensions: z.object({ width: z.number(), height: z.number() }).nullable(),
  mimeType: z.string().nullable(),
  fileSize: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
})

const e5 = z.object({ error: z.string() }).passthrough()

documentRoute({
  method: 'post',
  path: '/api/v1/generate-image',
  family: 'media',
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
})
documentRoute({
  method: 'post',
  path: '/api/v1/generate-video',
  family: 'media',
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
})
documentRoute({
  method: 'get',
  path: '/api/v1/gallery',
  family: 'media',
  summary: "The calling user's generated images and videos, newest first",
  note: `${NOTE} §3`,
  query: galleryQuery,
  responses: {
    200: {
      description: 'Gallery page (`fileSize` is a string)',
      schema: z.object({
        items: z.array(galleryItem),
        count: z.number(),
        offset: z.number(),
        limit: z.number(),
        hasMore: z.boolean(),
      }),
    },
    400: { description: 'Validation error with zod issues (E5)', schema: e5 },
    401: { description: 'Auth failure (E5)', schema: e5 },
  },
})
for (const kind of ['image', 'video'] as const) {
  documentRoute({
    method: 'get',
    path: `/api/v1/generate-${kind}/files/{file}`,
    family: 'media',
    summary: `A generated ${kind} (sandbox stand-in for the cloud's public blob URL; Range supported)`,
    params: z.object({ file: z.string().describe('`<uuid>.<extension>`') }),
    responses: {
      200: {
        description: 'The whole file',
        contentType: kind === 'image' ? 'image/png' : 'video/mp4',
      },
      206: { description: 'The requested byte range' },
      404: { description: 'Unknown file' },
      416: { description: 'Unsatisfiable range' },
    },
    extension: 'Local file serving (no key needed, like a public blob URL)',
  })
}

// ─── Helpers ──────────────────────────────────────────────────────────────────────────────

/** Requests in flight per sandbox, aborted by a reset or close (family.clear). */
const inflight = new WeakMap<SandboxContext, Set<AbortController>>()

export function abortInflight(ctx: SandboxContext) {
  for (const controller of inflight.get(ctx) ?? []) controller.abort()
  inflight.get(ctx)?.clear()
}

/**
 * An AbortSignal that fires only when the sandbox resets or closes. A client that goes away (a
 * reload, a closed tab, Cancel) does not stop the work: the notes say nothing of the cloud giving
 * up on an abandoned generation, so the sandbox finishes it, stores the result in the gallery and
 * keeps the charge, and a charge never exists without its result (docs/media.md §Leaving).
 */
function trackRequest(ctx: SandboxContext): { signal: AbortSignal; done(): void } {
  const controller = new AbortController()
  let set = inflight.get(ctx)
  if (!set) inflight.set(ctx, (set = new Set()))
  set.add(controller)
  return {
    signal: controller.signal,
    done: () => set.delete(controller),
  }
}

/** Runs `handler` behind a rate-limit middleware from inside a handler (after auth). */
async function behindLimiter(
  c: Context,
  limiter: MiddlewareHandler,
  handler: () => Promise<Response>,
): Promise<Response> {
  const early = await limiter(c, async () => {
    c.res = await handler()
  })
  return early instanceof Response ? early : c.res
}

async function readJson(
  c: Context,
): Promise<{ ok: true; body: unknown } | { ok: false; message: string }> {
  try {
    return { ok: true, body: JSON.parse(await c.req.text()) as unknown }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) }
  }
}

const asObject = (body: unknown): Record<string, unknown> =>
  typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {}

/** Gives back `amount` of the reservation `reservationId` and closes it (no row when 0). */
const refund = async (
  ctx: SandboxContext,
  auth: AuthContext,
  amount: number,
  description: string,
  reservationId: string,
) => {
  if (amount <= 0) return releaseHold(ctx.db, reservationId)
  await credit(ctx.db, {
    organizationId: auth.organizationId,
    userId: auth.userId,
    amount,
    type: 'refund',
    description,
    releases: reservationId,
  })
}

// ─── Routes ───────────────────────────────────────────────────────────────────────────────

export function generationRoutes(ctx: SandboxContext): Hono {
  const app = new Hono()
  const { db } = ctx

  // §1. The limiter wraps the whole handler, so it counts before auth.
  app.post('/api/v1/generate-image', rateLimit(ctx.limiter, PRESETS.STANDARD), async (c) => {
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
      const source = typeof input.sourceImage === 'string' ? decodeDataUrl(input.sourceImage) : null
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
  })
  app.all('/api/v1/generate-image', () => methodNotAllowed(['POST', 'OPTIONS']))

  // §2. Auth runs before the limiter, so failed auth does not use up the 5 per 5 minutes.
  app.post('/api/v1/generate-video', async (c) => {
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
  })
  app.all('/api/v1/generate-video', () => methodNotAllowed(['POST', 'OPTIONS']))

  // §3. Only the calling user's rows in their organization, only rows with a stored file.
  app.get('/api/v1/gallery', async (c) => {
    const result = await authenticate(c.req.raw, db, ctx.balanceCache)
    if (!result.ok) return bareError(result.status, result.message)
    const parsed = galleryQuery.safeParse(c.req.query())
    if (!parsed.success) {
      return bareError(400, 'Validation error', { details: parsed.error.issues })
    }
    const { type, limit, offset } = parsed.data
    const select = () =>
      db.query<GalleryRow>(
        `SELECT g.id, g.type, g.prompt, g.negative_prompt, g.model, g.provider, g.status,
                g.created_at, g.completed_at, g.dimensions, g.mime_type, g.file_size, g.metadata,
                g.file_id, f.extension
           FROM generations g JOIN media_files f ON f.id = g.file_id
          WHERE g.user_id = $1 AND g.organization_id = $2 AND g.status = 'completed'
            AND ($3::text IS NULL OR g.type = $3)
          ORDER BY g.created_at DESC, g.id DESC LIMIT $4 OFFSET $5`,
        [result.auth.userId, result.auth.organizationId, type ?? null, limit, offset],
      )
    let { rows } = await select()
    // Seeded demo items are rendered on first use; their sizes then exist.
    const missing = rows.filter((r) => r.file_size === null).map((r) => r.file_id)
    if (missing.length > 0) {
      await materialiseMissing(db, missing)
      rows = (await select()).rows
    }
    const items = rows.map((r) => ({
      id: r.id,
      type: r.type,
      url: absoluteUrl(c.req.url, filePath(r.type, r.file_id, r.extension)),
      thumbnailUrl: null,
      prompt: r.prompt,
      negativePrompt: r.negative_prompt,
      model: r.model,
      provider: r.provider,
      status: r.status,
      createdAt: r.created_at.toISOString(),
      completedAt: r.completed_at?.toISOString() ?? null,
      dimensions: r.dimensions,
      mimeType: r.mime_type,
      fileSize: r.file_size,
      metadata: r.metadata,
    }))
    return c.json({ items, count: items.length, offset, limit, hasMore: items.length === limit })
  })
  app.all('/api/v1/gallery', () => methodNotAllowed(['GET', 'OPTIONS']))

  for (const kind of ['image', 'video'] as const satisfies MediaKind[]) {
    app.get(`/api/v1/generate-${kind}/files/:file`, (c) =>
      serveFile(db, kind, c.req.param('file'), c.req.raw),
    )
  }

  return app
}

interface GalleryRow {
  id: string
  type: MediaKind
  prompt: string
  negative_prompt: string | null
  model: string
  provider: string
  status: string
  created_at: Date
  completed_at: Date | null
  dimensions: { width: number; height: number } | null
  mime_type: string | null
  file_size: string | null
  metadata: Record<string, unknown>
  file_id: string
  extension: string
}

/** Every other video failure, malformed JSON included (docs/cloud/media.md §2 errors). */
const videoFailure = (originalError: string) =>
  bareError(500, 'Video generation failed. Please try again.', {
    isFallback: true,
    originalError,
  })
