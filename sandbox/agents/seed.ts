// The agents family's demo data, run after the core seed (seed.ts inserts the three characters
// with their basics): full personas for those characters, and two hosted runtimes — one running,
// one suspended with its pre-shutdown backup. Ids are fixed so links survive a reset.
import type { Db, Queryable } from '../core/db/client.ts'
import { SEED } from '../core/seed.ts'
import { REUSE_EXISTING_CHARACTER } from './runtimes.ts'

export const AGENTS_SEED = {
  runningRuntimeId: '5a4db0c0-0000-4000-8000-0000000000d1',
  stoppedRuntimeId: '5a4db0c0-0000-4000-8000-0000000000d2',
} as const

const DAY_MS = 24 * 60 * 60 * 1000

/** A small inline SVG avatar, so the console shows one without any network access. */
function avatar(initials: string, background: string): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">` +
    `<rect width="128" height="128" rx="24" fill="${background}"/>` +
    `<text x="64" y="78" font-family="sans-serif" font-size="48" font-weight="600" ` +
    `text-anchor="middle" fill="#ffffff">${initials}</text></svg>`
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
}

const exchange = (user: string, agent: string, agentName: string) => [
  { name: '{{user1}}', content: { text: user } },
  { name: agentName, content: { text: agent } },
]

const PERSONAS = [
  {
    name: 'Support Bot',
    avatar: avatar('SB', '#2563eb'),
    style: {
      all: ['Be concise and friendly', 'Quote exact prices in USD', 'Never guess account data'],
      chat: ['Answer in two or three sentences', 'Offer the next step'],
      post: ['Announce pricing changes plainly'],
    },
    messageExamples: [
      exchange(
        'Why did my balance drop by a few cents?',
        'Every chat completion is billed per token. The transactions list shows each charge with its model.',
        'Support Bot',
      ),
      exchange(
        'How do I add credits?',
        'Open Billing, choose an amount from $1 to $1,000 and pay by card. Credits arrive right after checkout.',
        'Support Bot',
      ),
    ],
    postExamples: ['New: auto top-up keeps your agents running when the balance runs low.'],
    knowledge: ['Balances and prices are in US dollars; new organizations start with $5.00.'],
    plugins: ['@elizaos/plugin-bootstrap'],
    settings: { model: 'openai/gpt-4o-mini', temperature: 0.3 },
  },
  {
    name: 'Lore Keeper',
    avatar: avatar('LK', '#9333ea'),
    style: {
      all: ['Tell stories with accurate dates', 'Keep a warm, curious tone'],
      chat: ['One anecdote per answer', 'End with a question that invites the next story'],
      post: ['Start with "On this day"'],
    },
    messageExamples: [
      exchange(
        'Who wrote the first program?',
        'Ada Lovelace, in 1843: her notes on the Analytical Engine describe computing Bernoulli numbers. Shall I tell you about the engine itself?',
        'Lore Keeper',
      ),
    ],
    postExamples: ['On this day in 1969, the first ARPANET message was sent: "lo".'],
    knowledge: ['The ENIAC was unveiled in February 1946.'],
    plugins: ['@elizaos/plugin-bootstrap'],
    settings: { model: 'anthropic/claude-sonnet-4', temperature: 0.7 },
  },
  {
    name: 'Pixel Muse',
    avatar: avatar('PM', '#db2777'),
    style: {
      all: ['Think in light, color and composition', 'Offer variations'],
      chat: ['Give one prompt and two variations', 'Name the aspect ratio'],
      post: ['Share a prompt of the day'],
    },
    messageExamples: [
      exchange(
        'Something cozy for a blog header',
        'Prompt: "a reading nook at dusk, warm lamp light, rain on the window, soft film grain", 16:9. Variations: autumn leaves outside; a sleeping cat on the cushion.',
        'Pixel Muse',
      ),
    ],
    postExamples: ['Prompt of the day: a lighthouse made of stained glass, dawn, 3:2.'],
    knowledge: [],
    plugins: ['@elizaos/plugin-bootstrap'],
    settings: { model: 'google/gemini-2.5-flash', temperature: 0.9 },
  },
]

