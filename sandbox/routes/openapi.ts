// GET /api/openapi.json (cloud-api README row 27): generated from the families' documented zod
// schemas (openapi-registry.ts). Lands with issue #4.
import { Hono } from 'hono'
import type { Family } from '../family.ts'

export const openapiFamily: Family = {
  name: 'openapi',
  routes: () => new Hono(),
}
