// a2a family: /shared/cloud-api/a2a-discovery.md. Routes land with issue #4.
import { Hono } from 'hono'
import type { Family } from '../family.ts'

export const a2aFamily: Family = {
  name: 'a2a',
  routes: () => new Hono(),
}
