// The platform A2A endpoint /api/a2a (description, JSON-RPC, tasks, the kind extension, the skills)
// against docs/cloud/a2a-discovery.md.
import { describe, expect, it } from 'vitest'
import { getBalance, setBalance } from '../core/ledger.ts'
import { SEED } from '../core/seed.ts'
import { UNKNOWN_KEY } from '../core/test-utils.ts'
import { dataOf, LORE_KEEPER, useA2aSandbox } from './test-helpers.ts'

const { sb, rpc, send, skill, ledgerRows } = useA2aSandbox()

describe('GET /api/a2a and the platform card', () => {
  it('describes the service with its three methods and 17 skills', async () => {
    const res = await sb().call('/api/a2a', { key: null })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({
      name: 'Eliza Cloud A2A',
      protocolVersion: '0.3.0',
      protocol: 'JSON-RPC 2.0',
      agentCard: '/.well-known/agent-card.json',
    })
    expect(body.methods.map((m: { name: string }) => m.name)).toEqual([
      'message/send',
      'tasks/get',
      'tasks/cancel',
    ])
    expect(body.skills).toHaveLength(17)
    expect(body.skills[0]).toEqual({
      id: 'chat_completion',
      description: 'Generate text with LLMs',
    })
  })

  it('has no /.well-known/agent-card.json (advertised, but 404 in the cloud)', async () => {
    expect((await sb().call('/.well-known/agent-card.json', { key: null })).status).toBe(404)
  })
})

describe('POST /api/a2a envelope, auth and limits', () => {
  it('answers invalid JSON with HTTP 400 -32700 and id null, before auth', async () => {
    const res = await rpc('{nope', { key: null })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      jsonrpc: '2.0',
      error: { code: -32700, message: 'Parse error: Invalid JSON' },
      id: null,
    })
  })

  it.each([
    ['missing id', { jsonrpc: '2.0', method: 'tasks/get', params: { id: 'x' } }],
    ['wrong jsonrpc', { jsonrpc: '1.0', method: 'tasks/get', id: 1 }],
    ['params not an object', { jsonrpc: '2.0', method: 'tasks/get', params: ['x'], id: 1 }],
    ['a batch', [{ jsonrpc: '2.0', method: 'tasks/get', id: 1 }]],
  ])('answers %s with HTTP 400 -32600', async (_, body) => {
    const res = await rpc(body)
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      jsonrpc: '2.0',
      error: { code: -32600, message: 'Invalid Request: Does not conform to JSON-RPC 2.0' },
      id: null,
    })
  })

  it('answers tasks/send with HTTP 404 -32601 and echoes the id', async () => {
    const res = await rpc({ jsonrpc: '2.0', method: 'tasks/send', params: {}, id: 'r1' })
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({
      jsonrpc: '2.0',
      error: { code: -32601, message: 'Method not found: tasks/send' },
      id: 'r1',
    })
  })

  it('accepts id null', async () => {
    const res = await rpc({ jsonrpc: '2.0', method: 'tasks/get', params: { id: 'x' }, id: null })
    expect(res.status).toBe(404)
    expect((await res.json()).id).toBeNull()
  })

  it('answers a missing or bad key with HTTP 401 -32010 and the auth message', async () => {
    const body = { jsonrpc: '2.0', method: 'tasks/get', params: { id: 'x' }, id: 3 }
    const none = await rpc(body, { key: null })
    expect(none.status).toBe(401)
    expect(await none.json()).toEqual({
      jsonrpc: '2.0',
      error: { code: -32010, message: 'Authentication required' },
      id: 3,
    })
    const bad = await rpc(body, { key: UNKNOWN_KEY })
    expect(bad.status).toBe(401)
    expect((await bad.json()).error.message).toBe('Invalid or expired API key')
  })

  it('limits each organization to 100 requests a minute, answered as -32012 without headers', async () => {
    const body = { jsonrpc: '2.0', method: 'tasks/get', params: { id: 'x' }, id: 1 }
    for (let i = 0; i < 100; i++) expect((await rpc(body)).status).toBe(404)
    const res = await rpc(body)
    expect(res.status).toBe(429)
    expect(res.headers.get('x-ratelimit-limit')).toBeNull()
    expect(res.headers.get('retry-after')).toBeNull()
    expect(await res.json()).toEqual({
      jsonrpc: '2.0',
      error: { code: -32012, message: 'Rate limited' },
      id: 1,
    })
  })
})

