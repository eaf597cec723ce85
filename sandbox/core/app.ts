// The sandbox's Hono app: the cloud's absolute paths, its edge gate and its per-family error
// shapes (docs/cloud/README.md, "Sandbox policy"), plus test-mode controls.
import { Hono } from 'hono'
import { edgeGate } from './auth.ts'
import type { SandboxContext } from './context.ts'
import { controlRoutes } from './control.ts'
import { bare500, familyError, notFoundPage } from './errors.ts'
import { faultMiddleware } from './faults.ts'
import { FAMILIES } from './families.ts'
import { inputGuard } from './input-guard.ts'
import { openapiRoutes } from './openapi.ts'
import { permissionGate } from './permissions.ts'
import type { RouteDoc } from './route.ts'

// The cloud adds these to every /api/* response (docs/cloud/auth-errors-limits.md §5).
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers':
    'Content-Type, Authorization, X-API-Key, X-App-Id, X-Request-ID, X-PAYMENT, X-Wallet-Address, ' +
    'X-Timestamp, X-Wallet-Signature, X-Service-Key, X-Anonymous-Session',
  'Access-Control-Max-Age': '86400',
}

const DECLARED = new WeakMap<Hono, readonly RouteDoc[]>()

/** The routes an app built by createApp declared, in mounting order (the OpenAPI document's). */
export const declaredRoutes = (app: Hono): readonly RouteDoc[] => DECLARED.get(app) ?? []

export function createApp(ctx: SandboxContext): Hono {
  const app = new Hono()

  // Outermost, so every answer says it comes from the sandbox: faults, 401s, 404s, errors.
  app.use('*', async (c, next) => {
    await next()
    c.res.headers.set('X-Elizacloud-Sandbox', '1')
    c.res.headers.set('X-Elizacloud-Sandbox-Strict', ctx.strict ? '1' : '0')
  })

  if (ctx.testMode) app.route('/', controlRoutes(ctx))

  // Faults apply before the edge gate and auth, so a fault hits even an unauthenticated call.
  app.use('*', faultMiddleware(ctx.faults))

  app.use('/api/*', async (c, next) => {
    // OPTIONS on any /api/* path → 204 with permissive CORS, no auth (docs/cloud/auth-errors-limits.md §1).
    if (c.req.method === 'OPTIONS')
      return new Response(null, { status: 204, headers: CORS_HEADERS })
    await next()
    for (const [name, value] of Object.entries(CORS_HEADERS)) c.res.headers.set(name, value)
  })
  // A 500 with no body (the cloud's E9) gets the family's JSON body unless strict mode asks for
  // the cloud exactly (docs/sandbox.md §Bad input). Inside the faults, so an injected empty
  // answer stays empty.
  app.use('/api/*', async (c, next) => {
    await next()
    if (c.res.status >= 500 && c.res.body === null && !ctx.strict) {
      // Hono keeps the old answer's headers (rate-limit, CORS) on the new one.
      c.res = familyError(c.req.path, c.req.method, c.res.status, 'An unexpected error occurred')
    }
  })
  app.use('/api/*', edgeGate(ctx.strict))
  app.use('/api/*', permissionGate(ctx))
  app.use('/api/*', inputGuard())

  const declared: RouteDoc[] = []
  for (const family of FAMILIES) {
    const routes = family.routes(ctx)
    app.route('/', routes.app)
    declared.push(...routes.declared)
  }
  const openapi = openapiRoutes(() => declaredRoutes(app))
  app.route('/', openapi.app)
  declared.push(...openapi.declared)
  DECLARED.set(app, declared)

  app.notFound(() => notFoundPage())
  // An exception nobody caught: Next.js answers a bare, empty 500 (docs/cloud/auth-errors-limits.md E9);
  // outside strict mode the family's JSON 500 instead, never a stack trace (docs/sandbox.md).
  app.onError((error, c) => {
    console.error('[sandbox] unhandled error:', error)
    if (ctx.strict) return bare500()
    return familyError(c.req.path, c.req.method, 500, 'An unexpected error occurred')
  })
  return app
}
