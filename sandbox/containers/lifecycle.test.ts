// Containers against docs/cloud/containers.md: provisioning, failure mode, § Billing, persistence.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { cheap, containerHelpers, ECR, json } from './test-helpers.ts'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { isFailingImage, stateAt } from './lifecycle.ts'

import { dailyCost, deleteRefund, deploymentFee } from './pricing.ts'
import { getBalance } from '../core/ledger.ts'

import { SEED } from '../core/seed.ts'
import { openSandbox } from '../server.ts'
import { openTestSandbox, SANDBOX_TIMEOUTS, type TestSandbox } from '../core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
beforeEach(() => sb.reset())

const { create, balance, get } = containerHelpers(() => sb)

describe('lifecycle', () => {
  it('walks pending → building → deploying → running, one lifecycleStepMs each', async () => {
    sb.ctx.timing = { ...sb.ctx.timing, lifecycleStepMs: 10_000 }
    const { id } = (await (await create(cheap)).json()).data
    // The status is computed from the stored start, so moving it back is moving the clock on.
    const age = async (ms: number) => {
      const startedAt = new Date(Date.now() - ms).toISOString()
      await sb.ctx.db.query('UPDATE containers SET lifecycle_started_at = $2 WHERE id = $1', [
        id,
        startedAt,
      ])
      await sb.ctx.db.query(
        'UPDATE container_deployments SET created_at = $2 WHERE container_id = $1',
        [id, startedAt],
      )
    }
    const seen: string[] = []
    for (const ms of [0, 15_000, 25_000, 35_000]) {
      await age(ms)
      seen.push((await get(id)).status)
    }
    expect(seen).toEqual(['pending', 'building', 'deploying', 'running'])
    const running = await get(id)
    expect(running.load_balancer_url).toMatch(/^https:\/\/my-app-/)
    expect(running.ecs_service_arn).toBe(
      `arn:aws:ecs:us-east-1:000000000000:service/elizaos-${SEED.organizationId}-my-app/svc`,
    )
    expect(running.deployment_log).toMatch(/^Deployed successfully!/)
    const history = (await (await sb.call(`/api/v1/containers/${id}/deployments`)).json()).data
    expect(history.deployments[0]).toMatchObject({
      status: 'success',
      cost: '0.500000',
      error: null,
    })
    expect(history.deployments[0].duration_ms).toBe(30_000)
    expect(stateAt(29_999, 10_000)).toBe('deploying')
  })

  it('reaches running in real time with a small step', async () => {
    sb.ctx.timing = { ...sb.ctx.timing, lifecycleStepMs: 50 }
    const { id, status } = (await (await create(cheap)).json()).data
    expect(status).toBe('pending')
    await vi.waitFor(async () => expect((await get(id)).status).toBe('running'), {
      timeout: 5000,
      interval: 50,
    })
  })

  it('logs and metrics are 400 before the service exists, then served', async () => {
    sb.ctx.timing = { ...sb.ctx.timing, lifecycleStepMs: 60_000 }
    const { id } = (await (await create(cheap)).json()).data
    const logs = await sb.call(`/api/v1/containers/${id}/logs`)
    expect(logs.status).toBe(400)
    expect(await logs.json()).toEqual({
      success: false,
      error:
        'Container has not been deployed to ECS yet. Logs will be available once deployment is complete.',
    })
    expect(await (await sb.call(`/api/v1/containers/${id}/metrics`)).json()).toEqual({
      success: false,
      error: 'Container has not been deployed to ECS yet',
    })
    expect((await sb.call(`/api/v1/containers/${id}/health`)).status).toBe(400)
  })
})

