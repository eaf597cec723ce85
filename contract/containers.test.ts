// Contract: what the sandbox answers on the container routes is what the console's own schemas
// (src/features/containers/api/) accept, and its error bodies become the ApiError the pages
// expect. A drift on either side fails here.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  containerDetailSchema,
  containerResponseSchema,
  createdContainerSchema,
  credentialsSchema,
  deletedContainerSchema,
  deploymentsSchema,
  healthSchema,
  logsSchema,
  logStreamEventSchema,
  metricsSchema,
  quotaSchema,
  updatedContainerSchema,
} from '@/features/containers/api/detail-schemas'
import { toCreateBody, emptyDeployForm } from '@/features/containers/api/deploy-form'
import { containerListSchema } from '@/features/containers/api/schemas'
import { ApiError } from '@/lib/api-error'
import { applyQuotaResponse, unknownQuota } from '@/lib/rate-limit-quota'
import { setBalance } from '../sandbox/core/ledger.ts'
import { SEED } from '../sandbox/core/seed.ts'
import { openTestSandbox, SANDBOX_TIMEOUTS, type TestSandbox } from '../sandbox/core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
beforeEach(() => sb.reset())

const ECR = '000000000000.dkr.ecr.us-east-1.amazonaws.com/elizaos/org/contract'
const json = (method: string, body: unknown) => ({
  method,
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
})
/** The console's own body for a small deploy (the form's defaults, as `toCreateBody` sends them). */
const body = (overrides: Partial<ReturnType<typeof toCreateBody>> = {}) => ({
  ...toCreateBody({
    ...emptyDeployForm(),
    name: 'Contract App',
    projectName: 'contract-app',
    image: `${ECR}:1.0.0`,
    cpu: 256,
    memory: 512,
    env: [{ key: 'API_URL', value: 'https://api.example.com' }],
  }),
  ...overrides,
})
const ok = async (res: Response) => {
  expect(res.ok, `${res.status} ${res.url}`).toBe(true)
  return res.json()
}
const error = (res: Response) => ApiError.fromResponse(res)

async function deploy(): Promise<string> {
  const created = createdContainerSchema.parse(
    await ok(await sb.call('/api/v1/containers', json('POST', body()))),
  )
  return created.container.id
}

describe('successful answers parse with the console schemas', () => {
  it('list (the row without variables) and one container (with them)', async () => {
    const list = containerListSchema.parse(await ok(await sb.call('/api/v1/containers')))
    expect(list[0]).toMatchObject({
      id: SEED.containerId,
      status: 'running',
      cpu: 1792,
      memory: 1792,
      instances: 1,
      url: 'https://support-bot.containers.sandbox.invalid',
    })
    expect(JSON.stringify(list)).not.toContain('production')
    const one = containerResponseSchema.parse(
      await ok(await sb.call(`/api/v1/containers/${SEED.containerId}`)),
    )
    expect(one).toMatchObject({
      env: { NODE_ENV: 'production' },
      projectName: 'support-bot',
      isUpdate: false,
      totalBilled: '1.17',
      imageUri: expect.stringContaining('.dkr.ecr.'),
    })
  })

  it('create 202 (the row as first inserted), then the detail once running', async () => {
    const res = await sb.call('/api/v1/containers', json('POST', body()))
    expect(res.status).toBe(202)
    const created = createdContainerSchema.parse(await res.json())
    expect(created).toMatchObject({
      container: { status: 'pending', env: { API_URL: 'https://api.example.com' } },
      feeCharged: 0.5,
      expectedDurationMs: 600_000,
    })
    const detail = containerDetailSchema.parse(
      (await ok(await sb.call(`/api/v1/containers/${created.container.id}`))).data,
    )
    expect(detail.status).toBe('running')
    expect(detail.serviceArn).toMatch(/^arn:aws:ecs:/)
  })

  it('PATCH, deployments, health, logs, metrics, quota, credentials, delete', async () => {
    const id = await deploy()
    const patched = updatedContainerSchema.parse(
      await ok(await sb.call(`/api/v1/containers/${id}`, json('PATCH', { port: 8080 }))),
    )
    expect(patched).toMatchObject({ port: 8080, status: 'running' })

    const deployments = deploymentsSchema.parse(
      await ok(await sb.call(`/api/v1/containers/${id}/deployments`)),
    )
    expect(deployments).toEqual([
      expect.objectContaining({ status: 'success', cost: 0.5, durationMs: 0, cpu: 256 }),
    ])

    const health = healthSchema.parse(await ok(await sb.call(`/api/v1/containers/${id}/health`)))
    expect(health).toMatchObject({ healthy: true, statusCode: 200, statusBefore: 'running' })

    const logs = logsSchema.parse(await ok(await sb.call(`/api/v1/containers/${id}/logs?limit=5`)))
    expect(logs.length).toBeGreaterThan(0)
    expect(logs[0]).toMatchObject({ level: expect.any(String), message: expect.any(String) })

    const metrics = metricsSchema.parse(await ok(await sb.call(`/api/v1/containers/${id}/metrics`)))
    expect(metrics).toMatchObject({ tasks: 1, healthyTasks: 1 })
    expect(metrics.cpuPercent).toBeGreaterThan(0)

    const quota = quotaSchema.parse(await ok(await sb.call('/api/v1/containers/quota')))
    expect(quota).toMatchObject({
      quota: { current: 2, max: 5, remaining: 3 },
      pricing: { deployment: 15, perDay: 1.17 },
      limits: { maxEnvVars: 50 },
    })

    const creds = credentialsSchema.parse(
      await ok(
        await sb.call(
          '/api/v1/containers/credentials',
          json('POST', { projectId: 'contract-app', version: '1.0.0' }),
        ),
      ),
    )
    expect(creds.ecrImageUri).toBe(`${creds.ecrRepositoryUri}:${creds.ecrImageTag}`)

    const deleted = deletedContainerSchema.parse(
      await ok(await sb.call(`/api/v1/containers/${id}`, { method: 'DELETE' })),
    )
    // Running and new: 75 % of $0.50 rounds down to nothing, and `refundAmount` is left out.
    expect(deleted).toEqual({ message: 'Container deleted successfully', refund: 0 })
  })

  it('a live stream event', async () => {
    const controller = new AbortController()
    const res = await sb.call(`/api/v1/containers/${SEED.containerId}/logs/stream`, {
      signal: controller.signal,
    })
    const reader = res.body!.getReader()
    const { value } = await reader.read()
    controller.abort()
    await reader.cancel().catch(() => undefined)
    const frame = new TextDecoder().decode(value).split('\n\n')[0] ?? ''
    expect(frame.startsWith('data: ')).toBe(true)
    const event = logStreamEventSchema.parse(JSON.parse(frame.slice('data: '.length)))
    expect(event).toMatchObject({ type: 'log', data: { level: expect.any(String) } })
  })
})

