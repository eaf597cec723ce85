// Contract: the platform A2A endpoint as the console reads it. The in-process sandbox answers
// the console's own call (src/features/a2a/api/rpc.ts, through the typed client and its one
// error reader) and the console's schemas parse it; in strict mode too (docs/a2a.md). A drift on
// either side fails here.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  buildMessageSend,
  buildProductExample,
  buildTasksCancel,
  buildTasksGet,
  emptyValues,
  rewriteToMessageSend,
  type SkillFormValues,
} from '@/features/a2a/api/message'
import { callA2a, type RpcExchange } from '@/features/a2a/api/rpc'
import { describeRpcError, rpcCodeOf } from '@/features/a2a/api/rpc-errors'
import { serviceSchema, type RpcRequest, type Task } from '@/features/a2a/api/schemas'
import { SKILL_CATALOG, skillSpec } from '@/features/a2a/api/skill-catalog'
import { setBalance } from '../sandbox/core/ledger.ts'
import { SEED } from '../sandbox/core/seed.ts'
import { openTestSandbox, SANDBOX_TIMEOUTS, type TestSandbox } from '../sandbox/core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
beforeEach(async () => {
  await sb.reset()
  sb.ctx.strict = false
  // The console's same-origin calls go to the sandbox, with its key (the proxy's job).
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
    sb.call(String(input), init),
  )
})
afterEach(() => vi.unstubAllGlobals())

const values = (skill: string, patch: Partial<SkillFormValues> = {}): SkillFormValues => {
  const base = emptyValues(skillSpec(skill))
  return { ...base, ...patch, args: { ...base.args, ...(patch.args ?? {}) } }
}
const send = (skill: string, patch: Partial<SkillFormValues> = {}) => {
  const { request, problems } = buildMessageSend(skill, values(skill, patch))
  expect(problems).toEqual({})
  return callA2a(request)
}
const taskOf = (exchange: RpcExchange): Task => {
  if (!exchange.outcome.ok) throw exchange.outcome.error
  return exchange.outcome.task
}
const errorOf = (exchange: RpcExchange) => {
  if (exchange.outcome.ok) throw new Error(`expected an error, got ${exchange.responseText}`)
  return exchange.outcome.error
}
const dataOf = (task: Task) =>
  task.status.message?.parts.find((p) => (p.type ?? p.kind) === 'data')?.data

describe('GET /api/a2a', () => {
  it('parses with serviceSchema and lists every skill of the console’s catalog', async () => {
    const service = serviceSchema.parse(await (await sb.call('/api/a2a', { key: null })).json())
    expect(service.methods.map((m) => m.name)).toEqual([
      'message/send',
      'tasks/get',
      'tasks/cancel',
    ])
    const ids = service.skills.map((s) => s.id)
    expect(ids).toHaveLength(17)
    expect([...ids].sort()).toEqual(SKILL_CATALOG.map((s) => s.id).sort())
  })
})

describe('message/send from the skill forms', () => {
  it('chat_completion: a completed task with a text reply and a usage artifact', async () => {
    const task = taskOf(
      await send('chat_completion', {
        text: 'Summarise our refund policy in one line.',
        taskId: 'contract-chat',
        args: { model: 'openai/gpt-4o-mini' },
      }),
    )
    expect(task.id).toBe('contract-chat')
    expect(task.status.state).toBe('completed')
    expect(task.status.message?.parts[0]).toMatchObject({ type: 'text' })
    expect(task.history?.map((m) => m.role)).toEqual(['user', 'agent'])
    const usage = task.artifacts?.find((a) => a.name === 'usage')?.parts[0]?.data as {
      model: string
      usage: { totalTokens: number }
      cost: number
    }
    expect(usage.model).toBe('openai/gpt-4o-mini')
    expect(usage.usage.totalTokens).toBeGreaterThan(0)
    expect(usage.cost).toBeGreaterThan(0)
  })

  it('check_balance and get_usage: data parts', async () => {
    const balance = dataOf(taskOf(await send('check_balance'))) as { balance: number }
    expect(typeof balance.balance).toBe('number')
    const usage = dataOf(taskOf(await send('get_usage', { args: { limit: '5' } }))) as {
      usage: unknown[]
      total: number
    }
    expect(Array.isArray(usage.usage)).toBe(true)
  })

  it('image_generation: a file part with base64 PNG bytes and a cost artifact', async () => {
    const task = taskOf(await send('image_generation', { args: { prompt: 'A red fox' } }))
    const file = task.status.message?.parts[0]
    expect(file).toMatchObject({ type: 'file', file: { mimeType: 'image/png' } })
    expect(file?.file?.bytes?.startsWith('iVBOR')).toBe(true)
    expect(task.artifacts?.[0]?.name).toBe('cost')
  })

  it('a hosted tool answers an honest -32603 in the sandbox, not a made-up result', async () => {
    const error = errorOf(await send('web_search', { args: { query: 'elizaOS' } }))
    expect(rpcCodeOf(error)).toBe(-32603)
    expect(error.status).toBe(500)
    expect(error.message).toMatch(/not available in the sandbox/)
  })

  it('strict mode: the console’s `type` parts work exactly as in the cloud', async () => {
    sb.ctx.strict = true
    const task = taskOf(await send('chat_completion', { text: 'Hello there' }))
    expect(task.status.state).toBe('completed')
    expect(task.status.message?.parts[0]).toEqual({ type: 'text', text: expect.any(String) })
    expect(JSON.stringify(task)).not.toContain('"kind"')
  })
})

