// Transitional: families not yet converted to declared routes (route.ts) still document their
// handlers here; app.ts adds these to the OpenAPI document. Removed once every family declares.
import type { RouteAuth, RouteDoc } from './route.ts'

const docs: RouteDoc[] = []

export function documentRoute(doc: Omit<RouteDoc, 'auth'> & { auth?: RouteAuth }): void {
  docs.push({ auth: 'key', ...doc })
}

export function documentedRoutes(): readonly RouteDoc[] {
  return docs
}
