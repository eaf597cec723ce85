// Every API family of the sandbox, in mounting order (one cloud-api note each).
import { analyticsFamily } from './analytics/routes.ts'
import type { Db } from './db/client.ts'
import type { Family } from './family.ts'
import { a2aFamily } from './routes/a2a.ts'
import { agentsFamily } from './routes/agents.ts'
import { apiKeysFamily } from './routes/api-keys.ts'
import { billingFamily } from './routes/billing.ts'
import { chatFamily } from './routes/chat.ts'
import { containersFamily } from './routes/containers.ts'
import { knowledgeFamily } from './routes/knowledge.ts'
import { mediaFamily } from './routes/media.ts'
import { openapiFamily } from './routes/openapi.ts'

export const FAMILIES: readonly Family[] = [
  billingFamily,
  chatFamily,
  agentsFamily,
  containersFamily,
  mediaFamily,
  knowledgeFamily,
  a2aFamily,
  apiKeysFamily,
  analyticsFamily,
  openapiFamily,
]

/** Tables the families own, for a reset's TRUNCATE. */
export const familyTables = (): string[] => FAMILIES.flatMap((f) => f.tables ?? [])

/** Each family's demo data, after the core seed (first start and reset). */
export async function seedFamilies(db: Db): Promise<void> {
  for (const family of FAMILIES) await family.seed?.(db)
}
