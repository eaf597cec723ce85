// Which /api/ routes of a Hono app no declaration matches (route.ts). A route registered on a
// family's router without `routes.route(...)` would answer clients yet be missing from
// /api/openapi.json and from the contract tests; declared.test.ts fails on any.
import type { RouteDoc } from './route.ts'

export interface AppRoute {
  method: string
  path: string
}

const CALLED_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])

/** Hono path → regex: `:id` (optionally `:id{re}` or `:id?`) is one segment, `*` is anything. */
function honoRegex(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*'
      if (segment.startsWith(':')) return segment.endsWith('?') ? '[^/]*' : '[^/]+'
      return segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')
    })
    .join('/')
  return new RegExp(`^${source}/?$`)
}

/** A concrete path for an OpenAPI template: `/a/{id}` → `/a/id`. */
const samplePath = (template: string) => template.replace(/\{([^}]+)\}/g, '$1')

/**
 * Routes registered under /api/ that no declaration matches (same method, and the Hono pattern
 * matches the declared template). `app.all` catch-alls (405 answers) and middleware are not
 * routes a client calls, so they are left out.
 */
export function undeclaredRoutes(
  routes: readonly AppRoute[],
  declared: readonly Pick<RouteDoc, 'method' | 'path'>[],
): AppRoute[] {
  const seen = new Set<string>()
  const missing: AppRoute[] = []
  for (const route of routes) {
    if (!route.path.startsWith('/api/') || !CALLED_METHODS.has(route.method)) continue
    const id = `${route.method} ${route.path}`
    if (seen.has(id)) continue
    seen.add(id)
    const pattern = honoRegex(route.path)
    const isDeclared = declared.some(
      (d) => d.method.toUpperCase() === route.method && pattern.test(samplePath(d.path)),
    )
    if (!isDeclared) missing.push({ method: route.method, path: route.path })
  }
  return missing
}
