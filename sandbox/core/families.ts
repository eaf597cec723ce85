// Every API family of the sandbox, in mounting order (one cloud-api note each).
import { analyticsFamily } from '../analytics/routes.ts'
import type { Db } from './db/client.ts'
import type { Family } from './family.ts'
import { a2aFamily } from '../a2a/routes.ts'
import { agentsFamily } from '../agents/routes.ts'
import { apiKeysFamily } from '../api-keys/routes.ts'
import { billingFamily } from '../billing/routes.ts'
import { chatFamily } from '../chat/routes.ts'
import { containersFamily } from '../containers/routes.ts'
import { knowledgeFamily } from '../knowledge/routes.ts'
import { mediaFamily } from '../media/routes.ts'

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
]

/** Tables the families own, for a reset's TRUNCATE. */
export const familyTables = (): string[] => FAMILIES.flatMap((f) => f.tables ?? [])

/** Each family's demo data, after the core seed (first start and reset). */
export async function seedFamilies(db: Db): Promise<void> {
  for (const family of FAMILIES) await family.seed?.(db)
}
