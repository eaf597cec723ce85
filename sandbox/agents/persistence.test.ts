// Agents and hosted runtimes survive a restart: everything lives in PGlite, and a provisioning
// in progress keeps moving because its state is derived from stored timestamps, not timers.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openSandbox } from '../server.ts'
import { INSTANT_TIMING } from '../core/timing.ts'
import { SANDBOX_TIMEOUTS } from '../core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let dataDir: string
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'sandbox-agents-'))
})
afterAll(() => rm(dataDir, { recursive: true, force: true }))

const STEP_MS = 150

async function open() {
  const sandbox = await openSandbox({
    dataDir,
    testMode: true,
    timing: { ...INSTANT_TIMING, lifecycleStepMs: STEP_MS },
  })
  const call = (p: string, init: RequestInit = {}) =>
    Promise.resolve(
      sandbox.app.request(p, {
        ...init,
        headers: { 'X-API-Key': sandbox.apiKey, 'Content-Type': 'application/json' },
      }),
    )
  return { sandbox, call }
}

describe('restart persistence', () => {
  it('reads back a created agent and a runtime that finished provisioning while closed', async () => {
    const first = await open()
    const created = await first.call('/api/v1/app/agents', {
      method: 'POST',
      body: JSON.stringify({ name: 'Durable Agent', bio: 'Survives restarts.' }),
    })
    expect(created.status).toBe(201)
    const agentId = (await created.json()).agent.id as string
    const runtime = await first.call('/api/compat/agents', {
      method: 'POST',
      body: JSON.stringify({ agentName: 'Durable Runtime' }),
    })
    const runtimeId = (await runtime.json()).data.agentId as string
    expect(
      (await first.call(`/api/v1/milady/agents/${runtimeId}/provision`, { method: 'POST' })).status,
    ).toBe(202)
    const during = (await (await first.call(`/api/compat/agents/${runtimeId}/status`)).json()).data
    expect(during.status).toBe('provisioning')
    const closedAt = Date.now()
    await first.sandbox.close()

    const second = await open()
    try {
      const read = await second.call(`/api/my-agents/characters/${agentId}`)
      expect(read.status).toBe(200)
      expect((await read.json()).data.character).toMatchObject({
        name: 'Durable Agent',
        username: 'durable-agent',
        bio: ['Survives restarts.'],
      })
      // Usually already past (reopening PGlite takes longer than two steps); never read early.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, closedAt + 2 * STEP_MS - Date.now())),
      )
      const after = (await (await second.call(`/api/compat/agents/${runtimeId}/status`)).json())
        .data
      expect(after).toMatchObject({ status: 'running', databaseStatus: 'ready' })
      // The seed did not run again: still the three demo characters plus ours.
      const list = await (await second.call('/api/my-agents/characters')).json()
      expect(list.data.pagination.totalCount).toBe(4)
    } finally {
      await second.sandbox.close()
    }
  })
})
