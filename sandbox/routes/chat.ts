// Chat family: /shared/cloud-api/chat.md. For now only the model catalog
// ("GET /api/v1/models" and "GET /api/v1/models/{provider}/{model}"); completions come later.
import { Hono } from 'hono'
import { authenticate } from '../auth.ts'
import type { SandboxContext } from '../context.ts'
import type { Family } from '../family.ts'
import { methodNotAllowed, openAiError } from '../errors.ts'
import { findModel, MODEL_CATALOG } from '../model-catalog.ts'

export function chatRoutes(ctx: SandboxContext): Hono {
  const app = new Hono()

  // Public, no rate limit, cacheable for an hour (chat.md).
  app.get('/api/v1/models', (c) =>
    c.json({ object: 'list', data: MODEL_CATALOG }, 200, {
      'Cache-Control': 'public, s-maxage=3600, stale-while-revalidate=7200',
    }),
  )
  app.all('/api/v1/models', () => methodNotAllowed(['GET', 'OPTIONS']))

  // A catch-all route: `/api/v1/models/openai/gpt-4o-mini` asks for `openai/gpt-4o-mini`.
  // It requires a key; without a usable one the route answers 500 (chat.md).
  app.get('/api/v1/models/*', async (c) => {
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
  })
  app.all('/api/v1/models/*', () => methodNotAllowed(['GET', 'OPTIONS']))

  return app
}

export const chatFamily: Family = { name: 'chat', routes: chatRoutes }