/** Fills in what the core seed leaves empty, in one character_data JSON as elizaOS keeps it. */
async function enrichCharacters(tx: Queryable) {
  for (const [i, persona] of PERSONAS.entries()) {
    const id = SEED.agentIds[i]
    const { rows } = await tx.query<{
      name: string
      username: string
      system: string
      bio: string[]
      topics: string[]
      adjectives: string[]
    }>(
      'SELECT name, username, system, bio, topics, adjectives FROM user_characters WHERE id = $1',
      [id],
    )
    const base = rows[0]
    if (!base) continue
    const characterData = {
      name: base.name,
      username: base.username,
      system: base.system,
      bio: base.bio,
      topics: base.topics,
      adjectives: base.adjectives,
      style: persona.style,
      messageExamples: persona.messageExamples,
      postExamples: persona.postExamples,
      knowledge: persona.knowledge,
      plugins: persona.plugins,
      settings: persona.settings,
    }
    await tx.query(
      `UPDATE user_characters
          SET avatar_url = $2, style = $3, message_examples = $4, post_examples = $5,
              knowledge = $6, plugins = $7, settings = $8, character_data = $9
        WHERE id = $1`,
      [
        id,
        persona.avatar,
        JSON.stringify(persona.style),
        JSON.stringify(persona.messageExamples),
        JSON.stringify(persona.postExamples),
        JSON.stringify(persona.knowledge),
        JSON.stringify(persona.plugins),
        JSON.stringify(persona.settings),
        JSON.stringify(characterData),
      ],
    )
  }
}

async function insertRuntimes(tx: Queryable) {
  const now = Date.now()
  const ms = (d: number) => new Date(now - d * DAY_MS).toISOString()
  // Billing starts at the seed instant, so a fresh sandbox keeps exactly its $5.00 grant.
  const billedThrough = new Date(now).toISOString()
  const config = { ...REUSE_EXISTING_CHARACTER, model: 'openai/gpt-4o-mini' }
  await tx.query(
    `INSERT INTO milady_sandboxes (id, organization_id, user_id, character_id, agent_name,
       agent_config, environment_vars, status, database_status, node_id, container_name,
       headscale_ip, bridge_url, health_url, last_heartbeat_at, last_backup_at, billed_through,
       created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'Support Bot', $5, $6, 'running', 'ready', 'sandbox-node-1',
       $12, '100.64.12.34', 'http://100.64.12.34:18790',
       'http://100.64.12.34:18790/health', $7, $8, $9, $10, $11)`,
    [
      AGENTS_SEED.runningRuntimeId,
      SEED.organizationId,
      SEED.userId,
      SEED.agentIds[0],
      JSON.stringify(config),
      JSON.stringify({ LOG_LEVEL: 'info' }),
      billedThrough,
      ms(1),
      billedThrough,
      ms(3),
      ms(2),
      `milady-${AGENTS_SEED.runningRuntimeId}`,
    ],
  )
  await tx.query(
    `INSERT INTO milady_sandboxes (id, organization_id, user_id, character_id, agent_name,
       agent_config, status, database_status, last_heartbeat_at, last_backup_at, billed_through,
       created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'Lore Keeper', $5, 'stopped', 'ready', $6, $6, $7, $8, $6)`,
    [
      AGENTS_SEED.stoppedRuntimeId,
      SEED.organizationId,
      SEED.userId,
      SEED.agentIds[1],
      JSON.stringify({ ...REUSE_EXISTING_CHARACTER }),
      ms(0.5),
      billedThrough,
      ms(4),
    ],
  )
  const backups: [string, string, string][] = [
    [AGENTS_SEED.runningRuntimeId, 'auto', ms(1)],
    [AGENTS_SEED.stoppedRuntimeId, 'pre-shutdown', ms(0.5)],
  ]
  for (const [recordId, type, at] of backups) {
    const state = JSON.stringify({ memories: [], capturedAt: at })
    await tx.query(
      `INSERT INTO milady_sandbox_backups (sandbox_record_id, snapshot_type, state_data, size_bytes,
                                           created_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [recordId, type, state, Buffer.byteLength(state), at],
    )
  }
}

export async function seedAgents(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await enrichCharacters(tx)
    await insertRuntimes(tx)
  })
}
