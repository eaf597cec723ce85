// A living public directory on first start (docs/cloud/a2a-discovery.md "GET /api/v1/discovery" lists the
// public characters and public MCP servers of ALL users): two other organizations, each with
// its own user, public agents (some monetized with a markup) and public MCP servers. The sandbox
// org's own seed is untouched. Ids are fixed so /discover/<id> links survive a reset.
import type { Db } from '../core/db/client.ts'

const id = (n: number) => `d15c0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`

export const DIRECTORY_SEED = {
  organizations: [
    { id: id(0x1), name: 'Northwind Labs', slug: 'northwind-labs' },
    { id: id(0x2), name: 'Atlas Collective', slug: 'atlas-collective' },
  ],
  users: [
    { id: id(0x11), org: 0, email: 'maya@northwind.invalid', name: 'Maya Chen' },
    { id: id(0x12), org: 1, email: 'ravi@atlas.invalid', name: 'Ravi Patel' },
  ],
  /** Public agents of other users, by name (tests and e2e look them up). */
  agents: {
    chefRemy: id(0xa01),
    codeReviewer: id(0xa02),
    fitnessCoach: id(0xa03),
    legalLens: id(0xa04),
    marketPulse: id(0xa05),
    polyglot: id(0xa06),
    rubberDuck: id(0xa07),
    stargazer: id(0xa08),
    travelScout: id(0xa09),
    zenMentor: id(0xa0a),
  },
  mcps: {
    githubInsights: id(0xb01),
    pdfToolkit: id(0xb02),
    geoCoder: id(0xb03),
    nftFloor: id(0xb04),
  },
} as const

/** A small inline SVG avatar (no network needed), as the agents seed does. */
function avatar(initials: string, background: string): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">` +
    `<rect width="128" height="128" rx="24" fill="${background}"/>` +
    `<text x="64" y="78" font-family="sans-serif" font-size="48" font-weight="600" ` +
    `text-anchor="middle" fill="#ffffff">${initials}</text></svg>`
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
}

type DirectoryAgent = {
  id: string
  org: 0 | 1
  name: string
  username: string
  bio: string[]
  system: string
  category: string
  tags: string[]
  avatar: string
  /** Percent; monetization on when set. */
  markup?: number
  popularity: number
  daysAgo: number
}

const A = DIRECTORY_SEED.agents

