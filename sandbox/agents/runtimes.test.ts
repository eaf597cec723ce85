// Hosted runtimes against docs/cloud/agents.md "Hosted runtime routes usable with an API key": the compat
// layer (E8) and the milady routes, the lifecycle over `lifecycleStepMs`, hourly billing.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { getBalance, setBalance } from '../core/ledger.ts'
import { SEED } from '../core/seed.ts'
import {
  openTestSandbox,
  type TestSandbox,
  SANDBOX_TIMEOUTS,
  UNKNOWN_KEY,
} from '../core/test-utils.ts'
import { AGENTS_SEED } from './seed.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
beforeEach(() => sb.reset())

const RUNNING = AGENTS_SEED.runningRuntimeId
const STOPPED = AGENTS_SEED.stoppedRuntimeId

const post = (path: string, body?: unknown, key?: string | null) =>
  sb.call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...(key === undefined ? {} : { key }),
  })
const getJson = async (path: string) => {
  const res = await sb.call(path)
  expect(res.status).toBe(200)
  return res.json()
}
const status = async (id: string) =>
  (await getJson(`/api/compat/agents/${id}/status`)).data as {
    status: string
    databaseStatus: string
    bridgeUrl: string | null
  }

async function createQueued(name = 'Worker'): Promise<string> {
  const res = await post('/api/compat/agents', { agentName: name })
  expect(res.status).toBe(201)
  const body = await res.json()
  expect(body).toEqual({
    success: true,
    data: {
      agentId: expect.any(String),
      agentName: name,
      jobId: body.data.agentId,
      status: 'queued',
      nodeId: null,
      message: 'agent creation queued, poll GET /api/compat/jobs/:jobId for status',
    },
  })
  return body.data.agentId
}

describe('seeded runtimes', () => {
  it('lists one running and one suspended runtime in the compat shape', async () => {
    const { data } = await getJson('/api/compat/agents')
    const byId = new Map(data.map((a: { agent_id: string }) => [a.agent_id, a]))
    expect(byId.get(RUNNING)).toMatchObject({
      agent_name: 'Support Bot',
      status: 'running',
      database_status: 'ready',
      bridge_url: expect.stringMatching(/^http:\/\/100\.64\./),
      wallet_address: null,
    })
    expect(byId.get(STOPPED)).toMatchObject({
      status: 'stopped',
      bridge_url: null,
      containerUrl: '',
    })
    const milady = await getJson('/api/v1/milady/agents')
    expect(milady.data.map((a: { status: string }) => a.status).sort()).toEqual([
      'running',
      'stopped',
    ])
  })

  it('serves logs of a running runtime and a status sentence otherwise', async () => {
    const logs = (await getJson(`/api/compat/agents/${RUNNING}/logs?tail=3`)).data as string
    expect(logs.split('\n')).toHaveLength(3)
    expect(logs).toContain('[heartbeat] ok')
    expect((await getJson(`/api/compat/agents/${STOPPED}/logs`)).data).toBe(
      'Agent is stopped. No logs available.',
    )
  })
})

