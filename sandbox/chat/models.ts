// GET /api/v1/models and GET /api/v1/models/{provider}/{model}: the model catalog
// (docs/cloud/chat.md "GET /api/v1/models"). The catalog itself is model-catalog.ts.
import { authenticate } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { methodNotAllowed, openAiError } from '../core/errors.ts'
import { FamilyRoutes } from '../core/route.ts'
import { findModel, MODEL_CATALOG } from './model-catalog.ts'
import { e3 } from './schemas.ts'
import { z } from 'zod'

export function modelsRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('chat')
  const { app } = routes

  // Public, no rate limit, cacheable for an hour (docs/cloud/chat.md).
  routes.route({
    method: 'get',
    path: '/api/v1/models',
    auth: 'none',
    note: 'docs/cloud/chat.md "GET /api/v1/models"',
    summary: 'The model catalog (public, cacheable for an hour)',
    responses: { 200: { description: 'OpenAI-style list' } },
    handler: (c) =>
      c.json({ object: 'list', data: MODEL_CATALOG }, 200, {
        'Cache-Control': 'public, s-maxage=3600, stale-while-revalidate=7200',
      }),
  })
  app.all('/api/v1/models', () => methodNotAllowed(['GET', 'OPTIONS']))

  // A catch-all route: `/api/v1/models/openai/gpt-4o-mini` asks for `openai/gpt-4o-mini`.
  // It requires a key; without a usable one the route answers 500 (docs/cloud/chat.md).
  routes.route({
    method: 'get',
    path: '/api/v1/models/{provider}/{model}',
    pattern: '/api/v1/models/*',
    auth: 'key',
    note: 'docs/cloud/chat.md "GET /api/v1/models"',
    summary: 'One catalog model; requires a key',
    params: z.object({ provider: z.string(), model: z.string() }),
    responses: {
      200: { description: 'The model object' },
      404: e3('model_not_found'),
      500: e3('No usable credentials: "Failed to fetch model details"'),
    },
    handler: async (c) => {
      const id = decodeURIComponent(c.req.path.slice('/api/v1/models/'.length)).replace(/\/+$/, '')
      const result = await authenticate(c.req.raw, ctx.db, ctx.balanceCache)
      if (!result.ok) {
        return openAiError(500, { message: 'Failed to fetch model details', type: 'api_error' })
      }
      const model = findModel(id)
      if (!model) {
        return openAiError(404, {
          message: `Model '${id}' not found`,
          type: 'invalid_request_error',
          code: 'model_not_found',
        })
      }
      return c.json(model)
    },
  })
  app.all('/api/v1/models/*', () => methodNotAllowed(['GET', 'OPTIONS']))
  return routes
}
