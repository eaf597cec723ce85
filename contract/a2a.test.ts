// Contract: every answer of the a2a family (the platform A2A endpoint, the public directory, agent
// cards, per-agent JSON-RPC), produced by the in-process sandbox and read with the console's own
// code: its calls (src/features/a2a/api/rpc.ts), schemas (src/features/{a2a,discover}/api/) and
// error readers (src/lib/api-error.ts, src/features/discover/api/chat.ts); in strict mode too
// (docs/a2a.md, docs/discover.md). A drift on either side fails here.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { clonedAgentSchema } from '@/features/agents/api/schemas'
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
import {
  rpcTaskSuccessSchema,
  serviceSchema,
  type RpcRequest,
  type Task,
} from '@/features/a2a/api/schemas'
import { SKILL_CATALOG, skillSpec } from '@/features/a2a/api/skill-catalog'
import { cardRefusal } from '@/features/discover/api/card-refusal'
import { agentRpcError } from '@/features/discover/api/chat'
import { DIRECTORY_LIMIT, mergeDirectory } from '@/features/discover/api/directory'
import {
  agentCardSchema,
  agentChatResultSchema,
  agentRpcResponseSchema,
  discoveryPageSchema,
} from '@/features/discover/api/schemas'
import { DIRECTORY_SEED } from '../sandbox/a2a/directory-seed.ts'
import { setBalance } from '../sandbox/core/ledger.ts'
import { SEED } from '../sandbox/core/seed.ts'
import { UNKNOWN_KEY } from '../sandbox/core/test-utils.ts'
import { contractFor } from './harness.ts'

const contract = contractFor(['a2a'], {
  notProduced: {
    'POST /api/a2a 403':
      'no sandbox skill fails with a "suspended"/"banned" message (the mapping to -32013 is unit-tested in sandbox/a2a/protocol.test.ts)',
  },
})
const { parses, refuses } = contract

/** The answer the console's last fetch got; the console reads a copy of it. */
let last: Response | undefined
const stubFetch = (key?: string) =>
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const res = await contract.sb.call(String(input), {
      ...init,
      ...(key === undefined ? {} : { key }),
    })
    last = res
    return res.clone()
  })
const lastAnswer = () => {
  if (!last) throw new Error('the console made no call')
  return last
}

beforeEach(async () => {
  await contract.sb.reset()
  contract.sb.ctx.strict = false
  contract.sb.ctx.limiter.clear()
  last = undefined
  // The console's same-origin calls go to the sandbox, with its key (the proxy's job).
  stubFetch()
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
/** The task of the console's last call, its raw answer parsed with the console's envelope. */
const taskOf = async (exchange: RpcExchange): Promise<Task> => {
  if (!exchange.outcome.ok) throw exchange.outcome.error
  const envelope = await parses(lastAnswer(), rpcTaskSuccessSchema)
  expect(envelope.result.id).toBe(exchange.outcome.task.id)
  return exchange.outcome.task
}
/** The console's error for its last call; the raw answer read by the console's error reader. */
const errorOf = async (exchange: RpcExchange, status: number) => {
  if (exchange.outcome.ok) throw new Error(`expected an error, got ${exchange.responseText}`)
  const read = await refuses(lastAnswer(), status)
  expect(read.message).toBe(exchange.outcome.error.message)
  return exchange.outcome.error
}
const dataOf = (task: Task) =>
  task.status.message?.parts.find((p) => (p.type ?? p.kind) === 'data')?.data

const CODE_REVIEWER = DIRECTORY_SEED.agents.codeReviewer
const [SUPPORT_BOT] = SEED.agentIds
const NO_AGENT = '00000000-0000-4000-8000-000000000000'
const post = (path: string, body: string, key?: string) =>
  contract.sb.call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
    ...(key === undefined ? {} : { key }),
  })
const rpc = (agentId: string, body: unknown, key?: string) =>
  post(`/api/agents/${agentId}/a2a`, JSON.stringify(body), key)
const chat = (agentId: string, params: unknown) =>
  rpc(agentId, { jsonrpc: '2.0', id: 'c1', method: 'chat', params })
/** Calls until the limiter refuses (at most `limit` + 1 calls) and returns the refusal. */
const untilRefused = async (limit: number, call: () => Promise<Response>) => {
  for (let i = 0; i < limit; i++) {
    const res = await call()
    expect(res.status, `call ${i + 1} of ${limit} is within the limit`).not.toBe(429)
    await res.arrayBuffer()
  }
  return call()
}