const AGENTS: DirectoryAgent[] = [
  {
    id: A.chefRemy,
    org: 0,
    name: 'Chef Remy',
    username: 'chef-remy',
    bio: ['Plans weekly menus from what is in your fridge.', 'Vegetarian options on request.'],
    system: 'You are Chef Remy. Suggest simple recipes with exact quantities.',
    category: 'lifestyle',
    tags: ['cooking', 'recipes'],
    avatar: avatar('CR', '#ea580c'),
    markup: 15,
    popularity: 80,
    daysAgo: 20,
  },
  {
    id: A.codeReviewer,
    org: 0,
    name: 'Code Reviewer',
    username: 'code-reviewer',
    bio: ['Reviews TypeScript and Python diffs for bugs and readability.'],
    system: 'You review code. Point out bugs first, then style, briefly.',
    category: 'development',
    tags: ['code', 'review', 'typescript'],
    avatar: avatar('CV', '#0f766e'),
    markup: 25,
    popularity: 120,
    daysAgo: 30,
  },
  {
    id: A.fitnessCoach,
    org: 1,
    name: 'Fitness Coach',
    username: 'fitness-coach',
    bio: ['Builds short home workouts and tracks your progress.'],
    system: 'You are a friendly fitness coach. Keep plans safe and short.',
    category: 'lifestyle',
    tags: ['health', 'fitness'],
    avatar: avatar('FC', '#16a34a'),
    popularity: 40,
    daysAgo: 12,
  },
  {
    id: A.legalLens,
    org: 1,
    name: 'Legal Lens',
    username: 'legal-lens',
    bio: ['Explains contract clauses in plain language.', 'Not legal advice.'],
    system: 'You explain legal text in plain words and always say you are not a lawyer.',
    category: 'assistant',
    tags: ['legal', 'contracts'],
    avatar: avatar('LL', '#4f46e5'),
    markup: 40,
    popularity: 55,
    daysAgo: 18,
  },
  {
    id: A.marketPulse,
    org: 0,
    name: 'Market Pulse',
    username: 'market-pulse',
    bio: ['Summarises market news and explains financial terms.'],
    system: 'You summarise financial news neutrally and never give investment advice.',
    category: 'finance',
    tags: ['finance', 'news'],
    avatar: avatar('MP', '#ca8a04'),
    markup: 10,
    popularity: 70,
    daysAgo: 9,
  },
  {
    id: A.polyglot,
    org: 1,
    name: 'Polyglot',
    username: 'polyglot',
    bio: ['Translates and explains idioms in twelve languages.'],
    system: 'You translate faithfully and explain idioms in one line.',
    category: 'education',
    tags: ['language', 'translation'],
    avatar: avatar('PG', '#0284c7'),
    popularity: 95,
    daysAgo: 25,
  },
  {
    id: A.rubberDuck,
    org: 0,
    name: 'Rubber Duck',
    username: 'rubber-duck',
    bio: ['Listens to your debugging story and asks the right question.'],
    system: 'You are a rubber duck. Ask one clarifying question at a time.',
    category: 'development',
    tags: ['code', 'debugging'],
    avatar: avatar('RD', '#facc15'),
    popularity: 60,
    daysAgo: 5,
  },
  {
    id: A.stargazer,
    org: 1,
    name: 'Stargazer',
    username: 'stargazer',
    bio: ['Tells you what is visible in tonight’s sky and why.'],
    system: 'You are an astronomy guide. Mention dates and directions precisely.',
    category: 'education',
    tags: ['astronomy', 'science'],
    avatar: avatar('SG', '#1e3a8a'),
    popularity: 30,
    daysAgo: 7,
  },
  {
    id: A.travelScout,
    org: 1,
    name: 'Travel Scout',
    username: 'travel-scout',
    bio: ['Plans itineraries with budgets and local tips.'],
    system: 'You plan trips day by day with a budget in USD.',
    category: 'lifestyle',
    tags: ['travel', 'planning'],
    avatar: avatar('TS', '#be123c'),
    markup: 20,
    popularity: 65,
    daysAgo: 14,
  },
  {
    id: A.zenMentor,
    org: 0,
    name: 'Zen Mentor',
    username: 'zen-mentor',
    bio: ['Guides two-minute breathing breaks and reflections.'],
    system: 'You guide calm, short mindfulness exercises.',
    category: 'wellness',
    tags: ['mindfulness', 'health'],
    avatar: avatar('ZM', '#7c3aed'),
    popularity: 45,
    daysAgo: 3,
  },
]

const M = DIRECTORY_SEED.mcps

const MCPS = [
  {
    id: M.githubInsights,
    org: 0,
    name: 'GitHub Insights',
    slug: 'github-insights',
    description: 'Repository statistics, open issues and release notes',
    category: 'development',
    tags: ['code', 'github'],
    status: 'live',
    tools: [{ name: 'repo_stats' }, { name: 'list_issues' }, { name: 'release_notes' }],
    pricing: 'free',
    credits: null,
    x402: null,
    verified: true,
    daysAgo: 22,
  },
  {
    id: M.pdfToolkit,
    org: 1,
    name: 'PDF Toolkit',
    slug: 'pdf-toolkit',
    description: 'Extract text and tables from PDF documents',
    category: 'productivity',
    tags: ['documents', 'pdf'],
    status: 'live',
    tools: [{ name: 'extract_text' }, { name: 'extract_tables' }],
    pricing: 'credits',
    credits: '2.0000',
    x402: null,
    verified: false,
    daysAgo: 11,
  },
  {
    id: M.geoCoder,
    org: 1,
    name: 'Geo Coder',
    slug: 'geo-coder',
    description: 'Addresses to coordinates and back',
    category: 'utilities',
    tags: ['maps', 'geo'],
    status: 'live',
    tools: [{ name: 'geocode' }, { name: 'reverse_geocode' }],
    pricing: 'x402',
    credits: null,
    x402: '0.0050',
    verified: false,
    daysAgo: 8,
  },
  {
    id: M.nftFloor,
    org: 0,
    name: 'NFT Floor',
    slug: 'nft-floor',
    description: 'Collection floor prices (suspended, hidden from the default list)',
    category: 'finance',
    tags: ['crypto', 'nft'],
    status: 'suspended',
    tools: [{ name: 'floor_price' }],
    pricing: 'free',
    credits: null,
    x402: null,
    verified: false,
    daysAgo: 40,
  },
] as const