describe('lifecycle over lifecycleStepMs', () => {
  it('moves queued → provisioning → running, seen by polling the status route', async () => {
    // Each state lasts one step: long enough for a poll on a slow machine to see it.
    sb.ctx.timing.lifecycleStepMs = 400
    const id = await createQueued()
    expect((await getJson(`/api/compat/jobs/${id}`)).data).toMatchObject({
      jobId: id,
      status: 'queued',
      state: 'waiting',
      result: null,
    })
    const started = await post(`/api/v1/milady/agents/${id}/provision`)
    expect(started.status).toBe(202)
    const job = await started.json()
    expect(job).toMatchObject({
      success: true,
      created: true,
      alreadyInProgress: false,
      data: { agentId: id, status: 'pending' },
      polling: { intervalMs: 5000, expectedDurationMs: 90000 },
    })
    expect(job.polling.endpoint).toBe(`/api/v1/jobs/${job.data.jobId}`)
    // A second start while provisioning is the existing job (409, success still true).
    const again = await post(`/api/v1/milady/agents/${id}/provision`)
    expect(again.status).toBe(409)
    expect(await again.json()).toMatchObject({ success: true, created: false })

    const seen: string[] = []
    const deadline = Date.now() + 5_000
    for (;;) {
      const s = await status(id)
      const label = `${s.status}/${s.databaseStatus}`
      if (seen.at(-1) !== label) seen.push(label)
      if (s.status === 'running' || Date.now() > deadline) break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(seen[0]).toBe('provisioning/provisioning')
    expect(seen).toContain('provisioning/ready')
    expect(seen.at(-1)).toBe('running/ready')
    expect((await getJson(`/api/compat/jobs/${id}`)).data).toMatchObject({
      status: 'completed',
      state: 'completed',
      result: { agentId: id, status: 'running' },
    })
  })

  it('refuses suspend and delete while provisioning (409)', async () => {
    sb.ctx.timing.lifecycleStepMs = 60_000
    const id = await createQueued()
    expect((await post(`/api/v1/milady/agents/${id}/provision`)).status).toBe(202)
    const suspend = await post(`/api/compat/agents/${id}/suspend`)
    expect(suspend.status).toBe(409)
    expect(await suspend.json()).toEqual({
      success: false,
      error: 'Agent provisioning is in progress',
    })
    const del = await sb.call(`/api/compat/agents/${id}`, { method: 'DELETE' })
    expect(del.status).toBe(409)
    const restart = await post(`/api/compat/agents/${id}/restart`)
    expect(restart.status).toBe(502)
    expect(await restart.json()).toEqual({
      success: true,
      data: { jobId: id, status: 'failed', message: 'agent restart failed' },
    })
  })

  it('compat resume holds the request until the runtime runs', async () => {
    sb.ctx.timing.lifecycleStepMs = 80
    const t0 = Date.now()
    const res = await post(`/api/compat/agents/${STOPPED}/resume`)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150)
    expect(await res.json()).toEqual({
      success: true,
      data: { jobId: STOPPED, status: 'completed', message: 'agent resume completed' },
    })
    expect((await status(STOPPED)).status).toBe('running')
  })

  it('suspends with a pre-shutdown backup and resumes (milady, sync)', async () => {
    const suspend = await post(`/api/v1/milady/agents/${RUNNING}/suspend`)
    expect(await suspend.json()).toEqual({
      success: true,
      data: {
        agentId: RUNNING,
        action: 'suspend',
        message: 'Agent suspended with snapshot. Use resume or provision to restart.',
        previousStatus: 'running',
      },
    })
    const again = await (await post(`/api/v1/milady/agents/${RUNNING}/suspend`)).json()
    expect(again.data.message).toBe('Agent is already suspended')
    const backups = (await getJson(`/api/v1/milady/agents/${RUNNING}/backups`)).data
    expect(backups[0]).toMatchObject({ snapshotType: 'pre-shutdown', vercelSnapshotId: null })
    const resumed = await post(`/api/v1/milady/agents/${RUNNING}/resume?sync=true`)
    expect(await resumed.json()).toMatchObject({
      success: true,
      data: { action: 'resume', status: 'running', bridgeUrl: expect.any(String) },
    })
  })

  it('snapshots a running runtime only, and restores the latest backup of a stopped one', async () => {
    const snap = await post(`/api/v1/milady/agents/${RUNNING}/snapshot`)
    expect((await snap.json()).data).toMatchObject({ snapshotType: 'manual' })
    const notRunning = await post(`/api/v1/milady/agents/${STOPPED}/snapshot`)
    expect(notRunning.status).toBe(409)
    expect(await notRunning.json()).toEqual({ success: false, error: 'Sandbox is not running' })
    const older = (await getJson(`/api/v1/milady/agents/${RUNNING}/backups`)).data.at(-1)
    await post(`/api/v1/milady/agents/${RUNNING}/suspend`)
    const refused = await post(`/api/v1/milady/agents/${RUNNING}/restore`, { backupId: older.id })
    expect(refused.status).toBe(409)
    const restored = await post(`/api/v1/milady/agents/${RUNNING}/restore`, {})
    expect((await restored.json()).data.snapshotType).toBe('pre-shutdown')
    expect((await status(RUNNING)).status).toBe('running')
  })

  it('PATCH shutdown stops the runtime; bad actions are 400 with zod issues', async () => {
    const res = await sb.call(`/api/v1/milady/agents/${RUNNING}`, {
      method: 'PATCH',
      body: JSON.stringify({ action: 'shutdown' }),
    })
    expect((await res.json()).data.message).toBe('Agent shutdown complete')
    const bad = await sb.call(`/api/v1/milady/agents/${RUNNING}`, {
      method: 'PATCH',
      body: JSON.stringify({ action: 'explode' }),
    })
    expect(bad.status).toBe(400)
    const body = await bad.json()
    expect(body.error).toBe('Invalid request data')
    expect(body.details[0]).toMatchObject({ path: ['action'], code: 'invalid_value' })
  })
})

