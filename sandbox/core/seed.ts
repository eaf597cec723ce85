// Demo data: one organization, its user and API key, the $5.00 signup grant (docs/cloud/billing.md
// "Money units"), three characters (docs/cloud/agents.md) and one running container (docs/cloud/containers.md).
// Ids are fixed so links and e2e assertions survive a reset.
import { PERMISSIONS } from '../api-keys/schemas.ts'
import type { Db, Queryable } from './db/client.ts'
import { hashApiKey, isApiKeyFormat, keyPrefix } from './keys.ts'
import { credit } from './ledger.ts'

export const SEED = {
  organizationId: '5a4db0c0-0000-4000-8000-000000000001',
  userId: '5a4db0c0-0000-4000-8000-000000000002',
  apiKeyId: '5a4db0c0-0000-4000-8000-000000000003',
  agentIds: [
    '5a4db0c0-0000-4000-8000-0000000000a1',
    '5a4db0c0-0000-4000-8000-0000000000a2',
    '5a4db0c0-0000-4000-8000-0000000000a3',
  ],
  containerId: '5a4db0c0-0000-4000-8000-0000000000c1',
  /** INITIAL_FREE_CREDITS (README.md row 26). */
  initialCredits: 5,
} as const

/** All data tables; `migrations` is kept. */
const DATA_TABLES = [
  'containers',
  'user_characters',
  'credit_transactions',
  'api_keys',
  'users',
  'organizations',
]

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Seeds the demo data unless an organization already exists; always ensures `apiKey`.
 * @returns true when it seeded (a new database), so the families seed theirs too.
 */
export async function seedIfEmpty(db: Db, apiKey: string): Promise<boolean> {
  const { rows } = await db.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM organizations',
  )
  if ((rows[0]?.count ?? 0) === 0) {
    await seed(db, apiKey)
    return true
  }
  await ensureApiKey(db, apiKey)
  return false
}

/** Wipes every data table (the core's and `extraTables`) and seeds the core again with the same key. */
export async function resetData(
  db: Db,
  apiKey: string,
  extraTables: readonly string[] = [],
): Promise<void> {
  await db.exec(`TRUNCATE ${[...extraTables, ...DATA_TABLES].join(', ')} CASCADE`)
  await seed(db, apiKey)
}

/**
 * Makes `apiKey` a valid key of the seeded user if it is not one already: a start brings the
 * sandbox's own key back even after it was disabled or given an expiry from the keys page.
 */
export async function ensureApiKey(db: Queryable, apiKey: string): Promise<void> {
  if (!isApiKeyFormat(apiKey))
    throw new Error('The sandbox API key must be eliza_ + 64 lowercase hex')
  await db.query(
    `UPDATE api_keys SET is_active = true, expires_at = NULL, updated_at = now()
      WHERE key_hash = $1 AND (NOT is_active OR expires_at IS NOT NULL)`,
    [hashApiKey(apiKey)],
  )
  await db.query(
    `INSERT INTO api_keys (organization_id, user_id, name, key_hash, key_prefix, permissions)
     SELECT $1, $2, 'Sandbox key', $3, $4, $5
      WHERE NOT EXISTS (SELECT 1 FROM api_keys WHERE key_hash = $3)`,
    [SEED.organizationId, SEED.userId, hashApiKey(apiKey), keyPrefix(apiKey), PERMISSIONS_JSON],
  )
}

const PERMISSIONS_JSON = JSON.stringify(PERMISSIONS)

async function seed(db: Db, apiKey: string): Promise<void> {
  if (!isApiKeyFormat(apiKey))
    throw new Error('The sandbox API key must be eliza_ + 64 lowercase hex')
  const now = Date.now()
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY_MS).toISOString()
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO organizations (id, name, slug, credit_balance, created_at, updated_at)
       VALUES ($1, 'Sandbox Org', 'sandbox-org', 0, $2, $2)`,
      [SEED.organizationId, at(7)],
    )
    await tx.query(
      `INSERT INTO users (id, organization_id, email, name, created_at, updated_at)
       VALUES ($1, $2, 'dev@sandbox.invalid', 'Sandbox Developer', $3, $3)`,
      [SEED.userId, SEED.organizationId, at(7)],
    )
    await tx.query(
      `INSERT INTO api_keys (id, organization_id, user_id, name, description, key_hash, key_prefix,
                             permissions, created_at, updated_at)
       VALUES ($1, $2, $3, 'Sandbox key', 'Seeded by the sandbox', $4, $5, $6, $7, $7)`,
      [
        SEED.apiKeyId,
        SEED.organizationId,
        SEED.userId,
        hashApiKey(apiKey),
        keyPrefix(apiKey),
        PERMISSIONS_JSON,
        at(7),
      ],
    )
    for (const [i, agent] of DEMO_AGENTS.entries()) {
      await tx.query(
        `INSERT INTO user_characters (id, organization_id, user_id, name, username, system, bio,
                                      topics, adjectives, tags, category, is_public,
                                      total_inference_requests, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [
          SEED.agentIds[i],
          SEED.organizationId,
          SEED.userId,
          agent.name,
          agent.username,
          agent.system,
          JSON.stringify(agent.bio),
          JSON.stringify(agent.topics),
          JSON.stringify(agent.adjectives),
          JSON.stringify(agent.tags),
          agent.category,
          agent.isPublic,
          agent.totalRequests,
          at(agent.createdDaysAgo),
          at(agent.updatedDaysAgo),
        ],
      )
    }
    await insertDemoContainer(tx, at)
  })
  // The grant goes through the ledger so the balance and its transaction always agree.
  await credit(db, {
    organizationId: SEED.organizationId,
    userId: SEED.userId,
    amount: SEED.initialCredits,
    description: 'Initial free credits',
    metadata: { type: 'initial_free_credits' },
  })
}

