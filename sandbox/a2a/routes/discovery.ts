// GET /api/v1/discovery: public agents and MCP servers (docs/cloud/a2a-discovery.md
// "GET /api/v1/discovery"). Public: no authentication; a key (valid or not) only selects its
// own rate-limit bucket. Answers are cached per query until a reset.
import type { SandboxContext } from '../../core/context.ts'
import { bareError, methodNotAllowed } from '../../core/errors.ts'
import { PRESETS, rateLimit } from '../../core/rate-limit.ts'
import { FamilyRoutes } from '../../core/route.ts'
import { discover, DiscoveryCache, discoveryQuery, discoveryResponse } from '../discovery.ts'
import { invalidParameters } from '../schemas.ts'
import { NOTE, originOf } from './shared.ts'

/** State kept in memory per sandbox: the discovery cache (cleared by a reset). */
const caches = new WeakMap<SandboxContext, DiscoveryCache>()

export const clearDiscoveryCache = (ctx: SandboxContext) => caches.get(ctx)?.clear()

export function discoveryRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('a2a')
  const { app } = routes
  const cache = new DiscoveryCache()
  caches.set(ctx, cache)

  routes.route({
    method: 'get',
    path: '/api/v1/discovery',
    auth: 'none',
    summary: 'Discover public agents and MCP servers (public; a key only changes the rate bucket)',
    note: `${NOTE} "GET /api/v1/discovery"`,
    query: discoveryQuery,
    responses: {
      200: { description: 'Services, paged twice as the cloud does', schema: discoveryResponse },
      400: { description: 'Invalid parameters (E5 with zod issues)', schema: invalidParameters },
      429: { description: 'STANDARD rate limit (E10)' },
    },
    use: [rateLimit(ctx.limiter, PRESETS.STANDARD)],
    handler: async (c) => {
      const parsed = discoveryQuery.safeParse(Object.fromEntries(new URL(c.req.url).searchParams))
      if (!parsed.success) {
        return bareError(400, 'Invalid parameters', { details: parsed.error.issues })
      }
      const base = originOf(c)
      const key = JSON.stringify([base, parsed.data])
      return c.json(await cache.get(key, () => discover(ctx.db, parsed.data, base)))
    },
  })
  app.all('/api/v1/discovery', () => methodNotAllowed(['GET', 'OPTIONS']))

  return routes
}
