// Containers against docs/cloud/containers.md §1, §7–§12: credentials, logs, live logs, metrics, health, quota.

import { containerHelpers, json, type StreamedLog } from './test-helpers.ts'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import { parseLine } from './logs.ts'

import { STREAM_BATCH_MAX } from './stream.ts'
import { SEED } from '../core/seed.ts'

import { openTestSandbox, SANDBOX_TIMEOUTS, type TestSandbox } from '../core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
beforeEach(() => sb.reset())

const { readStream } = containerHelpers(() => sb)

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
    // Lines are made from the clock as they are read: a line may have been printed between the
    // two calls. Up to the newest line of the first read, both answers hold the same lines.
    const newest = all.reduce((max, l) => (l.timestamp > max ? l.timestamp : max), pivot)
    expect(since.logs.filter((l: StreamedLog) => l.timestamp <= newest)).toEqual(
      all.filter((l) => l.timestamp >= pivot),
    )
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
    // The first batch may already hold a line printed after startedAt: wait for more than it.
    const logs = await readStream(
      SEED.containerId,
      (l) => l.length > 50 && l.some((e) => e.timestamp > startedAt),
    )
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