const DEMO_AGENTS = [
  {
    name: 'Support Bot',
    username: 'support-bot',
    system: 'You answer billing and account questions politely and briefly.',
    bio: ['Answers billing questions politely.', 'Knows the elizaOS Cloud pricing by heart.'],
    topics: ['billing', 'accounts'],
    adjectives: ['patient', 'precise'],
    tags: ['support'],
    category: 'assistant',
    isPublic: false,
    totalRequests: 12,
    createdDaysAgo: 6,
    updatedDaysAgo: 2,
  },
  {
    name: 'Lore Keeper',
    username: 'lore-keeper',
    system: 'You tell short, accurate stories about the history of computing.',
    bio: ['A storyteller for the history of computing.'],
    topics: ['history', 'computing'],
    adjectives: ['curious', 'warm'],
    tags: ['history', 'stories'],
    category: 'history',
    isPublic: true,
    totalRequests: 3,
    createdDaysAgo: 4,
    updatedDaysAgo: 4,
  },
  {
    name: 'Pixel Muse',
    username: 'pixel-muse',
    system: 'You suggest image prompts and art directions.',
    bio: ['Turns vague ideas into vivid image prompts.'],
    topics: ['art', 'design'],
    adjectives: ['playful', 'visual'],
    tags: ['creative'],
    category: 'creative',
    isPublic: false,
    totalRequests: 0,
    createdDaysAgo: 1,
    updatedDaysAgo: 1,
  },
]

// A container in its final `running` state (docs/cloud/containers.md "Status lifecycle"), seeded without a
// deployment fee so the demo balance stays at exactly the signup grant.
async function insertDemoContainer(tx: Queryable, at: (daysAgo: number) => string) {
  const org = SEED.organizationId
  const stack = `elizaos-${org}-support-bot`
  const account = '000000000000'
  const tag = '1.0.0-sandbox'
  const repo = `${account}.dkr.ecr.us-east-1.amazonaws.com/elizaos/${org}/support-bot`
  await tx.query(
    `INSERT INTO containers (
       id, name, project_name, description, organization_id, user_id, api_key_id, character_id,
       cloudformation_stack_name, ecr_repository_uri, ecr_image_tag, ecs_cluster_arn,
       ecs_service_arn, ecs_task_definition_arn, load_balancer_url, status, image_tag,
       environment_vars, metadata, last_deployed_at, last_health_check, deployment_log,
       last_billed_at, next_billing_at, total_billed, created_at, updated_at)
     VALUES ($1, 'Support Bot Runtime', 'support-bot', 'Demo container seeded by the sandbox',
       $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'running', $8, $13, $14, $15, $16,
       'Deployed successfully! (sandbox seed)', $17, $18, '1.17', $15, $17)`,
    [
      SEED.containerId,
      org,
      SEED.userId,
      SEED.apiKeyId,
      SEED.agentIds[0],
      stack,
      repo,
      tag,
      `arn:aws:ecs:us-east-1:${account}:cluster/${stack}`,
      `arn:aws:ecs:us-east-1:${account}:service/${stack}/svc`,
      `arn:aws:ecs:us-east-1:${account}:task-definition/support-bot:1`,
      'https://support-bot.containers.sandbox.invalid',
      JSON.stringify({ NODE_ENV: 'production' }),
      JSON.stringify({ ecr_image_uri: `${repo}:${tag}`, is_update: false, architecture: 'arm64' }),
      at(2),
      at(0),
      at(1),
      at(-1),
    ],
  )
}
