// Containers against docs/cloud/containers.md §1–§12 and § Billing.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { isFailingImage, stateAt } from './lifecycle.ts'
import { parseLine } from './logs.ts'
import { dailyCost, deleteRefund, deploymentFee } from './pricing.ts'
import { getBalance, setBalance } from '../core/ledger.ts'
import { STREAM_BATCH_MAX } from './routes.ts'
import { SEED } from '../core/seed.ts'
import { openSandbox } from '../server.ts'
import { openTestSandbox, SANDBOX_TIMEOUTS, type TestSandbox, UNKNOWN_KEY } from '../core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
beforeEach(() => sb.reset())

const ECR = '000000000000.dkr.ecr.us-east-1.amazonaws.com/elizaos/org/my-app'
/** Smallest sizing: $0.50, within the seeded $5. */
const cheap = {
  name: 'My App',
  project_name: 'my-app',
  ecr_image_uri: `${ECR}:1.0.0`,
  cpu: 256,
  memory: 512,
}
const json = (method: string, body: unknown) => ({
  method,
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
})
const create = (body: unknown) => sb.call('/api/v1/containers', json('POST', body))
const balance = async (amount: number) => {
  await setBalance(sb.ctx.db, SEED.organizationId, amount)
  sb.ctx.balanceCache.clear()
}
const get = async (id: string) => (await (await sb.call(`/api/v1/containers/${id}`)).json()).data

interface StreamedLog {
  timestamp: string
  level: string
  message: string
}

/** Reads the live log stream's `data:` events until `enough` says so; then disconnects. */
async function readStream(
  id: string,
  enough: (logs: StreamedLog[]) => boolean,
  timeoutMs = 15_000,
): Promise<StreamedLog[]> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  const res = await sb.call(`/api/v1/containers/${id}/logs/stream`, { signal: controller.signal })
  expect(res.status).toBe(200)
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  const logs: StreamedLog[] = []
  let buffer = ''
  try {
    while (!enough(logs)) {
      const { value, done } = await reader.read()
      if (done) break
      buffer += decoder.decode(value, { stream: true })
      let end
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const event = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        if (!event.startsWith('data: ')) continue
        const parsed = JSON.parse(event.slice('data: '.length))
        if (parsed.type === 'log') logs.push(parsed.data)
      }
    }
  } finally {
    clearTimeout(timer)
    controller.abort()
    await reader.cancel().catch(() => undefined)
  }
  return logs
}

