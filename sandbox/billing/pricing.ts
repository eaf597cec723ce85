// GET /api/v1/pricing/summary (docs/cloud/billing.md §10): USD price ranges with the cloud's 20 % markup.
// Chat is derived from the sandbox's own model catalog; the media and voice sections are the
// note's published figures (the sandbox has no live media pricing catalog to compute them from).
import { z } from 'zod'
import { methodNotAllowed } from '../core/errors.ts'
import { MODEL_CATALOG } from '../chat/model-catalog.ts'
import { FamilyRoutes } from '../core/route.ts'

const MARKUP = 1.2

const range = z.object({ min: z.number(), max: z.number() })
const section = z.object({
  unit: z.string(),
  isVariable: z.boolean().optional(),
  estimatedRange: range.optional(),
  cost: z.number().optional(),
  description: z.string(),
})

// Rounded to the precision the cloud reports prices with.
const round = (n: number) => Number(n.toPrecision(6))

/** Input-token price per 1k tokens across the catalog's chat models, markup included. */
function chatRange() {
  const prices = MODEL_CATALOG.filter((m) => m.type === 'language' && m.pricing)
    .map((m) => Number(m.pricing?.input) * 1000 * MARKUP)
    .filter((p) => Number.isFinite(p) && p > 0)
  return { min: round(Math.min(...prices)), max: round(Math.max(...prices)) }
}

export function pricingRoutes(): FamilyRoutes {
  const routes = new FamilyRoutes('billing')
  const { app } = routes
  // No handler auth (the edge wants some credential), no rate limit, always 200.
  routes.route({
    method: 'get',
    path: '/api/v1/pricing/summary',
    auth: 'credential',
    summary: 'Live price ranges in USD (markup included)',
    note: 'docs/cloud/billing.md §10',
    responses: {
      200: {
        description: 'Price sections; voice-stt has a single cost',
        schema: z.object({
          asOf: z.string(),
          pricing: z.record(z.string(), section),
          warnings: z.array(z.string()).optional(),
        }),
      },
    },
    handler: (c) =>
      c.json({
        asOf: new Date().toISOString(),
        pricing: {
          'generate-image': {
            unit: 'image',
            isVariable: true,
            estimatedRange: { min: 0.0468, max: 0.096 },
            description: 'Live image model pricing per generated image',
          },
          'generate-video': {
            unit: 'video',
            isVariable: true,
            estimatedRange: { min: 0.336, max: 3.84 },
            description: 'Live video model pricing per default request',
          },
          'chat-completions': {
            unit: '1k tokens',
            isVariable: true,
            estimatedRange: chatRange(),
            description: 'Input-token pricing across current curated chat models',
          },
          'voice-tts': {
            unit: '1k chars',
            isVariable: true,
            estimatedRange: { min: 0.06, max: 0.12 },
            description: 'Live text-to-speech pricing per 1,000 characters',
          },
          'voice-stt': {
            unit: 'minute',
            cost: 0.0044,
            description: 'Live speech-to-text pricing per minute',
          },
          'voice-clone': {
            unit: 'clone',
            isVariable: true,
            estimatedRange: { min: 0.504, max: 2.004 },
            description: 'Live voice cloning pricing by clone tier',
          },
        },
      }),
  })
  app.all('/api/v1/pricing/summary', () => methodNotAllowed(['GET', 'OPTIONS']))
  return routes
}
