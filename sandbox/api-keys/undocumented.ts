// Which /api/ routes of the Hono app have no `documentRoute` entry (openapi-registry.ts).
// A report, not a gate, while the families are still adding their docs:
//   npx tsx sandbox/api-keys/undocumented.ts            prints the list, exits 0
//   npx tsx sandbox/api-keys/undocumented.ts --strict   exits 1 if anything is undocumented
// The lead switches the check on by running it with --strict in the test command.
import { pathToFileURL } from 'node:url'
import type { Hono } from 'hono'
import type { RouteDoc } from '../core/route.ts'

export interface AppRoute {
  method: string
  path: string
}

const DOC_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])

/** Hono path → regex: `:id` (optionally `:id{re}` or `:id?`) is one segment, `*` is anything. */
function honoPattern(path: string): RegExp {
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
 * Routes registered under /api/ that no documented route matches (same method, and the Hono
 * pattern matches the documented template). `app.all` catch-alls (405 answers) and middleware
 * are not routes a client calls, so they are left out.
 */
export function undocumentedRoutes(
  routes: readonly AppRoute[],
  docs: readonly Pick<RouteDoc, 'method' | 'path'>[],
): AppRoute[] {
  const seen = new Set<string>()
  const missing: AppRoute[] = []
  for (const route of routes) {
    if (!route.path.startsWith('/api/') || !DOC_METHODS.has(route.method)) continue
    const id = `${route.method} ${route.path}`
    if (seen.has(id)) continue
    seen.add(id)
    const pattern = honoPattern(route.path)
    const documented = docs.some(
      (d) => d.method.toUpperCase() === route.method && pattern.test(samplePath(d.path)),
    )
    if (!documented) missing.push({ method: route.method, path: route.path })
  }
  return missing
}

export function undocumentedInApp(app: Hono, docs: readonly RouteDoc[]): AppRoute[] {
  return undocumentedRoutes(app.routes, docs)
}

async function main(strict: boolean): Promise<number> {
  // Imported here so that importing this module (the tests do) opens no database.
  const { openSandbox } = await import('../server.ts')
  const { documentedRoutes } = await import('../core/openapi-registry.ts')
  const { INSTANT_TIMING } = await import('../core/timing.ts')
  const sandbox = await openSandbox({ timing: INSTANT_TIMING })
  try {
    const missing = undocumentedInApp(sandbox.app, documentedRoutes())
    const families = [...new Set(documentedRoutes().map((d) => d.family))].sort()
    console.log(`Documented families: ${families.join(', ') || '(none)'}`)
    if (missing.length === 0) {
      console.log('Every /api/ route is documented.')
      return 0
    }
    console.log(`${missing.length} /api/ route(s) without documentRoute():`)
    for (const route of missing) console.log(`  ${route.method.padEnd(6)} ${route.path}`)
    return strict ? 1 : 0
  } finally {
    await sandbox.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.includes('--strict'))
}