describe('error bodies become the ApiError the pages read', () => {
  it('400 zod issues → field errors keyed by the body field', async () => {
    const e = await error(
      await sb.call('/api/v1/containers', json('POST', { name: 'x', image: 'nginx:latest' })),
    )
    expect(e.kind).toBe('invalid')
    expect(Object.keys(e.details.fieldErrors ?? {})).toEqual(['project_name', 'ecr_image_uri'])
  })

  it('400 on a variable → a bare message the form places on the editor', async () => {
    const e = await error(
      await sb.call(
        '/api/v1/containers',
        json('POST', body({ environment_vars: { '1BAD': 'x' } })),
      ),
    )
    expect(e).toMatchObject({ kind: 'invalid', status: 400 })
    expect(e.message).toMatch(/^Invalid environment variable name: '1BAD'/)
    expect(e.details.fieldErrors).toBeUndefined()
  })

  it('402 → insufficient_credits with the USD required', async () => {
    const e = await error(
      await sb.call('/api/v1/containers', json('POST', body({ cpu: 1792, memory: 1792 }))),
    )
    expect(e).toMatchObject({ kind: 'insufficient_credits', details: { requiredUsd: 15 } })
  })

  it('403 quota → forbidden', async () => {
    await setBalance(sb.ctx.db, SEED.organizationId, 0.9)
    sb.ctx.balanceCache.clear()
    const e = await error(await sb.call('/api/v1/containers', json('POST', body())))
    expect(e).toMatchObject({
      kind: 'forbidden',
      message: 'Container quota exceeded. Current: 1, Max: 1',
    })
  })

  it('429 → rate_limited with Retry-After, and the headers the quota meter reads', async () => {
    let last: Response | undefined
    for (let i = 0; i < 6; i++) last = await sb.call('/api/v1/containers', json('POST', {}))
    const res = last!
    const snapshot = applyQuotaResponse(unknownQuota(5), res.status, res.headers, Date.now())
    expect(snapshot).toMatchObject({ limit: 5, remaining: 0 })
    expect(snapshot.blockedUntil! - Date.now()).toBeGreaterThan(200_000)
    const e = await error(res)
    expect(e.kind).toBe('rate_limited')
    expect(e.details.retryAfterSec).toBeGreaterThan(200)
  })

  it('PATCH refusals, 404, and the bad-key and non-UUID 500s', async () => {
    const patch = await error(
      await sb.call(`/api/v1/containers/${SEED.containerId}`, json('PATCH', { memory: 256 })),
    )
    expect(patch).toMatchObject({
      kind: 'invalid',
      message: 'Memory must be between 512 and 2048 MB',
    })
    const missing = await error(
      await sb.call('/api/v1/containers/00000000-0000-4000-8000-000000000000'),
    )
    expect(missing).toMatchObject({ kind: 'not_found', message: 'Container not found' })
    const badKey = await error(
      await sb.call('/api/v1/containers', { key: `eliza_${'1'.repeat(64)}` }),
    )
    expect(badKey).toMatchObject({
      kind: 'server',
      status: 500,
      message: 'Invalid or expired API key',
    })
  })

  it('logs before the service exists → invalid, with the sentence the log panel shows', async () => {
    sb.ctx.timing = { ...sb.ctx.timing, lifecycleStepMs: 60_000 }
    const id = await deploy()
    const e = await error(await sb.call(`/api/v1/containers/${id}/logs`))
    expect(e.kind).toBe('invalid')
    expect(e.message).toMatch(/^Container has not been deployed to ECS yet/)
  })
})
