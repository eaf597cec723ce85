// Contract: what the sandbox answers on the container routes is what the console's own schemas
// (src/features/containers/api/) accept, and its error bodies become the ApiError the pages
// expect. A drift on either side fails here.
import { beforeEach, describe, expect, it } from 'vitest'
import {
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
import { applyQuotaResponse, unknownQuota } from '@/lib/rate-limit-quota'
import { setBalance } from '../sandbox/core/ledger.ts'
import { SEED } from '../sandbox/core/seed.ts'
import { contractFor } from './harness.ts'

const contract = contractFor(['containers'])
const { parses, refuses } = contract
beforeEach(() => contract.sb.reset())

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
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'
const BAD_KEY = `eliza_${'1'.repeat(64)}`

async function deploy(): Promise<string> {
  const created = await parses(
    await contract.sb.call('/api/v1/containers', json('POST', body())),
    createdContainerSchema,
    202,
  )
  return created.container.id
}

describe('successful answers parse with the console schemas', () => {
  it('list (the row without variables) and one container (with them)', async () => {
    const list = await parses(await contract.sb.call('/api/v1/containers'), containerListSchema)
    expect(list[0]).toMatchObject({
      id: SEED.containerId,
      status: 'running',
      cpu: 1792,
      memory: 1792,
      instances: 1,
      url: 'https://support-bot.containers.sandbox.invalid',
    })
    expect(JSON.stringify(list)).not.toContain('production')
    const one = await parses(
      await contract.sb.call(`/api/v1/containers/${SEED.containerId}`),
      containerResponseSchema,
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
    const created = await parses(
      await contract.sb.call('/api/v1/containers', json('POST', body())),
      createdContainerSchema,
      202,
    )
    expect(created).toMatchObject({
      container: { status: 'pending', env: { API_URL: 'https://api.example.com' } },
      feeCharged: 0.5,
      expectedDurationMs: 600_000,
    })
    const detail = await parses(
      await contract.sb.call(`/api/v1/containers/${created.container.id}`),
      containerResponseSchema,
    )
    expect(detail.status).toBe('running')
    expect(detail.serviceArn).toMatch(/^arn:aws:ecs:/)
  })

  it('PATCH, deployments, health, logs, metrics, quota, credentials, delete', async () => {
    const id = await deploy()
    const patched = await parses(
      await contract.sb.call(`/api/v1/containers/${id}`, json('PATCH', { port: 8080 })),
      updatedContainerSchema,
    )
    expect(patched).toMatchObject({ port: 8080, status: 'running' })

    const deployments = await parses(
      await contract.sb.call(`/api/v1/containers/${id}/deployments`),
      deploymentsSchema,
    )
    expect(deployments).toEqual([
      expect.objectContaining({ status: 'success', cost: 0.5, durationMs: 0, cpu: 256 }),
    ])

    const health = await parses(
      await contract.sb.call(`/api/v1/containers/${id}/health`),
      healthSchema,
    )
    expect(health).toMatchObject({ healthy: true, statusCode: 200, statusBefore: 'running' })

    const logs = await parses(
      await contract.sb.call(`/api/v1/containers/${id}/logs?limit=5`),
      logsSchema,
    )
    expect(logs.length).toBeGreaterThan(0)
    expect(logs[0]).toMatchObject({ level: expect.any(String), message: expect.any(String) })

    const metrics = await parses(
      await contract.sb.call(`/api/v1/containers/${id}/metrics`),
      metricsSchema,
    )
    expect(metrics).toMatchObject({ tasks: 1, healthyTasks: 1 })
    expect(metrics.cpuPercent).toBeGreaterThan(0)

    const quota = await parses(await contract.sb.call('/api/v1/containers/quota'), quotaSchema)
    expect(quota).toMatchObject({
      quota: { current: 2, max: 5, remaining: 3 },
      pricing: { deployment: 15, perDay: 1.17 },
      limits: { maxEnvVars: 50 },
    })

    const creds = await parses(
      await contract.sb.call(
        '/api/v1/containers/credentials',
        json('POST', { projectId: 'contract-app', version: '1.0.0' }),
      ),
      credentialsSchema,
    )
    expect(creds.ecrImageUri).toBe(`${creds.ecrRepositoryUri}:${creds.ecrImageTag}`)

    const deleted = await parses(
      await contract.sb.call(`/api/v1/containers/${id}`, { method: 'DELETE' }),
      deletedContainerSchema,
    )
    // Running and new: 75 % of $0.50 rounds down to nothing, and `refundAmount` is left out.
    expect(deleted).toEqual({ message: 'Container deleted successfully', refund: 0 })
  })

  it('a live stream event', async () => {
    const controller = new AbortController()
    const res = await contract.sb.call(`/api/v1/containers/${SEED.containerId}/logs/stream`, {
      signal: controller.signal,
    })
    const reader = contract.stream(res)
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
    const e = await refuses(
      await contract.sb.call(
        '/api/v1/containers',
        json('POST', { name: 'x', image: 'nginx:latest' }),
      ),
      400,
    )
    expect(e.kind).toBe('invalid')
    expect(Object.keys(e.details.fieldErrors ?? {})).toEqual(['project_name', 'ecr_image_uri'])
  })

  it('400 on a variable → a bare message the form places on the editor', async () => {
    const e = await refuses(
      await contract.sb.call(
        '/api/v1/containers',
        json('POST', body({ environment_vars: { '1BAD': 'x' } })),
      ),
      400,
    )
    expect(e).toMatchObject({ kind: 'invalid', status: 400 })
    expect(e.message).toMatch(/^Invalid environment variable name: '1BAD'/)
    expect(e.details.fieldErrors).toBeUndefined()
  })

  it('402 → insufficient_credits with the USD required', async () => {
    const e = await refuses(
      await contract.sb.call('/api/v1/containers', json('POST', body({ cpu: 1792, memory: 1792 }))),
      402,
    )
    expect(e).toMatchObject({ kind: 'insufficient_credits', details: { requiredUsd: 15 } })
  })

  it('403 quota → forbidden', async () => {
    await setBalance(contract.sb.ctx.db, SEED.organizationId, 0.9)
    contract.sb.ctx.balanceCache.clear()
    const e = await refuses(await contract.sb.call('/api/v1/containers', json('POST', body())), 403)
    expect(e).toMatchObject({
      kind: 'forbidden',
      message: 'Container quota exceeded. Current: 1, Max: 1',
    })
  })

  it('429 → rate_limited with Retry-After, and the headers the quota meter reads', async () => {
    let last: Response | undefined
    for (let i = 0; i < 6; i++)
      last = await contract.sb.call('/api/v1/containers', json('POST', {}))
    const res = last!
    const snapshot = applyQuotaResponse(unknownQuota(5), res.status, res.headers, Date.now())
    expect(snapshot).toMatchObject({ limit: 5, remaining: 0 })
    expect(snapshot.blockedUntil! - Date.now()).toBeGreaterThan(200_000)
    const e = await refuses(res, 429)
    expect(e.kind).toBe('rate_limited')
    expect(e.details.retryAfterSec).toBeGreaterThan(200)
  })

  it('PATCH refusals, 404, and the bad-key and non-UUID 500s', async () => {
    const patch = await refuses(
      await contract.sb.call(
        `/api/v1/containers/${SEED.containerId}`,
        json('PATCH', { memory: 256 }),
      ),
      400,
    )
    expect(patch).toMatchObject({
      kind: 'invalid',
      message: 'Memory must be between 512 and 2048 MB',
    })
    const missing = await refuses(
      await contract.sb.call('/api/v1/containers/00000000-0000-4000-8000-000000000000'),
      404,
    )
    expect(missing).toMatchObject({ kind: 'not_found', message: 'Container not found' })
    const badKey = await refuses(
      await contract.sb.call('/api/v1/containers', { key: `eliza_${'1'.repeat(64)}` }),
      500,
    )
    expect(badKey).toMatchObject({
      kind: 'server',
      status: 500,
      message: 'Invalid or expired API key',
    })
  })

  it('logs before the service exists → invalid, with the sentence the log panel shows', async () => {
    contract.sb.ctx.timing = { ...contract.sb.ctx.timing, lifecycleStepMs: 60_000 }
    const id = await deploy()
    const e = await refuses(await contract.sb.call(`/api/v1/containers/${id}/logs`), 400)
    expect(e.kind).toBe('invalid')
    expect(e.message).toMatch(/^Container has not been deployed to ECS yet/)
  })
})

describe('the other refusals every container route declares', () => {
  const perContainer = ['deployments', 'health', 'logs', 'logs/stream', 'metrics']

  it('an unknown id → 404 and a non-UUID id → 500 on every per-container route', async () => {
    for (const [method, suffix, init] of [
      ['GET', '', {}],
      ['PATCH', '', json('PATCH', { port: 8080 })],
      ['DELETE', '', { method: 'DELETE' }],
      ...perContainer.map((s) => ['GET', `/${s}`, {}] as const),
    ] as const) {
      const missing = await refuses(
        await contract.sb.call(`/api/v1/containers/${UNKNOWN_ID}${suffix}`, init),
        404,
      )
      expect(missing, `${method} ${suffix}`).toMatchObject({ kind: 'not_found' })
      const malformed = await refuses(
        await contract.sb.call(`/api/v1/containers/not-a-uuid${suffix}`, init),
        500,
      )
      expect(malformed.message, `${method} ${suffix}`).toMatch(/uuid/i)
    }
  })

  it('a bad key → 500 with the auth message on credentials, create and quota', async () => {
    for (const [path, init] of [
      ['/api/v1/containers/credentials', json('POST', { projectId: 'p', version: '1' })],
      ['/api/v1/containers', json('POST', body())],
      ['/api/v1/containers/quota', {}],
    ] as const) {
      const e = await refuses(await contract.sb.call(path, { ...init, key: BAD_KEY }), 500)
      expect(e, path).toMatchObject({ kind: 'server', message: 'Invalid or expired API key' })
    }
  })

  it('credentials without a version → 400', async () => {
    const e = await refuses(
      await contract.sb.call('/api/v1/containers/credentials', json('POST', { projectId: 'p' })),
      400,
    )
    expect(e).toMatchObject({
      kind: 'invalid',
      message: 'Missing required fields: projectId, version',
    })
  })

  it('health, live logs and metrics before the service exists → 400', async () => {
    contract.sb.ctx.timing = { ...contract.sb.ctx.timing, lifecycleStepMs: 60_000 }
    const id = await deploy()
    for (const suffix of ['health', 'logs/stream', 'metrics']) {
      const e = await refuses(await contract.sb.call(`/api/v1/containers/${id}/${suffix}`), 400)
      expect(e.kind, suffix).toBe('invalid')
    }
  })
})