/** Runs after the core seed; the organizations and users are wiped by a reset with the core's. */
export async function seedDirectory(db: Db): Promise<void> {
  const D = DIRECTORY_SEED
  for (const o of D.organizations) {
    await db.query(
      `INSERT INTO organizations (id, name, slug, credit_balance, created_at, updated_at)
       VALUES ($1, $2, $3, 0, now() - interval '60 days', now() - interval '60 days')`,
      [o.id, o.name, o.slug],
    )
  }
  for (const u of D.users) {
    await db.query(
      `INSERT INTO users (id, organization_id, email, name, created_at, updated_at)
       VALUES ($1, $2, $3, $4, now() - interval '60 days', now() - interval '60 days')`,
      [u.id, D.organizations[u.org].id, u.email, u.name],
    )
  }
  for (const a of AGENTS) {
    await db.query(
      `INSERT INTO user_characters (id, organization_id, user_id, name, username, system, bio,
                                    tags, category, avatar_url, is_public, popularity_score,
                                    monetization_enabled, inference_markup_percentage,
                                    created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, true, $11, $12, $13,
               now() - make_interval(days => $14), now() - make_interval(days => $14))`,
      [
        a.id,
        D.organizations[a.org].id,
        D.users[a.org].id,
        a.name,
        a.username,
        a.system,
        JSON.stringify(a.bio),
        JSON.stringify(a.tags),
        a.category,
        a.avatar,
        a.popularity,
        a.markup !== undefined,
        a.markup ?? 0,
        a.daysAgo,
      ],
    )
  }
  for (const m of MCPS) {
    await insertPublicMcp(db, D.organizations[m.org].id, D.users[m.org].id, m)
  }
}

/** A public MCP server of the demo data, as the seeds describe one. */
export type SeedMcp = {
  id: string
  name: string
  slug: string
  description: string
  category: string
  tags: readonly string[]
  status: string
  tools: readonly { name: string }[]
  pricing: 'free' | 'credits' | 'x402'
  credits: string | null
  x402: string | null
  verified: boolean
  daysAgo: number
}

/** Inserts one public MCP server owned by the given organization and user. */
export async function insertPublicMcp(
  db: Db,
  organizationId: string,
  userId: string,
  m: SeedMcp,
): Promise<void> {
  await db.query(
    `INSERT INTO user_mcps (id, organization_id, created_by_user_id, name, slug, description,
                            category, tags, status, is_public, tools, pricing_type,
                            credits_per_request, x402_price_usd, x402_enabled, is_verified,
                            created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, true, $10, $11, $12, $13, $14, $15,
             now() - make_interval(days => $16), now() - make_interval(days => $16))`,
    [
      m.id,
      organizationId,
      userId,
      m.name,
      m.slug,
      m.description,
      m.category,
      JSON.stringify(m.tags),
      m.status,
      JSON.stringify(m.tools),
      m.pricing,
      m.credits,
      m.x402,
      m.pricing === 'x402',
      m.verified,
      m.daysAgo,
    ],
  )
}
