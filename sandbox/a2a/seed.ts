// Demo data of the A2A family: three MCP servers of the sandbox organization, beside the public
// directory (directory-seed.ts).
import type { Db } from '../core/db/client.ts'
import { SEED } from '../core/seed.ts'
import { insertPublicMcp, type SeedMcp } from './directory-seed.ts'

export const A2A_SEED = {
  mcpIds: [
    '5a4db0c0-0000-4000-8000-0000000000d1',
    '5a4db0c0-0000-4000-8000-0000000000d2',
    '5a4db0c0-0000-4000-8000-0000000000d3',
  ],
} as const

/** Three MCP servers of the sandbox org: one live and priced in credits, one x402, one draft. */
export async function seedA2a(db: Db): Promise<void> {
  const rows: SeedMcp[] = [
    {
      id: A2A_SEED.mcpIds[0],
      name: 'Weather Tools',
      slug: 'weather-tools',
      description: 'Forecast lookups for any city',
      category: 'utilities',
      tags: ['weather'],
      status: 'live',
      tools: [{ name: 'get_forecast' }, { name: 'get_alerts' }],
      pricing: 'credits',
      credits: '1.0000',
      x402: null,
      verified: true,
      daysAgo: 5,
    },
    {
      id: A2A_SEED.mcpIds[1],
      name: 'Chain Oracle',
      slug: 'chain-oracle',
      description: 'Token prices and wallet balances',
      category: 'finance',
      tags: ['crypto', 'prices'],
      status: 'live',
      tools: [{ name: 'get_token_price' }],
      pricing: 'x402',
      credits: null,
      x402: '0.0100',
      verified: false,
      daysAgo: 3,
    },
    {
      id: A2A_SEED.mcpIds[2],
      name: 'Draft Notes',
      slug: 'draft-notes',
      description: 'A note-taking server that is not live yet',
      category: 'productivity',
      tags: ['notes'],
      status: 'draft',
      tools: [{ name: 'add_note' }],
      pricing: 'free',
      credits: null,
      x402: null,
      verified: false,
      daysAgo: 1,
    },
  ]
  for (const m of rows) await insertPublicMcp(db, SEED.organizationId, SEED.userId, m)
}
