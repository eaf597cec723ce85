// Every family documents its routes here with the same zod schemas it validates with; the OpenAPI
// document at /api/openapi.json is generated from this list (routes/openapi.ts).
import type { z } from 'zod'

export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  /** OpenAPI path template, e.g. `/api/my-agents/characters/{id}`. */
  path: string
  family: string
  summary: string
  /** The cloud-api note and section, e.g. `docs/cloud/agents.md §2`. */
  note?: string
  query?: z.ZodObject
  params?: z.ZodObject
  body?: z.ZodType
  /** `multipart/form-data` instead of JSON for `body`. */
  multipart?: boolean
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>
  /** A named sandbox extension (docs/cloud/README.md, "Sandbox policy"). */
  extension?: string
}

const docs: RouteDoc[] = []

export function documentRoute(doc: RouteDoc): void {
  docs.push(doc)
}

export function documentedRoutes(): readonly RouteDoc[] {
  return docs
}