describe('failure mode (an image tagged fail / fail-*)', () => {
  it('provisions, then fails where it would run: the reason, a failed record, the fee refunded', async () => {
    expect(isFailingImage(`${ECR}:fail`)).toBe(true)
    expect(isFailingImage(`${ECR}:fail-2`)).toBe(true)
    expect(isFailingImage(`${ECR}:failover`)).toBe(false)
    expect(isFailingImage('localhost:5000/fail')).toBe(false)
    const res = await create({ ...cheap, ecr_image_uri: `${ECR}:fail` })
    expect(res.status).toBe(202)
    const { id } = (await res.json()).data
    expect(await getBalance(sb.ctx.db, SEED.organizationId)).toBe(4.5)
    const failed = await get(id)
    expect(await getBalance(sb.ctx.db, SEED.organizationId)).toBe(5)
    expect(failed).toMatchObject({
      status: 'failed',
      load_balancer_url: null,
      ecs_service_arn: null,
    })
    expect(failed.error_message).toMatch(/CREATE_FAILED: the ECS service did not stabilize/)
    const history = (await (await sb.call(`/api/v1/containers/${id}/deployments`)).json()).data
    expect(history.deployments[0]).toMatchObject({ status: 'failed', cost: '0.500000' })
    expect(history.deployments[0].error).toBe(failed.error_message)
    const { rows } = await sb.ctx.db.query<{ amount: string }>(
      `SELECT amount FROM credit_transactions WHERE type = 'refund'`,
    )
    expect(rows).toEqual([{ amount: '0.500000' }])
    expect((await sb.call(`/api/v1/containers/${id}/logs`)).status).toBe(400)
  })

  it('PATCH to a failing image answers 500 with the stack error and leaves it failed (§5)', async () => {
    const res = await sb.call(
      `/api/v1/containers/${SEED.containerId}`,
      json('PATCH', { ecr_image_uri: `${ECR}:fail-1` }),
    )
    expect(res.status).toBe(500)
    const body = await res.json()
    expect(body.success).toBe(false)
    expect(body.error).toMatch(/UPDATE_ROLLBACK_COMPLETE/)
    expect(await get(SEED.containerId)).toMatchObject({ status: 'failed' })
    // PATCH is not billed, so nothing is refunded.
    const { rows } = await sb.ctx.db.query(
      `SELECT 1 FROM credit_transactions WHERE type = 'refund'`,
    )
    expect(rows).toEqual([])
  })
})

describe('billing', () => {
  it('prices by the note formulas', () => {
    expect(deploymentFee({ cpu: 1792, memory: 1792, desired_count: 1 })).toBe(15)
    expect(deploymentFee({ cpu: 256, memory: 512, desired_count: 1 })).toBe(0.5)
    expect(deploymentFee({ cpu: 2048, memory: 2048, desired_count: 10 })).toBe(17.95)
    expect(dailyCost({ cpu: 1792, memory: 1792, desired_count: 1 })).toBe(1.17)
    expect(deleteRefund(15, 3 * 3_600_000)).toBe(7)
  })

  it('charges the daily running cost when the 00:00 UTC run is due, then suspends on low balance', async () => {
    await sb.ctx.db.query(
      `UPDATE containers SET next_billing_at = now() - interval '1 hour' WHERE id = $1`,
      [SEED.containerId],
    )
    const billed = await get(SEED.containerId)
    expect(billed).toMatchObject({ total_billed: '2.34', billing_status: 'active' })
    expect(new Date(billed.next_billing_at).getTime()).toBeGreaterThan(Date.now())
    const { rows } = await sb.ctx.db.query<{ amount: string }>(
      `SELECT amount FROM credit_transactions WHERE description = 'Daily container billing: Support Bot Runtime'`,
    )
    expect(rows).toEqual([{ amount: '-1.170000' }])

    await balance(0)
    await sb.ctx.db.query(
      `UPDATE containers SET next_billing_at = now() - interval '3 days' WHERE id = $1`,
      [SEED.containerId],
    )
    const stopped = await get(SEED.containerId)
    // Day 1 warns (shutdown in 48 h), day 3 reaches the scheduled shutdown.
    expect(stopped).toMatchObject({ status: 'stopped', billing_status: 'suspended' })
    expect(stopped.scheduled_shutdown_at).not.toBeNull()
  })
})

describe('persistence', () => {
  it('resumes provisioning after a restart from the stored timestamps', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'containers-restart-'))
    try {
      const first = await openSandbox({ dataDir, testMode: true, timing: { lifecycleStepMs: 100 } })
      const headers = { 'X-API-Key': first.apiKey, 'Content-Type': 'application/json' }
      const res = await first.app.request('/api/v1/containers', {
        method: 'POST',
        headers,
        body: JSON.stringify(cheap),
      })
      const { data } = await res.json()
      expect(data.status).toBe('pending')
      // The three 100 ms steps passed while the sandbox was down: move the stored start back
      // rather than rely on how long a reopen takes (a warm reopen can be quicker than 300 ms).
      await first.ctx.db.query(
        `UPDATE containers SET lifecycle_started_at = now() - interval '1 second' WHERE id = $1`,
        [data.id],
      )
      await first.close()

      const second = await openSandbox({ dataDir, testMode: true })
      try {
        const after = await (
          await second.app.request(`/api/v1/containers/${data.id}`, { headers })
        ).json()
        expect(after.data).toMatchObject({ id: data.id, status: 'running' })
        expect(after.data.load_balancer_url).not.toBeNull()
      } finally {
        await second.close()
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
