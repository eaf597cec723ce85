// api-keys family: /shared/cloud-api/api-keys.md. Routes land with issue #4.
import { Hono } from 'hono'
import type { Family } from '../family.ts'

export const apiKeysFamily: Family = {
  name: 'api-keys',
  routes: () => new Hono(),
}
