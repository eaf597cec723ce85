// media family: /shared/cloud-api/media.md. Routes land with issue #4.
import { Hono } from 'hono'
import type { Family } from '../family.ts'

export const mediaFamily: Family = {
  name: 'media',
  routes: () => new Hono(),
}
