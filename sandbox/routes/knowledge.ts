// knowledge family: /shared/cloud-api/knowledge.md. Routes land with issue #4.
import { Hono } from 'hono'
import type { Family } from '../family.ts'

export const knowledgeFamily: Family = {
  name: 'knowledge',
  routes: () => new Hono(),
}