describe('tasks/get and tasks/cancel', () => {
  it('tasks/get finds the task again, historyLength trims the history', async () => {
    taskOf(await send('check_balance', { taskId: 'contract-get' }))
    const full = taskOf(await callA2a(buildTasksGet('contract-get')))
    expect(full.history).toHaveLength(2)
    const last = taskOf(await callA2a(buildTasksGet('contract-get', 1)))
    expect(last.history).toHaveLength(1)
    expect(last.history?.[0]?.role).toBe('agent')
  })

  it('tasks/cancel of a completed task: HTTP 500 -32603 with the cloud’s words', async () => {
    taskOf(await send('check_balance', { taskId: 'contract-done' }))
    const exchange = await callA2a(buildTasksCancel('contract-done'))
    const error = errorOf(exchange)
    expect(exchange.status).toBe(500)
    expect(rpcCodeOf(error)).toBe(-32603)
    expect(error.message).toBe('Task contract-done is already in terminal state: completed')
    expect(describeRpcError(error).title).toBe('Internal error')
  })

  it('an unknown task: HTTP 404 -32001 "Task not found"', async () => {
    const exchange = await callA2a(buildTasksGet('no-such-task'))
    const error = errorOf(exchange)
    expect(exchange.status).toBe(404)
    expect(error.kind).toBe('not_found')
    expect(rpcCodeOf(error)).toBe(-32001)
    expect(error.message).toBe('Task not found: no-such-task')
  })
})

describe('error envelopes', () => {
  it('the product description’s tasks/send: HTTP 404 -32601; the rewrite completes', async () => {
    const example = buildProductExample()
    const exchange = await callA2a(example)
    expect(exchange.status).toBe(404)
    expect(JSON.parse(exchange.responseText ?? '')).toEqual({
      jsonrpc: '2.0',
      error: { code: -32601, message: 'Method not found: tasks/send' },
      id: example.id,
    })
    expect(describeRpcError(errorOf(exchange)).title).toBe('Method not found')
    const fixed = taskOf(await callA2a(rewriteToMessageSend(example)))
    expect(fixed.id).toBe('task-123')
    expect(fixed.status.state).toBe('completed')
  })

  it('no balance: HTTP 402 -32011, kind insufficient_credits with the amount needed', async () => {
    await setBalance(sb.ctx.db, SEED.organizationId, 0)
    const error = errorOf(await send('chat_completion', { text: 'Hello' }))
    expect(error.status).toBe(402)
    expect(error.kind).toBe('insufficient_credits')
    expect(rpcCodeOf(error)).toBe(-32011)
    expect(error.details.requiredUsd).toBeGreaterThan(0)
  })

  it('a missing id: HTTP 400 -32600; a body that is not JSON: -32700', async () => {
    const noId = {
      jsonrpc: '2.0',
      method: 'tasks/get',
      params: { id: 'x' },
    } as unknown as RpcRequest
    const invalid = errorOf(await callA2a(noId))
    expect([invalid.status, rpcCodeOf(invalid)]).toEqual([400, -32600])
    const res = await sb.call('/api/a2a', {
      method: 'POST',
      body: '{',
      headers: { 'Content-Type': 'application/json' },
    })
    expect(res.status).toBe(400)
    expect((await res.json()).error.code).toBe(-32700)
  })

  it('a refused key: HTTP 401 -32010', async () => {
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
      sb.call(String(input), { ...init, key: `eliza_${'0'.repeat(64)}` }),
    )
    const error = errorOf(await callA2a(buildTasksGet('x')))
    expect([error.status, rpcCodeOf(error), error.kind]).toEqual([401, -32010, 'unauthorized'])
  })
})
