// Every sandbox route is declared once, here-shaped: method, path, who may call it, request and
// response schemas, and the handler. `family.route(...)` registers the handler on the family's
// Hono router and keeps the declaration, from which /api/openapi.json is generated (openapi.ts)
// and against which the contract tests (contract/) parse real answers with the console's schemas.
// Validation stays the handler's own: the cloud validates in its handlers, each family with its
// own error shape and messages (docs/cloud/auth-errors-limits.md §2), so the schemas here
// describe; they do not reject.
import { Hono, type Handler, type MiddlewareHandler } from 'hono'
import type { z } from 'zod'

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

/**
 * What a caller must send (docs/cloud/auth-errors-limits.md §1). The edge gate decides by path
 * (auth.ts); the handler then checks the key itself.
 * - `key`: an API key (`X-API-Key` or `Bearer eliza_…`), checked by the handler.
 * - `none`: nothing; a public path whose handler asks for no credential.
 * - `key-optional`: nothing required; a key, when sent, is used (and a bad one refused).
 * - `credential`: the edge wants some credential-shaped header; the handler checks nothing.
 * - `session`: session-only on the cloud; the sandbox lets an API key in as a named extension,
 *   except under SANDBOX_STRICT=1 (docs/cloud/README.md "Sandbox policy").
 * - `service-key`: the partner's `X-Service-Key` only.
 * - `payment`: an x402 `X-PAYMENT` header instead of a key.
 */
export type RouteAuth =
  'key' | 'none' | 'key-optional' | 'credential' | 'session' | 'service-key' | 'payment'

export interface ResponseDoc {
  description: string
  schema?: z.ZodType
  /** Default `application/json`. */
  contentType?: string
}

/** What a route declares about itself: everything but its code. */
export interface RouteDoc {
  method: Method
  /** OpenAPI path template, e.g. `/api/my-agents/characters/{id}`. */
  path: string
  family: string
  auth: RouteAuth
  summary: string
  /** The cloud reference and section, e.g. `docs/cloud/knowledge.md §4`. */
  note?: string
  query?: z.ZodObject
  params?: z.ZodObject
  body?: z.ZodType
  /** `multipart/form-data` instead of JSON for `body`. */
  multipart?: boolean
  responses: Record<number, ResponseDoc>
  /** A named sandbox extension (docs/cloud/README.md "Sandbox policy"). */
  extension?: string
}

export interface RouteDeclaration extends Omit<RouteDoc, 'family'> {
  /** Hono's pattern when it differs from `path` (a wildcard, a regex segment). */
  pattern?: string
  /** Run before the handler, in order (a rate-limit preset, a body limit). */
  use?: readonly MiddlewareHandler[]
  handler: Handler
}

/** `/api/a/{id}/b` → `/api/a/:id/b`. */
export const honoPattern = (template: string): string => template.replace(/\{([^}]+)\}/g, ':$1')

/**
 * One family's router and the routes it declared. Anything registered on `app` directly is not
 * a route a client calls (a 405 catch-all, middleware): a test fails on any other.
 */
export class FamilyRoutes {
  readonly app = new Hono()
  readonly declared: RouteDoc[] = []

  constructor(readonly family: string) {}

  route(declaration: RouteDeclaration): this {
    const { pattern, use = [], handler, ...doc } = declaration
    const handlers = [...use, handler] as unknown as [MiddlewareHandler, ...MiddlewareHandler[]]
    this.app.on(doc.method.toUpperCase(), pattern ?? honoPattern(doc.path), ...handlers)
    this.declared.push({ ...doc, family: this.family })
    return this
  }

  /** Mounts another file's routes of the same family (a family split by responsibility). */
  include(other: FamilyRoutes): this {
    this.app.route('/', other.app)
    this.declared.push(...other.declared)
    return this
  }
}
