// Contract: every agents answer the console reads (characters, sharing, publishing,
// monetization, hosted runtimes), produced by the in-process sandbox and read with the console's
// own schemas and error reader (src/features/agents/api/, src/lib/api-error.ts). A drift on
// either side fails here.
import { beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod/mini'
import {
  monetizationSchema,
  publishResultSchema,
  shareStatusSchema,
  toMonetizationBody,
  toPublishBody,
} from '@/features/agents/api/publishing'
import {
  agentPageSchema,
  agentResponseSchema,
  clonedAgentSchema,
  compatRuntimeListSchema,
  createdAgentSchema,
  createdRuntimeSchema,
  runtimeSchema,
} from '@/features/agents/api/schemas'
import { setBalance } from '../sandbox/core/ledger.ts'
import { SEED } from '../sandbox/core/seed.ts'
import { UNKNOWN_KEY } from '../sandbox/core/test-utils.ts'
import { AGENTS_SEED } from '../sandbox/agents/seed.ts'
import { contractFor } from './harness.ts'

// The console's logs schema is module-private (src/features/agents/api/runtime.ts): its shape,
// `{ data: string }`, is repeated here until it is exported.
const runtimeLogsSchema = z.object({ data: z.string() })

const contract = contractFor(['agents'], {
  notProduced: {
    // The key's organization is read by the authentication itself: with no organization the
    // answer is the auth failure, never this route's own 404.
    'POST /api/v1/app/agents 404':
      'the organization is checked by authentication first: the route never reaches its own check',
    'GET /api/v1/milady/agents 500':
      'only a database failure of the list query, which the sandbox never has',
  },
})
const { parses, refuses, unread } = contract
beforeEach(() => contract.sb.reset())

const [SUPPORT_BOT, LORE_KEEPER, PIXEL_MUSE] = SEED.agentIds as readonly [string, string, string]
const RUNNING = AGENTS_SEED.runningRuntimeId
const STOPPED = AGENTS_SEED.stoppedRuntimeId
const MISSING = '5a4db0c0-0000-4000-8000-00000000ffff'
const NO_SCHEMA = 'the console only waits for the success: it reads no body'
const json = (method: string, path: string, body?: unknown, key?: string) =>
  contract.sb.call(path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...(key === undefined ? {} : { key }),
  })
const publishValues = {
  a2aEnabled: true,
  mcpEnabled: true,
  enableMonetization: false,
  markupPercentage: '0',
  payoutWalletAddress: '',
}