describe('billing and the credit gate', () => {
  it('charges whole running hours once, at $0.01/hour, through the ledger', async () => {
    await sb.ctx.db.query(
      `UPDATE milady_sandboxes SET billed_through = now() - interval '3 hours 10 minutes' WHERE id = $1`,
      [RUNNING],
    )
    await status(RUNNING)
    await status(RUNNING)
    expect(await getBalance(sb.ctx.db, SEED.organizationId)).toBeCloseTo(4.97, 6)
    const { rows } = await sb.ctx.db.query<{ amount: string; description: string }>(
      `SELECT amount, description FROM credit_transactions WHERE metadata->>'type' = 'milady_hosting'`,
    )
    expect(rows).toEqual([
      { amount: '-0.030000', description: 'Agent hosting: Support Bot (3h running)' },
    ])
  })

  it('stops a running runtime the balance cannot pay for', async () => {
    await setBalance(sb.ctx.db, SEED.organizationId, 0.005)
    await sb.ctx.db.query(
      `UPDATE milady_sandboxes SET billed_through = now() - interval '2 hours' WHERE id = $1`,
      [RUNNING],
    )
    const s = (await getJson(`/api/compat/agents/${RUNNING}/status`)).data
    expect(s).toMatchObject({
      status: 'stopped',
      suspendedReason: 'Stopped: insufficient credits for hosting',
    })
    expect(await getBalance(sb.ctx.db, SEED.organizationId)).toBe(0.005)
  })

  it('needs a $5.00 balance to create, provision or resume (402)', async () => {
    await setBalance(sb.ctx.db, SEED.organizationId, 4.5)
    const expected = {
      success: false,
      error:
        'Insufficient credits. A minimum balance of $5.00 is required to create or run Milady agents. ' +
        'Please add at least $0.50 to your account at /dashboard/billing.',
      requiredBalance: 5,
      currentBalance: 4.5,
    }
    const create = await post('/api/v1/milady/agents', { agentName: 'Broke' })
    expect(create.status).toBe(402)
    expect(await create.json()).toEqual(expected)
    const resume = await post(`/api/v1/milady/agents/${STOPPED}/resume`)
    expect(resume.status).toBe(402)
    expect(await resume.json()).toEqual(expected)
  })

  it('creates a milady runtime for an existing character and keeps it on delete', async () => {
    const res = await post('/api/v1/milady/agents', {
      agentName: 'Muse Runtime',
      characterId: SEED.agentIds[2],
    })
    expect(res.status).toBe(201)
    const { data } = await res.json()
    expect(data).toMatchObject({ agentName: 'Muse Runtime', status: 'pending' })
    const del = await sb.call(`/api/v1/milady/agents/${data.id}`, { method: 'DELETE' })
    expect(await del.json()).toEqual({ success: true })
    expect((await sb.call(`/api/my-agents/characters/${SEED.agentIds[2]}`)).status).toBe(200)
    const missingChar = await post('/api/v1/milady/agents', {
      agentName: 'X',
      characterId: '5a4db0c0-0000-4000-8000-00000000ffff',
    })
    expect(missingChar.status).toBe(404)
  })
})

describe('errors by family', () => {
  it('compat: E8 for auth, validation issues, 404 and non-UUID ids', async () => {
    const bad = await sb.call('/api/compat/agents', { key: UNKNOWN_KEY })
    expect(bad.status).toBe(401)
    expect(await bad.json()).toEqual({ success: false, error: 'Invalid or expired API key' })
    expect((await sb.call('/api/compat/agents', { key: null })).status).toBe(401)
    const invalid = await post('/api/compat/agents', { agentName: '' })
    expect(invalid.status).toBe(400)
    const body = await invalid.json()
    expect(body.error).toBe('Invalid request data')
    expect(body.details[0]).toMatchObject({ path: ['agentName'], code: 'too_small' })
    const missing = await sb.call('/api/compat/agents/5a4db0c0-0000-4000-8000-00000000ffff')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ success: false, error: 'Agent not found' })
    const junk = await sb.call('/api/compat/agents/junk/status')
    expect(junk.status).toBe(500)
    expect(await junk.json()).toEqual({ success: false, error: 'Internal server error' })
    const jobs = await sb.call('/api/compat/jobs/5a4db0c0-0000-4000-8000-00000000ffff')
    expect(await jobs.json()).toEqual({ success: false, error: 'Job not found' })
  })

  it('milady: 401 "Unauthorized" on list, bare 500 where the cloud has no try/catch', async () => {
    const list = await sb.call('/api/v1/milady/agents', { key: UNKNOWN_KEY })
    expect(list.status).toBe(401)
    expect(await list.json()).toEqual({ success: false, error: 'Unauthorized' })
    for (const res of [
      await sb.call(`/api/v1/milady/agents/${RUNNING}`, { key: UNKNOWN_KEY }),
      await sb.call('/api/v1/milady/agents/junk'),
      await post(`/api/v1/milady/agents/${RUNNING}/suspend`, undefined, UNKNOWN_KEY),
      await post(`/api/v1/milady/agents/${RUNNING}/restore`),
    ]) {
      expect(res.status).toBe(500)
      // E9: empty in the cloud (and strict mode); the family's JSON by default (docs/sandbox.md).
      expect(await res.json()).toHaveProperty('error')
    }
    const provision = await post(
      `/api/v1/milady/agents/${RUNNING}/provision`,
      undefined,
      UNKNOWN_KEY,
    )
    expect(provision.status).toBe(401)
    expect(await provision.json()).toMatchObject({ code: 'authentication_required' })
  })
})