describe('GET /api/v1/containers', () => {
  it("returns the organization's containers as stored, with the cloud's string quirks", async () => {
    const res = await sb.call('/api/v1/containers')
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.success).toBe(true)
    expect(body.data).toHaveLength(1)
    const [container] = body.data
    expect(container).toMatchObject({
      id: SEED.containerId,
      name: 'Support Bot Runtime',
      project_name: 'support-bot',
      organization_id: SEED.organizationId,
      cloudformation_stack_name: `elizaos-${SEED.organizationId}-support-bot`,
      status: 'running',
      is_update: 'false',
      total_billed: '1.17',
      billing_status: 'active',
      cpu: 1792,
      memory: 1792,
      port: 3000,
      desired_count: 1,
      environment_vars: { NODE_ENV: 'production' },
      ecs_task_arn: null,
      error_message: null,
    })
    for (const field of ['created_at', 'updated_at', 'last_health_check', 'next_billing_at']) {
      expect(container[field]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    }
    // Exactly the fields of docs/cloud/containers.md "The container object", in its order.
    expect(Object.keys(container)).toEqual(
      (
        'id name project_name description organization_id user_id api_key_id character_id ' +
        'cloudformation_stack_name ecr_repository_uri ecr_image_tag ecs_cluster_arn ecs_service_arn ' +
        'ecs_task_definition_arn ecs_task_arn load_balancer_url is_update status image_tag ' +
        'dockerfile_path environment_vars desired_count cpu memory port health_check_path ' +
        'architecture last_deployed_at last_health_check deployment_log error_message metadata ' +
        'last_billed_at next_billing_at billing_status shutdown_warning_sent_at ' +
        'scheduled_shutdown_at total_billed created_at updated_at'
      ).split(' '),
    )
  })

  it('refuses other methods the route does not have', async () => {
    const res = await sb.call('/api/v1/containers', { method: 'DELETE' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, POST, OPTIONS')
  })

  it('no key → E1 401 at the edge; a bad key → 500 with the auth message', async () => {
    const none = await sb.call('/api/v1/containers', { key: null })
    expect(none.status).toBe(401)
    expect(await none.json()).toEqual({
      success: false,
      error: 'Unauthorized',
      code: 'authentication_required',
    })
    for (const p of [
      '/api/v1/containers',
      `/api/v1/containers/${SEED.containerId}/logs`,
      '/api/v1/containers/quota',
    ]) {
      const res = await sb.call(p, { key: UNKNOWN_KEY })
      expect(res.status).toBe(500)
      expect(await res.json()).toEqual({ success: false, error: 'Invalid or expired API key' })
    }
    const notUuid = await sb.call('/api/v1/containers/abc')
    expect(notUuid.status).toBe(500)
    expect(await notUuid.json()).toEqual({
      success: false,
      error: 'invalid input syntax for type uuid: "abc"',
    })
  })
})

describe('POST /api/v1/containers', () => {
  it('answers 202 with the row as first inserted, and debits the deployment fee', async () => {
    const res = await create({ ...cheap, environment_vars: { LOG_LEVEL: 'debug' } })
    expect(res.status).toBe(202)
    const body = await res.json()
    const stack = `elizaos-${SEED.organizationId}-my-app`
    expect(body).toMatchObject({
      success: true,
      data: {
        name: 'My App',
        project_name: 'my-app',
        status: 'pending',
        is_update: 'false',
        cpu: 256,
        memory: 512,
        port: 3000,
        desired_count: 1,
        architecture: 'arm64',
        health_check_path: '/health',
        cloudformation_stack_name: stack,
        ecr_image_tag: '1.0.0',
        load_balancer_url: null,
        ecs_service_arn: null,
        environment_vars: { LOG_LEVEL: 'debug' },
        metadata: { ecr_image_uri: cheap.ecr_image_uri, is_update: false, architecture: 'arm64' },
        total_billed: '0.00',
      },
      message: expect.stringContaining('Poll GET /api/v1/containers/:id'),
      creditsDeducted: 0.5,
      // The cloud fills creditsRemaining with the reserved amount (docs/cloud/containers.md §2).
      creditsRemaining: 0.5,
      stackName: stack,
      polling: {
        endpoint: `/api/v1/containers/${body.data.id}`,
        intervalMs: 10000,
        expectedDurationMs: 600000,
      },
    })
    expect(await getBalance(sb.ctx.db, SEED.organizationId)).toBe(4.5)
    const { rows } = await sb.ctx.db.query<{ amount: string; description: string }>(
      `SELECT amount, description FROM credit_transactions WHERE type = 'debit'`,
    )
    expect(rows).toEqual([{ amount: '-0.500000', description: 'Container deployment: My App' }])
  })

  it('reports the CRITICAL limit in X-RateLimit-* headers on every answer (E10)', async () => {
    const first = await create(cheap)
    expect(first.status).toBe(202)
    expect(first.headers.get('x-ratelimit-limit')).toBe('5')
    expect(first.headers.get('x-ratelimit-remaining')).toBe('4')
    expect(first.headers.get('x-ratelimit-policy')).toBe('in-memory')
    const reset = Date.parse(first.headers.get('x-ratelimit-reset') ?? '')
    // An ISO time about five minutes ahead, not epoch seconds.
    expect(first.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/)
    expect(reset - Date.now()).toBeGreaterThan(290_000)
    expect(reset - Date.now()).toBeLessThanOrEqual(300_000)
    // A refused body is counted too, and says so.
    const refused = await create({})
    expect(refused.status).toBe(400)
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('3')
  })

  it("rejects the product description's body with 400 Invalid request data (zod issues)", async () => {
    const res = await create({
      name: 'my-app',
      image: 'nginx:latest',
      ports: [{ containerPort: 80 }],
    })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.success).toBe(false)
    expect(body.error).toBe('Invalid request data')
    expect(body.details.map((i: { path: string[] }) => i.path[0])).toEqual([
      'project_name',
      'ecr_image_uri',
    ])
    expect(body.details[0]).toMatchObject({
      expected: 'string',
      code: 'invalid_type',
      message: 'Invalid input: expected string, received undefined',
    })
  })

  it('checks environment variables with the cloud messages', async () => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`V${i}`, 'x']))
    expect(await (await create({ ...cheap, environment_vars: many })).json()).toEqual({
      success: false,
      error: 'Too many environment variables. Maximum 50 allowed, got 51',
      details: { limit: 50, provided: 51 },
    })
    expect(await (await create({ ...cheap, environment_vars: { '1BAD': 'x' } })).json()).toEqual({
      success: false,
      error:
        "Invalid environment variable name: '1BAD'. Must start with letter/underscore and contain only alphanumeric and underscores.",
    })
    expect(
      await (await create({ ...cheap, environment_vars: { BIG: 'x'.repeat(40000) } })).json(),
    ).toEqual({
      success: false,
      error:
        "Environment variable 'BIG' value exceeds maximum size of 32768 bytes (got 40000 bytes)",
    })
  })

  it('402 when the balance does not cover the fee, with nothing written', async () => {
    const before = await sb.ctx.db.query('SELECT count(*)::int AS n FROM credit_transactions')
    const res = await create({ ...cheap, cpu: undefined, memory: undefined })
    expect(res.status).toBe(402)
    expect(await res.json()).toEqual({
      success: false,
      error: 'Insufficient balance. Required: $15.00',
      requiredCredits: 15,
    })
    expect(await getBalance(sb.ctx.db, SEED.organizationId)).toBe(5)
    expect(
      (await sb.ctx.db.query('SELECT count(*)::int AS n FROM credit_transactions')).rows,
    ).toEqual(before.rows)
    expect((await (await sb.call('/api/v1/containers')).json()).data).toHaveLength(1)
  })

  it('403 when the quota (by balance) is full', async () => {
    await balance(0.9) // after the $0.50 fee: < $1 → max 1, and the demo container exists
    const res = await create(cheap)
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({
      success: false,
      error: 'Container quota exceeded. Current: 1, Max: 1',
      quota: { current: 1, max: 1 },
    })
    expect(await getBalance(sb.ctx.db, SEED.organizationId)).toBe(0.9)
  })

  it('redeploys the same project instead of creating a second container, charging again', async () => {
    const first = (await (await create(cheap)).json()).data
    const again = await create({ ...cheap, ecr_image_uri: `${ECR}:1.0.1` })
    expect(again.status).toBe(202)
    const body = await again.json()
    expect(body.data).toMatchObject({
      id: first.id,
      status: 'pending',
      is_update: 'true',
      ecr_image_tag: '1.0.1',
    })
    expect(await getBalance(sb.ctx.db, SEED.organizationId)).toBe(4)
    // Redeploys are container_update records and do not show in the history (docs/cloud/containers.md §7).
    const history = (await (await sb.call(`/api/v1/containers/${first.id}/deployments`)).json())
      .data
    expect(history.total).toBe(1)
  })

  it('is CRITICAL: the 6th create in 5 minutes is a 429 (E10)', async () => {
    for (let i = 0; i < 5; i++) expect((await create({})).status).toBe(400)
    const res = await create(cheap)
    expect(res.status).toBe(429)
    expect(res.headers.get('x-ratelimit-limit')).toBe('5')
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(60)
    expect(await res.json()).toMatchObject({
      success: false,
      code: 'rate_limit_exceeded',
      message: 'Rate limit exceeded. Maximum 5 requests per 300 seconds.',
    })
  })
})

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