describe('characters: successes', () => {
  it('list, detail, edit, clone and delete parse with their schemas', async () => {
    const page = await parses(
      await contract.sb.call('/api/my-agents/characters?page=1&limit=2'),
      agentPageSchema,
    )
    expect(page.agents).toHaveLength(2)
    expect(page.pagination).toMatchObject({ page: 1, limit: 2, totalCount: 3, hasMore: true })

    const agent = await parses(
      await contract.sb.call(`/api/my-agents/characters/${SUPPORT_BOT}`),
      agentResponseSchema,
    )
    expect(agent).toMatchObject({ id: SUPPORT_BOT, name: 'Support Bot' })

    const edited = await parses(
      await json('PATCH', `/api/my-agents/characters/${SUPPORT_BOT}`, { name: 'Helpdesk' }),
      agentResponseSchema,
    )
    expect(edited).toMatchObject({ id: SUPPORT_BOT, name: 'Helpdesk' })

    const clone = await parses(
      await json('POST', `/api/my-agents/characters/${LORE_KEEPER}/clone`, {}),
      clonedAgentSchema,
    )
    expect(clone.name).toBe('Lore Keeper (Copy)')
    expect(clone.id).not.toBe(LORE_KEEPER)

    await unread(
      await contract.sb.call(`/api/my-agents/characters/${clone.id}`, { method: 'DELETE' }),
      200,
      NO_SCHEMA,
    )
  })

  it('quick create (POST /api/v1/app/agents) parses with createdAgentSchema', async () => {
    const created = await parses(
      await json('POST', '/api/v1/app/agents', { name: 'Harbor Guide', bio: 'Knows the tides.' }),
      createdAgentSchema,
      201,
    )
    expect(created.agent).toMatchObject({ id: expect.any(String), name: 'Harbor Guide' })
  })

  it('share status, visibility, publish, unpublish and monetization parse with their schemas', async () => {
    const shared = await parses(
      await contract.sb.call(`/api/my-agents/characters/${PIXEL_MUSE}/share`),
      shareStatusSchema,
    )
    expect(typeof shared.isPublic).toBe('boolean')
    const madePublic = await parses(
      await json('PUT', `/api/my-agents/characters/${PIXEL_MUSE}/share`, { isPublic: true }),
      shareStatusSchema,
    )
    expect(madePublic).toMatchObject({ isPublic: true, shareUrl: expect.any(String) })

    const published = await parses(
      await json('POST', `/api/v1/agents/${LORE_KEEPER}/publish`, toPublishBody(publishValues)),
      publishResultSchema,
    )
    expect(published.isPublic).toBe(true)
    const monetization = await parses(
      await json(
        'PUT',
        `/api/v1/agents/${LORE_KEEPER}/monetization`,
        toMonetizationBody({ enabled: true, markupPercentage: '25', payoutWalletAddress: '' }),
      ),
      monetizationSchema,
    )
    expect(monetization).toMatchObject({ enabled: true, markupPercentage: 25 })
    const read = await parses(
      await contract.sb.call(`/api/v1/agents/${LORE_KEEPER}/monetization`),
      monetizationSchema,
    )
    expect(read).toMatchObject({ enabled: true, markupPercentage: 25, isPublic: true })
    const unpublished = await parses(
      await contract.sb.call(`/api/v1/agents/${LORE_KEEPER}/publish`, { method: 'DELETE' }),
      publishResultSchema,
    )
    expect(unpublished.isPublic).toBe(false)
  })
})

describe('runtimes: successes', () => {
  it('compat list, milady detail and compat logs parse with their schemas', async () => {
    const runtimes = await parses(
      await contract.sb.call('/api/compat/agents'),
      compatRuntimeListSchema,
    )
    expect(runtimes.map((r) => r.id).sort()).toEqual([RUNNING, STOPPED].sort())
    const runtime = await parses(
      await contract.sb.call(`/api/v1/milady/agents/${RUNNING}`),
      runtimeSchema,
    )
    expect(runtime).toMatchObject({ id: RUNNING, status: 'running' })
    const logs = await parses(
      await contract.sb.call(`/api/compat/agents/${RUNNING}/logs?tail=100`),
      runtimeLogsSchema,
    )
    expect(logs.data).toMatch(/\S/)
  })

  it('deploy (create + provision), suspend, resume, restart and delete answer what the console waits for', async () => {
    const created = await parses(
      await json('POST', '/api/v1/milady/agents', {
        agentName: 'Muse Runtime',
        characterId: PIXEL_MUSE,
        agentConfig: { consoleCharacterId: PIXEL_MUSE },
      }),
      createdRuntimeSchema,
      201,
    )
    const id = created.data.id
    await unread(await json('POST', `/api/v1/milady/agents/${id}/provision`), 202, NO_SCHEMA)
    // Timing is instant: it already runs, and a second start answers 200.
    await unread(await json('POST', `/api/v1/milady/agents/${id}/provision`), 200, NO_SCHEMA)

    await unread(await json('POST', `/api/v1/milady/agents/${RUNNING}/suspend`), 200, NO_SCHEMA)
    await unread(await json('POST', `/api/v1/milady/agents/${STOPPED}/resume`), 202, NO_SCHEMA)
    // Already running: the console waits for it the same way.
    await unread(await json('POST', `/api/v1/milady/agents/${STOPPED}/resume`), 200, NO_SCHEMA)
    await unread(await json('POST', `/api/compat/agents/${RUNNING}/restart`), 200, NO_SCHEMA)
    await unread(
      await contract.sb.call(`/api/v1/milady/agents/${RUNNING}`, { method: 'DELETE' }),
      200,
      NO_SCHEMA,
    )
  })
})

