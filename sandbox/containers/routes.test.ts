// Containers against docs/cloud/containers.md §2–§6 (list, create, update, delete) and strict mode.

import { cheap, containerHelpers, ECR, json } from './test-helpers.ts'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import { getBalance } from '../core/ledger.ts'

import { SEED } from '../core/seed.ts'

import {
  openTestSandbox,
  SANDBOX_TIMEOUTS,
  type TestSandbox,
  UNKNOWN_KEY,
} from '../core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
beforeEach(() => sb.reset())

const { create, balance, get } = containerHelpers(() => sb)

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