describe('message/send, tasks/get, tasks/cancel', () => {
  const example = [
    { type: 'text', text: 'Summarise our refund policy in one line.' },
    { type: 'data', data: { skill: 'chat_completion', model: 'openai/gpt-4o-mini' } },
  ]

  it('returns a completed task under params.metadata.taskId, with usage, and bills it', async () => {
    const before = await getBalance(sb().ctx.db, SEED.organizationId)
    const res = await rpc({
      jsonrpc: '2.0',
      id: 7,
      method: 'message/send',
      params: {
        id: 'ignored',
        message: { role: 'user', parts: example },
        metadata: { taskId: 'task-001' },
      },
    })
    expect(res.status).toBe(200)
    const { result, id } = await res.json()
    expect(id).toBe(7)
    expect(result).toMatchObject({
      id: 'task-001',
      contextId: expect.any(String),
      metadata: { taskId: 'task-001' },
      status: { state: 'completed', message: { role: 'agent' }, timestamp: expect.any(String) },
    })
    expect(result.history).toHaveLength(2)
    expect(result.history[0]).toEqual({ role: 'user', parts: example })
    const reply = result.status.message.parts[0]
    expect(reply).toMatchObject({ type: 'text', text: expect.stringMatching(/\w/) })
    const usage = result.artifacts[0]
    expect(usage).toMatchObject({ name: 'usage', description: 'Token usage and cost information' })
    const data = usage.parts[0].data
    expect(data.model).toBe('openai/gpt-4o-mini')
    expect(data.usage.totalTokens).toBe(data.usage.inputTokens + data.usage.outputTokens)
    expect(data.cost).toBeGreaterThan(0)
    // Reserved, then the unused part refunded: the balance drops by the cost (to 6 decimals).
    const after = await getBalance(sb().ctx.db, SEED.organizationId)
    expect(before - after).toBeCloseTo(data.cost, 5)
    const { rows } = await sb().ctx.db.query<{ description: string }>(
      `SELECT description FROM credit_transactions WHERE metadata->>'type' = 'a2a' ORDER BY created_at`,
    )
    expect(rows.map((r) => r.description)).toEqual([
      'A2A chat: openai/gpt-4o-mini (reserved)',
      'A2A chat: openai/gpt-4o-mini (refund)',
    ])
  })

  it('treats text without a skill as chat_completion with the default model gpt-4o', async () => {
    const res = await send([{ type: 'text', text: 'Hello there' }])
    const { result } = await res.json()
    expect(result.artifacts[0].parts[0].data.model).toBe('gpt-4o')
    expect(result.id).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('falls back to chat without a usage artifact for an unknown skill', async () => {
    const res = await skill('does_not_exist', {}, 'Hi')
    const { result } = await res.json()
    expect(result.status.state).toBe('completed')
    expect(result.status.message.parts[0].type).toBe('text')
    expect(result.artifacts).toBeUndefined()
  })

  it('trims history with tasks/get historyLength and keeps tasks per organization', async () => {
    await send(example, { taskId: 'task-h' })
    const get = (params: Record<string, unknown>) =>
      rpc({ jsonrpc: '2.0', id: 2, method: 'tasks/get', params })
    const last = (await (await get({ id: 'task-h', historyLength: 1 })).json()).result
    expect(last.history).toHaveLength(1)
    expect(last.history[0].role).toBe('agent')
    expect((await (await get({ id: 'task-h' })).json()).result.history).toHaveLength(2)

    const { rows } = await sb().ctx.db.query<{ id: string }>(
      `INSERT INTO organizations (name) VALUES ('Other Org') RETURNING id`,
    )
    await sb().ctx.db.query('UPDATE a2a_tasks SET organization_id = $1 WHERE id = $2', [
      rows[0]?.id,
      'task-h',
    ])
    const other = await get({ id: 'task-h' })
    expect(other.status).toBe(404)
    expect(await other.json()).toEqual({
      jsonrpc: '2.0',
      error: { code: -32001, message: 'Task not found: task-h' },
      id: 2,
    })
  })

  it('cancels only a task that is not terminal, i.e. one whose skill failed', async () => {
    const failed = await send(
      [{ type: 'data', data: { skill: 'chat_with_agent', message: 'hi' } }],
      { taskId: 'task-c' },
    )
    expect(failed.status).toBe(500)
    expect((await failed.json()).error).toEqual({
      code: -32603,
      message: 'agentId or roomId required',
    })
    const cancel = (id: string) =>
      rpc({ jsonrpc: '2.0', id: 9, method: 'tasks/cancel', params: { id } })
    const stored = await rpc({
      jsonrpc: '2.0',
      id: 1,
      method: 'tasks/get',
      params: { id: 'task-c' },
    })
    expect((await stored.json()).result.status.state).toBe('working')
    const canceled = await cancel('task-c')
    expect(canceled.status).toBe(200)
    expect((await canceled.json()).result.status.state).toBe('canceled')
    const again = await cancel('task-c')
    expect(again.status).toBe(500)
    expect((await again.json()).error).toEqual({
      code: -32603,
      message: 'Task task-c is already in terminal state: canceled',
    })
    expect((await cancel('nope')).status).toBe(404)
  })

  it('answers a message without parts with HTTP 500 -32603', async () => {
    const res = await send([])
    expect(res.status).toBe(500)
    expect((await res.json()).error).toEqual({
      code: -32603,
      message: 'Message must contain at least one part',
    })
  })

  it('answers an empty balance with HTTP 402 -32011, writing nothing', async () => {
    await setBalance(sb().ctx.db, SEED.organizationId, 0)
    const rowsBefore = await ledgerRows()
    const res = await send(example, { taskId: 'task-poor' })
    expect(res.status).toBe(402)
    const { error } = await res.json()
    expect(error.code).toBe(-32011)
    expect(error.message).toMatch(/^Insufficient credits: need \$0\.\d{4}, have \$0\.0000$/)
    expect(await ledgerRows()).toBe(rowsBefore)
    expect(await getBalance(sb().ctx.db, SEED.organizationId)).toBe(0)
  })

  it('persists tasks in PGlite with a one-hour expiry', async () => {
    await send(example, { taskId: 'task-ttl' })
    const { rows } = await sb().ctx.db.query<{ seconds: number }>(
      `SELECT extract(epoch FROM expires_at - now())::int AS seconds FROM a2a_tasks WHERE id = 'task-ttl'`,
    )
    expect(rows[0]?.seconds).toBeGreaterThan(3590)
    await sb().ctx.db.query(`UPDATE a2a_tasks SET expires_at = now() - interval '1 second'`)
    const res = await rpc({
      jsonrpc: '2.0',
      id: 1,
      method: 'tasks/get',
      params: { id: 'task-ttl' },
    })
    expect(res.status).toBe(404)
  })
})

describe('the kind extension (README "Sandbox policy")', () => {
  const kindParts = [{ kind: 'text', text: 'Tell me about ENIAC.' }]

  it('reads kind parts and answers with type and kind, a task kind and message ids', async () => {
    const { result } = await (await send(kindParts)).json()
    expect(result.kind).toBe('task')
    expect(result.status.message).toMatchObject({ kind: 'message', messageId: expect.any(String) })
    expect(result.status.message.parts[0]).toMatchObject({ type: 'text', kind: 'text' })
    // Text was read, so it went through chat_completion and has its usage artifact.
    expect(result.artifacts[0].parts[0]).toMatchObject({ type: 'data', kind: 'data' })
    expect(result.artifacts[0].parts[0].data.usage.inputTokens).toBeGreaterThan(8)
  })

  it('in strict mode degrades kind parts to an empty prompt and answers in the cloud shape', async () => {
    sb().ctx.strict = true
    const { result } = await (await send(kindParts)).json()
    expect(result).not.toHaveProperty('kind')
    expect(result.status.message).toEqual({
      role: 'agent',
      parts: [{ type: 'text', text: expect.any(String) }],
    })
    // Empty text and no skill → the fallback branch: no usage artifact.
    expect(result.artifacts).toBeUndefined()
  })
})

describe('platform skills', () => {
  it('check_balance, get_user_profile and list_agents read the organization', async () => {
    expect(await dataOf(await skill('check_balance'))).toEqual({
      balance: 5,
      organizationId: SEED.organizationId,
      organizationName: 'Sandbox Org',
    })
    const profile = await dataOf(await skill('profile'))
    expect(profile.user).toMatchObject({
      id: SEED.userId,
      email: 'dev@sandbox.invalid',
      organizationId: SEED.organizationId,
    })
    const agents = await dataOf(await skill('list_agents', { limit: 2 }))
    expect(agents.total).toBe(3)
    expect(agents.agents).toHaveLength(2)
    expect(Object.keys(agents.agents[0]).sort()).toEqual([
      'avatarUrl',
      'bio',
      'createdAt',
      'id',
      'name',
    ])
    expect(agents.agents[0].bio).toEqual(expect.any(Array))
  })

  it('get_usage lists the billed calls', async () => {
    await send([{ type: 'text', text: 'Hello' }])
    const usage = await dataOf(await skill('get_usage'))
    expect(usage.total).toBe(1)
    expect(usage.usage[0]).toMatchObject({
      type: 'chat',
      model: 'gpt-4o',
      totalCost: expect.any(Number),
    })
  })

  it('image_generation returns a PNG file part and a cost artifact', async () => {
    const res = await skill('image_generation', { aspectRatio: '16:9' }, 'A lighthouse at dusk')
    const { result } = await res.json()
    const file = result.status.message.parts[0]
    expect(file.type).toBe('file')
    expect(file.file.mimeType).toBe('image/png')
    const png = Buffer.from(file.file.bytes, 'base64')
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect(png.readUInt32BE(16)).toBe(768) // width of 16:9
    expect(result.artifacts[0]).toMatchObject({ name: 'cost', parts: [{ data: { cost: 0.0468 } }] })
    expect(await getBalance(sb().ctx.db, SEED.organizationId)).toBeCloseTo(5 - 0.0468, 6)
    const missing = await skill('image_generation')
    expect(missing.status).toBe(500)
    expect((await missing.json()).error.message).toBe('Image prompt required')
  })

  it('save, retrieve and delete memories; saving costs $1', async () => {
    const saved = await dataOf(
      await skill('save_memory', { roomId: 'room-1', content: 'The user prefers tea over coffee' }),
    )
    expect(saved).toMatchObject({ memoryId: expect.any(String), cost: 1 })
    expect(await getBalance(sb().ctx.db, SEED.organizationId)).toBe(4)
    const found = await dataOf(await skill('retrieve_memories', { query: 'tea' }))
    expect(found.count).toBe(1)
    expect(found.memories[0]).toMatchObject({ id: saved.memoryId, score: 1 })
    expect(await dataOf(await skill('delete_memory', { memoryId: saved.memoryId }))).toEqual({
      success: true,
      memoryId: saved.memoryId,
    })
    expect((await dataOf(await skill('retrieve_memories', { query: 'tea' }))).count).toBe(0)
    const invalid = await skill('save_memory', { content: 'x' })
    expect((await invalid.json()).error.message).toBe('content and roomId required')
  })

  it('create_conversation and get_conversation_context; an unknown one is -32001', async () => {
    const created = await dataOf(await skill('create_conversation', { title: 'Plans' }))
    expect(created).toMatchObject({ title: 'Plans', model: 'gpt-4o', cost: 1 })
    const context = await dataOf(
      await skill('get_conversation_context', { conversationId: created.conversationId }),
    )
    expect(context.context).toMatchObject({ id: created.conversationId, title: 'Plans' })
    const missing = await skill('get_conversation_context', {
      conversationId: '00000000-0000-4000-8000-000000000000',
    })
    expect(missing.status).toBe(404)
    expect((await missing.json()).error).toEqual({
      code: -32001,
      message: 'Conversation not found',
    })
  })

  it('chat_with_agent answers in the agent persona and keeps a room', async () => {
    const first = await skill('chat_with_agent', { agentId: LORE_KEEPER }, 'Who built ENIAC?')
    const body = await first.json()
    expect(first.status).toBe(200)
    expect(body.result.status.message.parts[0].text).toMatch(/\w/)
    const { rows } = await sb().ctx.db.query<{ id: string; n: number }>(
      'SELECT id, jsonb_array_length(messages) AS n FROM a2a_rooms',
    )
    expect(rows).toEqual([{ id: expect.any(String), n: 2 }])
    const again = await skill('chat_with_agent', { roomId: rows[0]?.id, message: 'And then?' })
    expect(again.status).toBe(200)
    const unknown = await skill('chat_with_agent', {
      agentId: '00000000-0000-4000-8000-000000000000',
      message: 'hi',
    })
    expect(unknown.status).toBe(404)
  })

  it('list_containers, video_generation and the hosted tools', async () => {
    const containers = await dataOf(await skill('list_containers', { status: 'running' }))
    expect(containers.total).toBe(1)
    expect(containers.containers[0]).toMatchObject({ id: SEED.containerId, status: 'running' })
    const video = await dataOf(await skill('generate_video', { prompt: 'waves' }))
    expect(video).toMatchObject({ jobId: expect.any(String), status: 'pending', cost: 5 })
    expect(await getBalance(sb().ctx.db, SEED.organizationId)).toBe(0)
    const search = await skill('web_search')
    expect((await search.json()).error).toEqual({ code: -32603, message: 'Search query required' })
    const browse = await skill('browser_session', { operation: 'list' })
    expect(browse.status).toBe(500)
  })
})