describe('GET /api/a2a', () => {
  it('parses with serviceSchema and lists every skill of the console’s catalog', async () => {
    const service = await parses(await contract.sb.call('/api/a2a', { key: null }), serviceSchema)
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

describe('POST /api/a2a message/send from the skill forms', () => {
  it('chat_completion: a completed task with a text reply and a usage artifact', async () => {
    const task = await taskOf(
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
    const balance = dataOf(await taskOf(await send('check_balance'))) as { balance: number }
    expect(typeof balance.balance).toBe('number')
    const usage = dataOf(await taskOf(await send('get_usage', { args: { limit: '5' } }))) as {
      usage: unknown[]
      total: number
    }
    expect(Array.isArray(usage.usage)).toBe(true)
  })

  it('image_generation: a file part with base64 PNG bytes and a cost artifact', async () => {
    const task = await taskOf(await send('image_generation', { args: { prompt: 'A red fox' } }))
    const file = task.status.message?.parts[0]
    expect(file).toMatchObject({ type: 'file', file: { mimeType: 'image/png' } })
    expect(file?.file?.bytes?.startsWith('iVBOR')).toBe(true)
    expect(task.artifacts?.[0]?.name).toBe('cost')
  })

  it('strict mode: the console’s `type` parts work exactly as in the cloud', async () => {
    contract.sb.ctx.strict = true
    try {
      const task = await taskOf(await send('chat_completion', { text: 'Hello there' }))
      expect(task.status.state).toBe('completed')
      expect(task.status.message?.parts[0]).toEqual({ type: 'text', text: expect.any(String) })
      expect(JSON.stringify(task)).not.toContain('"kind"')
    } finally {
      contract.sb.ctx.strict = false
    }
  })
})

describe('POST /api/a2a tasks/get and tasks/cancel', () => {
  it('tasks/get finds the task again, historyLength trims the history', async () => {
    await taskOf(await send('check_balance', { taskId: 'contract-get' }))
    const full = await taskOf(await callA2a(buildTasksGet('contract-get')))
    expect(full.history).toHaveLength(2)
    const lastOne = await taskOf(await callA2a(buildTasksGet('contract-get', 1)))
    expect(lastOne.history).toHaveLength(1)
    expect(lastOne.history?.[0]?.role).toBe('agent')
  })

  it('tasks/cancel of a completed task: HTTP 500 -32603 with the cloud’s words', async () => {
    await taskOf(await send('check_balance', { taskId: 'contract-done' }))
    const exchange = await callA2a(buildTasksCancel('contract-done'))
    const error = await errorOf(exchange, 500)
    expect(rpcCodeOf(error)).toBe(-32603)
    expect(error.message).toBe('Task contract-done is already in terminal state: completed')
    expect(describeRpcError(error).title).toBe('Internal error')
  })

  it('an unknown task: HTTP 404 -32001 "Task not found"', async () => {
    const error = await errorOf(await callA2a(buildTasksGet('no-such-task')), 404)
    expect(error.kind).toBe('not_found')
    expect(rpcCodeOf(error)).toBe(-32001)
    expect(error.message).toBe('Task not found: no-such-task')
  })
})

describe('POST /api/a2a error envelopes', () => {
  it('the product description’s tasks/send: HTTP 404 -32601; the rewrite completes', async () => {
    const example = buildProductExample()
    const exchange = await callA2a(example)
    expect(JSON.parse(exchange.responseText ?? '')).toEqual({
      jsonrpc: '2.0',
      error: { code: -32601, message: 'Method not found: tasks/send' },
      id: example.id,
    })
    expect(describeRpcError(await errorOf(exchange, 404)).title).toBe('Method not found')
    const fixed = await taskOf(await callA2a(rewriteToMessageSend(example)))
    expect(fixed.id).toBe('task-123')
    expect(fixed.status.state).toBe('completed')
  })

  it('a hosted tool answers an honest -32603 in the sandbox, not a made-up result', async () => {
    const error = await errorOf(await send('web_search', { args: { query: 'elizaOS' } }), 500)
    expect(rpcCodeOf(error)).toBe(-32603)
    expect(error.message).toMatch(/not available in the sandbox/)
  })

  it('no balance: HTTP 402 -32011, kind insufficient_credits with the amount needed', async () => {
    await setBalance(contract.sb.ctx.db, SEED.organizationId, 0)
    const error = await errorOf(await send('chat_completion', { text: 'Hello' }), 402)
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
    const invalid = await errorOf(await callA2a(noId), 400)
    expect([invalid.kind, rpcCodeOf(invalid)]).toEqual(['invalid', -32600])
    const parseError = await refuses(await post('/api/a2a', '{'), 400)
    expect([parseError.kind, rpcCodeOf(parseError)]).toEqual(['invalid', -32700])
  })

  it('a refused key: HTTP 401 -32010', async () => {
    stubFetch(UNKNOWN_KEY)
    const error = await errorOf(await callA2a(buildTasksGet('x')), 401)
    expect([rpcCodeOf(error), error.kind]).toEqual([-32010, 'unauthorized'])
  })

  it('the organization’s 101st call in a minute: HTTP 429 -32012, read as rate limited', async () => {
    const unknownMethod = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'nope', params: {} })
    const refused = await untilRefused(100, () => post('/api/a2a', unknownMethod))
    const error = await refuses(refused, 429)
    expect([error.kind, rpcCodeOf(error)]).toEqual(['rate_limited', -32012])
  })
})

describe('GET /api/v1/discovery', () => {
  it('the first page of each type parses and merges into the whole directory', async () => {
    const answers = await Promise.all(
      (['agent', 'mcp'] as const).map(async (type) => ({
        type,
        page: await parses(
          await contract.sb.call(
            `/api/v1/discovery?types=${type}&limit=${DIRECTORY_LIMIT}&offset=0`,
            { key: null },
          ),
          discoveryPageSchema,
        ),
      })),
    )
    const merged = mergeDirectory(answers)
    expect(merged.services.filter((s) => s.type === 'agent')).toHaveLength(11)
    expect(merged.services.filter((s) => s.type === 'mcp')).toHaveLength(5)
    expect(merged.truncatedTypes).toEqual([])
    const remy = merged.services.find((s) => s.id === DIRECTORY_SEED.agents.chefRemy)
    expect(remy).toMatchObject({
      pricing: { type: 'credits' },
      image: expect.stringMatching(/^data:image/),
    })
  })

  it('a 400 for a bad limit reads as invalid with field errors', async () => {
    const error = await refuses(await contract.sb.call('/api/v1/discovery?limit=500'), 400)
    expect(error.kind).toBe('invalid')
    expect(error.details.fieldErrors?.limit).toBeDefined()
  })

  it('the 61st call in a minute: 429 read as rate limited with its Retry-After', async () => {
    const page = () => contract.sb.call('/api/v1/discovery?types=agent', { key: null })
    const refused = await untilRefused(60, page)
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0)
    const error = await refuses(refused, 429)
    expect(error.kind).toBe('rate_limited')
  })
})

describe('GET /api/agents/{id}/a2a (agent card)', () => {
  it('parses, with the markup of a monetized agent', async () => {
    const card = await parses(
      await contract.sb.call(`/api/agents/${CODE_REVIEWER}/a2a`, { key: null }),
      agentCardSchema,
    )
    expect(card.skills.map((s) => s.id)).toEqual(['chat', 'generate_image'])
    expect(card.skills[0]?.pricing?.markupPercentage).toBe(25)
    expect(card.capabilities?.streaming).toBe(true)
  })

  it('403 for a private agent and 404 for an unknown one read as the server says', async () => {
    const priv = await refuses(await contract.sb.call(`/api/agents/${SUPPORT_BOT}/a2a`), 403)
    expect(priv).toMatchObject({ kind: 'forbidden', message: 'Agent is not public' })
    expect(cardRefusal(priv)?.message).toBe('Agent is not public')
    const gone = await refuses(await contract.sb.call(`/api/agents/${NO_AGENT}/a2a`), 404)
    expect(gone.kind).toBe('not_found')
    expect(cardRefusal(gone)?.title).toBe('No such agent')
  })

  it('a non-UUID id: an empty 500 (E9), read as a server error', async () => {
    const error = await refuses(await contract.sb.call('/api/agents/not-a-uuid/a2a'), 500)
    expect(error.kind).toBe('server')
  })

  it('the 61st call in a minute: 429 read as rate limited', async () => {
    const card = () => contract.sb.call(`/api/agents/${CODE_REVIEWER}/a2a`)
    const error = await refuses(await untilRefused(60, card), 429)
    expect(error.kind).toBe('rate_limited')
  })
})

describe('POST /api/agents/{id}/a2a (per-agent JSON-RPC)', () => {
  it('a chat reply parses with its cost split into base and markup', async () => {
    const res = await chat(CODE_REVIEWER, {
      messages: [{ role: 'user', content: 'Review: x = 1' }],
    })
    const body = await parses(res, agentRpcResponseSchema)
    expect(body.error).toBeUndefined()
    const result = agentChatResultSchema.parse(body.result)
    expect(result.cost.markup).toBeGreaterThan(0)
    expect(result.cost.total).toBeCloseTo(result.cost.base + result.cost.markup, 10)
  })

  it('-32602 (no messages) arrives with HTTP 200 and maps to invalid', async () => {
    const body = await parses(await chat(CODE_REVIEWER, {}), agentRpcResponseSchema)
    expect(body.error?.code).toBe(-32602)
    expect(agentRpcError(body.error!.code, body.error!.message, 200).kind).toBe('invalid')
  })

  it('-32003 (empty balance) arrives with HTTP 200 and maps to insufficient_credits', async () => {
    await setBalance(contract.sb.ctx.db, SEED.organizationId, 0)
    const res = await chat(CODE_REVIEWER, { messages: [{ role: 'user', content: 'Hi' }] })
    const body = await parses(res, agentRpcResponseSchema)
    expect(body.error?.code).toBe(-32003)
    const error = agentRpcError(body.error!.code, body.error!.message, 200)
    expect(error.kind).toBe('insufficient_credits')
    expect(error.details.requiredUsd).toBeGreaterThan(0)
  })

  it('-32000 (model failure) arrives with HTTP 200 and maps to server', async () => {
    const res = await chat(CODE_REVIEWER, {
      messages: [{ role: 'user', content: 'Hi' }],
      model: 'no-such-model',
    })
    const body = await parses(res, agentRpcResponseSchema)
    expect(body.error?.code).toBe(-32000)
    expect(agentRpcError(body.error!.code, body.error!.message, 200).kind).toBe('server')
  })

  it('400: an unknown method (-32601) and an envelope that is not JSON-RPC (-32700)', async () => {
    const unknown = await refuses(
      await rpc(CODE_REVIEWER, { jsonrpc: '2.0', id: 'm', method: 'nope', params: {} }),
      400,
    )
    // The console only sends `chat`; the shared reader maps -32601 to not_found whatever the status.
    expect([unknown.message, rpcCodeOf(unknown)]).toEqual(['Method not found', -32601])
    const envelope = await refuses(await rpc(CODE_REVIEWER, { hello: 'world' }), 400)
    expect([envelope.kind, rpcCodeOf(envelope)]).toEqual(['invalid', -32700])
  })

  it('401 -32002 for a refused key, read as unauthorized', async () => {
    const res = await chat(CODE_REVIEWER, { messages: [{ role: 'user', content: 'Hi' }] })
    await res.arrayBuffer()
    const refused = await rpc(
      CODE_REVIEWER,
      { jsonrpc: '2.0', id: 'k', method: 'chat', params: {} },
      UNKNOWN_KEY,
    )
    const error = await refuses(refused, 401)
    expect([error.kind, rpcCodeOf(error)]).toEqual(['unauthorized', -32002])
  })

  it('403 -32001 for a private agent, 404 -32001 for an unknown one', async () => {
    const hi = { messages: [{ role: 'user', content: 'Hi' }] }
    const priv = await refuses(await chat(SUPPORT_BOT, hi), 403)
    expect([priv.kind, rpcCodeOf(priv)]).toEqual(['forbidden', -32001])
    const gone = await refuses(await chat(NO_AGENT, hi), 404)
    expect([gone.kind, rpcCodeOf(gone)]).toEqual(['not_found', -32001])
  })

  it('a body that is not JSON: an empty 500 (E9), read as a server error', async () => {
    const error = await refuses(await post(`/api/agents/${CODE_REVIEWER}/a2a`, '{'), 500)
    expect(error.kind).toBe('server')
  })

  it('the 61st call in a minute: 429 read as rate limited', async () => {
    const hi = () => chat(NO_AGENT, { messages: [{ role: 'user', content: 'Hi' }] })
    const error = await refuses(await untilRefused(60, hi), 429)
    expect(error.kind).toBe('rate_limited')
  })
})

describe('fork', () => {
  it("cloning another organization's public agent parses as the caller's new agent", async () => {
    const res = await post(
      `/api/my-agents/characters/${CODE_REVIEWER}/clone`,
      JSON.stringify({ name: 'My Reviewer' }),
    )
    const agent = await parses(res, clonedAgentSchema)
    expect(agent).toMatchObject({ name: 'My Reviewer', isPublic: false })
    expect(agent.id).not.toBe(CODE_REVIEWER)
  })
})