describe('error bodies the console acts on', () => {
  it('PATCH is an empty 405 in strict mode: the console shows "edit in the dashboard"', async () => {
    contract.sb.ctx.strict = true
    try {
      const res = await json('PATCH', `/api/my-agents/characters/${SUPPORT_BOT}`, { name: 'X' })
      expect(await res.clone().text()).toBe('')
      // isEditUnsupported (src/features/agents/components/edit-availability.tsx) reads the status.
      await refuses(res, 405)
    } finally {
      contract.sb.ctx.strict = false
    }
  })

  it('404s on the routes the console calls', async () => {
    for (const res of [
      await contract.sb.call(`/api/my-agents/characters/${MISSING}`),
      await json('PATCH', `/api/my-agents/characters/${MISSING}`, { name: 'X' }),
      await contract.sb.call(`/api/my-agents/characters/${MISSING}`, { method: 'DELETE' }),
      await contract.sb.call(`/api/my-agents/characters/${MISSING}/share`),
      await json('PUT', `/api/my-agents/characters/${MISSING}/share`, { isPublic: true }),
      await json('POST', `/api/my-agents/characters/${MISSING}/clone`, {}),
      await json('POST', `/api/v1/agents/${MISSING}/publish`, toPublishBody(publishValues)),
      await contract.sb.call(`/api/v1/agents/${MISSING}/publish`, { method: 'DELETE' }),
      await contract.sb.call(`/api/v1/agents/${MISSING}/monetization`),
      await contract.sb.call(`/api/v1/milady/agents/${MISSING}`),
      await json('POST', `/api/v1/milady/agents/${MISSING}/provision`),
      await json('POST', `/api/v1/milady/agents/${MISSING}/suspend`),
      await json('POST', `/api/v1/milady/agents/${MISSING}/resume`),
      await contract.sb.call(`/api/v1/milady/agents/${MISSING}`, { method: 'DELETE' }),
      await json('POST', `/api/compat/agents/${MISSING}/restart`),
      await contract.sb.call(`/api/compat/agents/${MISSING}/logs`),
      await json('POST', '/api/v1/milady/agents', { agentName: 'X', characterId: MISSING }),
    ]) {
      expect((await refuses(res, 404)).kind).toBe('not_found')
    }
  })

  it('400s: monetization on a private agent, a bad share body, a refused clone name, a bad create', async () => {
    const privateAgent = await refuses(
      await json(
        'PUT',
        `/api/v1/agents/${SUPPORT_BOT}/monetization`,
        toMonetizationBody({ enabled: true, markupPercentage: '10', payoutWalletAddress: '' }),
      ),
      400,
    )
    expect(privateAgent.kind).toBe('invalid')
    await refuses(
      await json('PUT', `/api/my-agents/characters/${SUPPORT_BOT}/share`, { isPublic: 'yes' }),
      400,
    )
    await refuses(await json('POST', '/api/v1/app/agents', { name: '' }), 400)
    await refuses(
      await json('PATCH', `/api/my-agents/characters/${SUPPORT_BOT}`, { name: '' }),
      400,
    )
    await refuses(await json('POST', '/api/v1/milady/agents', { agentName: '' }), 400)
  })

  it('402 below the minimum balance on create, provision and resume', async () => {
    await setBalance(contract.sb.ctx.db, SEED.organizationId, 4.5)
    for (const res of [
      await json('POST', '/api/v1/milady/agents', { agentName: 'Broke' }),
      await json('POST', `/api/v1/milady/agents/${STOPPED}/provision`),
      await json('POST', `/api/v1/milady/agents/${STOPPED}/resume`),
    ]) {
      const error = await refuses(res, 402)
      expect(error.kind).toBe('insufficient_credits')
      expect(error.message).toMatch(/^Insufficient credits/)
    }
  })

  it('409s while provisioning: suspend, delete; restart answers 502 "failed"', async () => {
    contract.sb.ctx.timing.lifecycleStepMs = 60_000
    const { data } = await parses(
      await json('POST', '/api/v1/milady/agents', { agentName: 'Slow' }),
      createdRuntimeSchema,
      201,
    )
    await unread(await json('POST', `/api/v1/milady/agents/${data.id}/provision`), 202, NO_SCHEMA)
    await refuses(await json('POST', `/api/v1/milady/agents/${data.id}/suspend`), 409)
    await refuses(
      await contract.sb.call(`/api/v1/milady/agents/${data.id}`, { method: 'DELETE' }),
      409,
    )
    // `{success: true, created: false, …}`: not an error body; the console only reads the status.
    for (const path of ['provision', 'resume']) {
      await unread(
        await json('POST', `/api/v1/milady/agents/${data.id}/${path}`),
        409,
        'the console reads the status only: 409 means the runtime is on its way',
      )
    }
    // `{success: true, data: {status: "failed"}}`: the console maps the status to its own message.
    await unread(
      await json('POST', `/api/compat/agents/${data.id}/restart`),
      502,
      'the console maps a 502 to "did not start again" without reading the body',
    )
  })

  it('401 and 500 for a bad key', async () => {
    const bad = { key: UNKNOWN_KEY }
    expect(
      (await refuses(await contract.sb.call('/api/my-agents/characters', bad), 401)).kind,
    ).toBe('unauthorized')
    await refuses(await contract.sb.call('/api/compat/agents', bad), 401)
    await refuses(await contract.sb.call(`/api/v1/agents/${SUPPORT_BOT}`, bad), 401)
    for (const res of [
      await contract.sb.call(`/api/my-agents/characters/${SUPPORT_BOT}`, bad),
      await contract.sb.call(`/api/v1/milady/agents/${RUNNING}`, bad),
      await contract.sb.call('/api/v1/milady/agents/junk'),
    ]) {
      expect((await refuses(res, 500)).kind).toBe('server')
    }
  })
})