describe('logs, metrics, health, quota, credentials', () => {
  it('serves the demo container logs newest first with filters and inferred levels', async () => {
    const body = (
      await (await sb.call(`/api/v1/containers/${SEED.containerId}/logs?limit=20`)).json()
    ).data
    expect(body.hasLogs).toBe(true)
    expect(body.logs).toHaveLength(20)
    expect(body.filters).toEqual({ limit: 20, since: null, level: 'all' })
    const times = body.logs.map((l: { timestamp: string }) => l.timestamp)
    expect(times).toEqual([...times].sort().reverse())
    const warn = (
      await (
        await sb.call(`/api/v1/containers/${SEED.containerId}/logs?level=warn&limit=500`)
      ).json()
    ).data
    expect(warn.logs.length).toBeGreaterThan(0)
    expect(warn.logs.every((l: { level: string }) => l.level === 'warn')).toBe(true)
    const clamped = (
      await (await sb.call(`/api/v1/containers/${SEED.containerId}/logs?limit=9999`)).json()
    ).data
    expect(clamped.filters.limit).toBe(500)
    expect(parseLine(new Date(0), '{"level":"error","message":"boom","code":7}')).toEqual({
      timestamp: '1970-01-01T00:00:00.000Z',
      level: 'error',
      message: 'boom',
      metadata: { code: 7 },
    })
    expect(parseLine(new Date(0), 'WARN: low disk').level).toBe('warn')
    expect(parseLine(new Date(0), 'request failed').level).toBe('error')
  })

  it('streams logs as SSE data events', async () => {
    const controller = new AbortController()
    const res = await sb.call(`/api/v1/containers/${SEED.containerId}/logs/stream`, {
      signal: controller.signal,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    const reader = res.body!.getReader()
    const { value } = await reader.read()
    const text = new TextDecoder().decode(value)
    expect(text).toMatch(
      /^data: \{"type":"log","data":\{"timestamp":"[^"]+","level":"\w+","message":/,
    )
    controller.abort()
    await reader.cancel()
  })

  it('filters /logs by since (inclusive ISO time) and level', async () => {
    const all = (
      await (await sb.call(`/api/v1/containers/${SEED.containerId}/logs?limit=500`)).json()
    ).data.logs as StreamedLog[]
    expect(all.length).toBeGreaterThan(20)
    const pivot = all[10]!.timestamp
    const since = (
      await (
        await sb.call(
          `/api/v1/containers/${SEED.containerId}/logs?limit=500&since=${encodeURIComponent(pivot)}`,
        )
      ).json()
    ).data
    expect(since.filters).toEqual({ limit: 500, since: pivot, level: 'all' })
    expect(since.logs.length).toBeGreaterThanOrEqual(11)
    expect(since.logs.every((l: StreamedLog) => l.timestamp >= pivot)).toBe(true)
    expect(since.logs).toEqual(all.filter((l) => l.timestamp >= pivot))
    const future = (
      await (
        await sb.call(
          `/api/v1/containers/${SEED.containerId}/logs?since=${new Date(Date.now() + 60_000).toISOString()}`,
        )
      ).json()
    ).data
    expect(future).toMatchObject({ logs: [], total: 0, hasLogs: false })
    expect(future.message).toMatch(/^No logs available yet/)
    const bad = await sb.call(`/api/v1/containers/${SEED.containerId}/logs?since=yesterday`)
    expect(bad.status).toBe(500)
  })

  it('keeps streaming: a running container prints new lines over time (logIntervalMs)', async () => {
    sb.ctx.timing = { ...sb.ctx.timing, logIntervalMs: 200 }
    // Reading once fills the history up to now; the stream's first batch is the newest ≤ 50.
    await sb.call(`/api/v1/containers/${SEED.containerId}/logs`)
    const startedAt = new Date().toISOString()
    const logs = await readStream(SEED.containerId, (l) => l.some((e) => e.timestamp > startedAt))
    expect(logs.length).toBeGreaterThan(50)
    const later = logs.filter((e) => e.timestamp > startedAt)
    expect(later.length).toBeGreaterThan(0)
    // Each batch is newest first; no line is sent twice.
    const keys = logs.map((e) => `${e.timestamp}|${e.message}`)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('sends a burst of lines over several polls without dropping any', async () => {
    const burst = STREAM_BATCH_MAX + 500
    let inserted = false
    const logs = await readStream(
      SEED.containerId,
      (l) => {
        if (!inserted && l.length >= 1) {
          inserted = true
          // After the first batch: a burst far larger than one poll sends.
          void sb.ctx.db.query(
            `INSERT INTO container_logs (container_id, timestamp, line)
             SELECT $1, now() + i * interval '1 millisecond', 'burst line ' || i
               FROM generate_series(1, $2::int) AS i`,
            [SEED.containerId, burst],
          )
        }
        return l.filter((e) => e.message.startsWith('burst line ')).length >= burst
      },
      20_000,
    )
    const lines = logs.filter((e) => e.message.startsWith('burst line '))
    expect(lines).toHaveLength(burst)
    expect(new Set(lines.map((e) => e.message)).size).toBe(burst)
  })

  it('metrics, health and quota have the note shapes', async () => {
    const metrics = (await (await sb.call(`/api/v1/containers/${SEED.containerId}/metrics`)).json())
      .data
    expect(metrics.period_minutes).toBe(60)
    expect(metrics.metrics).toMatchObject({ task_count: 1, healthy_task_count: 1 })
    expect(metrics.metrics.cpu_utilization).toBeGreaterThan(0)
    expect(metrics.metrics.cpu_utilization).toBeLessThan(100)
    const health = (await (await sb.call(`/api/v1/containers/${SEED.containerId}/health`)).json())
      .data
    expect(health).toMatchObject({
      containerId: SEED.containerId,
      healthy: true,
      statusCode: 200,
      containerStatus: 'running',
    })
    const quota = (await (await sb.call('/api/v1/containers/quota')).json()).data
    expect(quota).toMatchObject({
      quota: { current: 1, max: 5, remaining: 4, percentage: 20 },
      credits: { balance: 5, canDeploy: false },
      billing: {
        model: 'daily',
        dailyCostPerContainer: 1.17,
        currentDailyBurn: 1.17,
        runningContainers: 1,
        daysOfRunway: 4,
      },
      pricing: { deployment: 15, perDay: 1.17, totalForNewContainer: 15.25 },
    })
  })

  it('issues ECR credentials; missing fields → 400', async () => {
    const res = await sb.call(
      '/api/v1/containers/credentials',
      json('POST', { projectId: 'My-Agent', version: '1.0.0' }),
    )
    const { data } = await res.json()
    expect(data.ecrRepositoryUri).toBe(
      `000000000000.dkr.ecr.us-east-1.amazonaws.com/elizaos/${SEED.organizationId}/my-agent`,
    )
    expect(data.ecrImageUri).toBe(`${data.ecrRepositoryUri}:${data.ecrImageTag}`)
    expect(data.ecrImageTag).toMatch(/^1\.0\.0-\d{13}$/)
    expect(Buffer.from(data.authToken, 'base64').toString()).toMatch(/^AWS:/)
    const bad = await sb.call('/api/v1/containers/credentials', json('POST', { projectId: 'x' }))
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({
      success: false,
      error: 'Missing required fields: projectId, version',
    })
  })
})

describe('PATCH and DELETE /api/v1/containers/{id}', () => {
  it('PATCH validates with the cloud messages and insists on an ECR URI', async () => {
    const path = `/api/v1/containers/${SEED.containerId}`
    const cases: [unknown, string][] = [
      [{ ecr_image_uri: 'nginx:latest' }, 'Invalid ECR image URI format'],
      [{ cpu: 4096 }, 'CPU must be between 256 and 2048 units'],
      [{ memory: 256 }, 'Memory must be between 512 and 2048 MB'],
      [{ port: 0 }, 'Port must be between 1 and 65535'],
      [
        { desired_count: 3 },
        'No valid updates provided. Updatable fields: cpu, memory, port, ecr_image_uri',
      ],
    ]
    for (const [body, error] of cases) {
      const res = await sb.call(path, json('PATCH', body))
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual({ success: false, error })
    }
    const ok = await sb.call(path, json('PATCH', { cpu: '1024', ecr_image_uri: `${ECR}:2.0.0` }))
    expect(ok.status).toBe(200)
    const body = await ok.json()
    expect(body).toMatchObject({
      success: true,
      message: 'Container updated successfully',
      data: { cpu: 1024, status: 'running', image_tag: '2.0.0' },
    })
    const missing = await sb.call(
      '/api/v1/containers/00000000-0000-4000-8000-000000000000',
      json('PATCH', { cpu: 512 }),
    )
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ success: false, error: 'Container not found' })
  })

  it('DELETE refunds 75 % of the fee (whole dollars) within 2 h of a running container', async () => {
    await balance(100)
    const { id } = (await (await create({ ...cheap, cpu: undefined, memory: undefined })).json())
      .data
    expect((await get(id)).status).toBe('running')
    const res = await sb.call(`/api/v1/containers/${id}`, { method: 'DELETE' })
    expect(await res.json()).toEqual({
      success: true,
      message: 'Container deleted successfully',
      refundAmount: 11,
    })
    expect(await getBalance(sb.ctx.db, SEED.organizationId)).toBe(96)
    expect((await sb.call(`/api/v1/containers/${id}`)).status).toBe(404)
    // The demo container is two days old: no refund, no refundAmount.
    expect(
      await (await sb.call(`/api/v1/containers/${SEED.containerId}`, { method: 'DELETE' })).json(),
    ).toEqual({ success: true, message: 'Container deleted successfully' })
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

describe('strict mode', () => {
  it('answers the container routes exactly as in the default mode (no extension here)', async () => {
    const strict = await openTestSandbox({ strict: true })
    try {
      const res = await strict.call('/api/v1/containers', json('POST', cheap))
      expect(res.status).toBe(202)
      expect(res.headers.get('x-ratelimit-remaining')).toBe('4')
      const { id } = (await res.json()).data
      const detail = (await (await strict.call(`/api/v1/containers/${id}`)).json()).data
      expect(detail).toMatchObject({ status: 'running', environment_vars: {} })
      const logs = (await (await strict.call(`/api/v1/containers/${id}/logs`)).json()).data
      expect(logs.hasLogs).toBe(true)
      const failing = await strict.call(
        '/api/v1/containers',
        json('POST', { ...cheap, project_name: 'other', ecr_image_uri: `${ECR}:fail` }),
      )
      const failed = (await failing.json()).data
      expect(
        (await (await strict.call(`/api/v1/containers/${failed.id}`)).json()).data.status,
      ).toBe('failed')
    } finally {
      await strict.close()
    }
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