const OTHER_ORG = '5a4db0c0-0000-4000-8000-0000000000ff'
const OTHER_USER = '5a4db0c0-0000-4000-8000-0000000000f1'
/** A character of a user of another organization: the owner-only routes refuse it. */
async function othersAgent(): Promise<string> {
  const { db } = contract.sb.ctx
  await db.query(`INSERT INTO organizations (id, name, credit_balance) VALUES ($1, 'Other', 0)`, [
    OTHER_ORG,
  ])
  await db.query(
    `INSERT INTO users (id, organization_id, email) VALUES ($1, $2, 'other@sandbox.invalid')`,
    [OTHER_USER, OTHER_ORG],
  )
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO user_characters (organization_id, user_id, name) VALUES ($1, $2, 'Someone Else')
     RETURNING id`,
    [OTHER_ORG, OTHER_USER],
  )
  return rows[0]?.id ?? ''
}

describe('more error bodies of the routes the console calls', () => {
  it('403 for an inactive user on the list', async () => {
    await contract.sb.ctx.db.query('UPDATE users SET is_active = false WHERE id = $1', [
      SEED.userId,
    ])
    expect((await refuses(await contract.sb.call('/api/my-agents/characters'), 403)).kind).toBe(
      'forbidden',
    )
  })

  it('500 for a bad key on the character and runtime routes that wrap every failure', async () => {
    const bad = UNKNOWN_KEY
    for (const res of [
      await contract.sb.call(`/api/my-agents/characters/${SUPPORT_BOT}`, {
        method: 'DELETE',
        key: bad,
      }),
      await json('PATCH', `/api/my-agents/characters/${SUPPORT_BOT}`, { name: 'X' }, bad),
      await contract.sb.call(`/api/my-agents/characters/${SUPPORT_BOT}/share`, { key: bad }),
      await json('PUT', `/api/my-agents/characters/${SUPPORT_BOT}/share`, { isPublic: true }, bad),
      await json('POST', `/api/my-agents/characters/${SUPPORT_BOT}/clone`, {}, bad),
      await json('POST', '/api/v1/app/agents', { name: 'X' }, bad),
      await json('POST', `/api/v1/agents/${SUPPORT_BOT}/publish`, {}, bad),
      await contract.sb.call(`/api/v1/agents/${SUPPORT_BOT}/publish`, {
        method: 'DELETE',
        key: bad,
      }),
      await contract.sb.call(`/api/v1/agents/${SUPPORT_BOT}/monetization`, { key: bad }),
      await json('PUT', `/api/v1/agents/${SUPPORT_BOT}/monetization`, {}, bad),
      await contract.sb.call(`/api/v1/milady/agents/${RUNNING}`, { method: 'DELETE', key: bad }),
      await json('POST', `/api/v1/milady/agents/${RUNNING}/suspend`, undefined, bad),
      await json('POST', `/api/v1/milady/agents/${STOPPED}/resume`, undefined, bad),
    ]) {
      expect((await refuses(res, 500)).kind).toBe('server')
    }
  })

  it('403 on the owner-only publish and monetization routes for another user’s agent', async () => {
    const id = await othersAgent()
    for (const res of [
      await json('POST', `/api/v1/agents/${id}/publish`, toPublishBody(publishValues)),
      await contract.sb.call(`/api/v1/agents/${id}/publish`, { method: 'DELETE' }),
      await contract.sb.call(`/api/v1/agents/${id}/monetization`),
    ]) {
      expect((await refuses(res, 403)).kind).toBe('forbidden')
    }
  })

  it('clone: 400 when the username is taken', async () => {
    await parses(
      await json('POST', `/api/my-agents/characters/${LORE_KEEPER}/clone`, {
        username: 'lore-copy',
      }),
      clonedAgentSchema,
    )
    const taken = await refuses(
      await json('POST', `/api/my-agents/characters/${LORE_KEEPER}/clone`, {
        username: 'lore-copy',
      }),
      400,
    )
    expect(taken.message).toBe('Username is already taken')
  })

  it('quick create: 403 viewer and quota, 409 token linked, 429 with a countdown', async () => {
    const token = { tokenAddress: '0xABCDEF0000000000000000000000000000000001', tokenChain: 'base' }
    await parses(
      await json('POST', '/api/v1/app/agents', { name: 'Coin', ...token }),
      createdAgentSchema,
      201,
    )
    const linked = await refuses(
      await json('POST', '/api/v1/app/agents', { name: 'Coin 2', ...token }),
      409,
    )
    expect(linked.kind).toBe('conflict')
    await setBalance(contract.sb.ctx.db, SEED.organizationId, 0.5)
    await parses(
      await json('POST', '/api/v1/app/agents', { name: 'Five' }),
      createdAgentSchema,
      201,
    )
    const quota = await refuses(await json('POST', '/api/v1/app/agents', { name: 'Six' }), 403)
    expect(quota.message).toMatch(/^Agent quota exceeded/)
    await contract.sb.ctx.db.query(`UPDATE users SET role = 'viewer' WHERE id = $1`, [SEED.userId])
    expect(
      (await refuses(await json('POST', '/api/v1/app/agents', { name: 'Nope' }), 403)).message,
    ).toMatch(/^Insufficient permissions/)
    let limited: Response | undefined
    for (let i = 0; i < 70 && !limited; i++) {
      const res = await json('POST', '/api/v1/app/agents', { name: 'Nope' })
      if (res.status === 429) limited = res
    }
    expect(limited, 'STANDARD limits 60 a minute').toBeDefined()
    const error = await refuses(limited as Response, 429)
    expect(error.kind).toBe('rate_limited')
    expect(error.details.retryAfterSec).toBeGreaterThan(0)
    contract.sb.ctx.limiter.clear()
  })

  it('deploy: provision refuses a bad key (401, the console signs in again) and a non-UUID id', async () => {
    const error = await refuses(
      await json('POST', `/api/v1/milady/agents/${STOPPED}/provision`, undefined, UNKNOWN_KEY),
      401,
    )
    expect(error.kind).toBe('unauthorized')
    await contract.sb.ctx.db.query('UPDATE users SET is_active = false WHERE id = $1', [
      SEED.userId,
    ])
    expect(
      (await refuses(await json('POST', `/api/v1/milady/agents/${STOPPED}/provision`), 403)).kind,
    ).toBe('forbidden')
    await contract.sb.ctx.db.query('UPDATE users SET is_active = true WHERE id = $1', [SEED.userId])
    expect(
      (await refuses(await json('POST', '/api/v1/milady/agents/junk/provision'), 500)).kind,
    ).toBe('server')
    // A malformed body: the create route's catch-all.
    const malformed = await contract.sb.call('/api/v1/milady/agents', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{',
    })
    expect((await refuses(malformed, 500)).message).toBe('Failed to create agent')
  })
})

const NOT_CALLED = 'a route the console does not call'

describe('answers of routes the console does not call', () => {
  it('character stats and the retired track-view', async () => {
    await unread(
      await contract.sb.call(`/api/my-agents/characters/${SUPPORT_BOT}/stats`),
      200,
      NOT_CALLED,
    )
    await unread(
      await json('POST', `/api/my-agents/characters/${SUPPORT_BOT}/track-view`),
      410,
      NOT_CALLED,
    )
  })

  it('GET /api/v1/agents/{agentId}: 200, 403, 404, 500', async () => {
    await unread(await contract.sb.call(`/api/v1/agents/${SUPPORT_BOT}`), 200, NOT_CALLED)
    await unread(await contract.sb.call(`/api/v1/agents/${MISSING}`), 404, NOT_CALLED)
    await unread(await contract.sb.call('/api/v1/agents/junk'), 500, NOT_CALLED)
    await contract.sb.ctx.db.query('UPDATE users SET is_active = false WHERE id = $1', [
      SEED.userId,
    ])
    await unread(await contract.sb.call(`/api/v1/agents/${SUPPORT_BOT}`), 403, NOT_CALLED)
  })

  it('the partner-only /api/v1/agents lifecycle routes: 401 for every customer key', async () => {
    for (const res of [
      await json('POST', '/api/v1/agents', { name: 'X' }),
      await contract.sb.call(`/api/v1/agents/${SUPPORT_BOT}/status`),
      await json('POST', `/api/v1/agents/${SUPPORT_BOT}/suspend`),
      await json('POST', `/api/v1/agents/${SUPPORT_BOT}/resume`),
      await contract.sb.call(`/api/v1/agents/${SUPPORT_BOT}/logs`),
      await contract.sb.call(`/api/v1/agents/${SUPPORT_BOT}/usage`),
      await json('POST', `/api/v1/agents/${SUPPORT_BOT}/restart`),
    ]) {
      await unread(res, 401, 'partner service key only: the console never calls it')
    }
  })

  it('compat create, read, status, jobs, suspend, resume, delete', async () => {
    await unread(await json('POST', '/api/compat/agents', { agentName: '' }), 400, NOT_CALLED)
    await unread(
      await json('POST', '/api/compat/agents', { agentName: 'X' }, UNKNOWN_KEY),
      401,
      NOT_CALLED,
    )
    await unread(
      await contract.sb.call('/api/compat/agents', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{',
      }),
      500,
      NOT_CALLED,
    )
    const created = await json('POST', '/api/compat/agents', { agentName: 'Worker' })
    const id = ((await created.clone().json()) as { data: { agentId: string } }).data.agentId
    await unread(created, 201, NOT_CALLED)
    await unread(await contract.sb.call(`/api/compat/jobs/${id}`), 200, NOT_CALLED)
    await unread(await contract.sb.call(`/api/compat/jobs/${MISSING}`), 404, NOT_CALLED)
    await unread(await contract.sb.call(`/api/compat/agents/${RUNNING}`), 200, NOT_CALLED)
    await unread(await contract.sb.call(`/api/compat/agents/${MISSING}`), 404, NOT_CALLED)
    await unread(await contract.sb.call('/api/compat/agents/junk'), 500, NOT_CALLED)
    await unread(await contract.sb.call(`/api/compat/agents/${RUNNING}/status`), 200, NOT_CALLED)
    await unread(await contract.sb.call(`/api/compat/agents/${MISSING}/status`), 404, NOT_CALLED)
    for (const action of ['suspend', 'resume']) {
      await unread(await json('POST', `/api/compat/agents/${MISSING}/${action}`), 404, NOT_CALLED)
    }
    await unread(await json('POST', `/api/compat/agents/${RUNNING}/suspend`), 200, NOT_CALLED)
    await unread(await json('POST', `/api/compat/agents/${RUNNING}/resume`), 200, NOT_CALLED)
    await unread(
      await contract.sb.call(`/api/compat/agents/${MISSING}`, { method: 'DELETE' }),
      404,
      NOT_CALLED,
    )
    await unread(
      await contract.sb.call(`/api/compat/agents/${RUNNING}`, { method: 'DELETE' }),
      200,
      NOT_CALLED,
    )
  })

  it('compat suspend, resume and delete while provisioning: 409', async () => {
    contract.sb.ctx.timing.lifecycleStepMs = 60_000
    const created = await json('POST', '/api/compat/agents', { agentName: 'Slow' })
    const id = ((await created.json()) as { data: { agentId: string } }).data.agentId
    await unread(await json('POST', `/api/v1/milady/agents/${id}/provision`), 202, NO_SCHEMA)
    for (const action of ['suspend', 'resume']) {
      await unread(await json('POST', `/api/compat/agents/${id}/${action}`), 409, NOT_CALLED)
    }
    await unread(
      await contract.sb.call(`/api/compat/agents/${id}`, { method: 'DELETE' }),
      409,
      NOT_CALLED,
    )
    await unread(
      await json('PATCH', `/api/v1/milady/agents/${id}`, { action: 'shutdown' }),
      409,
      NOT_CALLED,
    )
  })

  it('milady list, PATCH, snapshot, backups and restore', async () => {
    await unread(await contract.sb.call('/api/v1/milady/agents'), 200, NOT_CALLED)
    await unread(
      await contract.sb.call('/api/v1/milady/agents', { key: UNKNOWN_KEY }),
      401,
      NOT_CALLED,
    )
    await unread(
      await json('POST', '/api/v1/milady/agents', { agentName: 'X' }, UNKNOWN_KEY),
      401,
      NOT_CALLED,
    )
    await unread(
      await json('PATCH', `/api/v1/milady/agents/${RUNNING}`, { action: 'explode' }),
      400,
      NOT_CALLED,
    )
    await unread(
      await json('PATCH', `/api/v1/milady/agents/${MISSING}`, { action: 'shutdown' }),
      404,
      NOT_CALLED,
    )
    await unread(
      await json('PATCH', `/api/v1/milady/agents/${RUNNING}`, { action: 'shutdown' }, UNKNOWN_KEY),
      500,
      NOT_CALLED,
    )
    await unread(await json('POST', `/api/v1/milady/agents/${STOPPED}/snapshot`), 409, NOT_CALLED)
    await unread(
      await json('POST', `/api/v1/milady/agents/${RUNNING}/snapshot`, undefined, UNKNOWN_KEY),
      500,
      NOT_CALLED,
    )
    await unread(await json('POST', `/api/v1/milady/agents/${RUNNING}/snapshot`), 200, NOT_CALLED)
    await unread(
      await contract.sb.call(`/api/v1/milady/agents/${RUNNING}/backups`),
      200,
      NOT_CALLED,
    )
    await unread(
      await contract.sb.call(`/api/v1/milady/agents/${RUNNING}/backups`, { key: UNKNOWN_KEY }),
      401,
      NOT_CALLED,
    )
    await unread(
      await json('POST', `/api/v1/milady/agents/${STOPPED}/restore`, { backupId: 'x' }),
      400,
      NOT_CALLED,
    )
    await unread(
      await json('POST', `/api/v1/milady/agents/${MISSING}/restore`, {}),
      404,
      NOT_CALLED,
    )
    await unread(await json('POST', `/api/v1/milady/agents/${RUNNING}/restore`), 500, NOT_CALLED)
    await unread(
      await json('POST', `/api/v1/milady/agents/${STOPPED}/restore`, {}),
      200,
      NOT_CALLED,
    )
    await unread(
      await json('PATCH', `/api/v1/milady/agents/${RUNNING}`, { action: 'shutdown' }),
      200,
      NOT_CALLED,
    )
    await unread(await json('POST', `/api/v1/milady/agents/${RUNNING}/suspend`), 200, NO_SCHEMA)
    const { rows } = await contract.sb.ctx.db.query<{ id: string }>(
      `SELECT id FROM milady_sandbox_backups WHERE sandbox_record_id = $1 ORDER BY created_at LIMIT 1`,
      [RUNNING],
    )
    await unread(
      await json('POST', `/api/v1/milady/agents/${RUNNING}/restore`, { backupId: rows[0]?.id }),
      409,
      NOT_CALLED,
    )
  })
})
