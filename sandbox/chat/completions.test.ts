// POST /api/v1/chat/completions and /api/v1/embeddings against docs/cloud/chat.md: shapes, the SSE wire
// format, errors (E3, E10), extensions vs strict mode, and billing through the ledger.
import { Ajv } from 'ajv'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { getBalance, setBalance } from '../core/ledger.ts'
import { callerKey, PRESETS } from '../core/rate-limit.ts'
import { SEED } from '../core/seed.ts'
import {
  openTestSandbox,
  SANDBOX_TIMEOUTS,
  UNKNOWN_KEY,
  type TestSandbox,
} from '../core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
afterEach(() => {
  sb.ctx.strict = false
  sb.ctx.timing = { ...sb.ctx.initialTiming }
})
/** Fresh data for the tests that count ledger rows or change the balance. */
const fresh = () => sb.reset()

const MODEL = 'openai/gpt-4o-mini'
const post = (
  path: string,
  body: unknown,
  init: { key?: string | null; signal?: AbortSignal } = {},
) =>
  sb.call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  })
const complete = (body: Record<string, unknown>) =>
  post('/api/v1/chat/completions', { model: MODEL, ...body })
const user = (content: string) => [{ role: 'user', content }]

interface Completion {
  id: string
  object: string
  created: number
  model: string
  choices: {
    index: number
    message: { role: string; content: string | null; tool_calls?: ToolCall[] }
    finish_reason: string
  }[]
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number }
}
interface ToolCall {
  id: string
  type: string
  function: { name: string; arguments: string }
}

/** Events of an SSE body, checking the wire format on the way: `data: …\n\n` and nothing else. */
function sseData(text: string): string[] {
  expect(text.endsWith('\n\n')).toBe(true)
  const events = text.slice(0, -2).split('\n\n')
  for (const e of events) expect(e).toMatch(/^data: [^\n]+$/)
  return events.map((e) => e.slice('data: '.length))
}

async function ledgerRows() {
  const { rows } = await sb.ctx.db.query<{ amount: string; type: string; description: string }>(
    `SELECT amount, type, description FROM credit_transactions
      WHERE organization_id = $1 AND description NOT IN ('Initial free credits', 'Sandbox balance adjustment')
      ORDER BY created_at, id`,
    [SEED.organizationId],
  )
  return rows
}

describe('non-streaming', () => {
  it('answers in the cloud shape and bills reserve → refund through the ledger', async () => {
    await fresh()
    const before = await getBalance(sb.ctx.db, SEED.organizationId)
    const res = await complete({ messages: user('Write a python function to reverse a string') })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-ratelimit-limit')).toBe('200')
    const body: Completion = await res.json()
    expect(Object.keys(body).sort()).toEqual([
      'choices',
      'created',
      'id',
      'model',
      'object',
      'usage',
    ])
    expect(body.id).toMatch(/^chatcmpl-\d{13}$/)
    expect(body.object).toBe('chat.completion')
    expect(body.model).toBe(MODEL)
    expect(body.choices).toHaveLength(1)
    expect(body.choices[0]?.finish_reason).toBe('stop')
    expect(Object.keys(body.choices[0]?.message ?? {})).toEqual(['role', 'content'])
    const content = body.choices[0]?.message.content ?? ''
    expect(content).toMatch(/```python\n[\s\S]+\n```/)
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens)
    expect(body.usage.prompt_tokens).toBeGreaterThan(5)
    expect(body.usage.completion_tokens).toBeGreaterThan(20)

    const rows = await ledgerRows()
    expect(rows.map((r) => [r.type, r.description])).toEqual([
      ['debit', `Chat completion: ${MODEL} (reserved)`],
      ['refund', `Chat completion: ${MODEL} (refund)`],
    ])
    // Real cost: catalog prices × 1.2 markup on the reported usage.
    const cost = (body.usage.prompt_tokens * 0.15e-6 + body.usage.completion_tokens * 0.6e-6) * 1.2
    const net = -rows.reduce((n, r) => n + Number(r.amount), 0)
    expect(net).toBeCloseTo(cost, 6)
    expect(await getBalance(sb.ctx.db, SEED.organizationId)).toBeCloseTo(before - net, 6)
  })

  it('is deterministic, and reads the conversation', async () => {
    const ask = async (messages: unknown) =>
      ((await (await complete({ messages })).json()) as Completion).choices[0]?.message.content
    const a = await ask(user('I feel anxious about my exam'))
    expect(await ask(user('I feel anxious about my exam'))).toBe(a)
    expect(a).toMatch(/anxious about your exam/)
    expect(await ask(user('What is a hash table?'))).not.toBe(a)
    const persona = await ask([
      { role: 'system', content: 'You are Captain Nemo, a formal submarine commander.' },
      { role: 'user', content: 'Who are you?' },
    ])
    expect(persona).toMatch(/Captain Nemo/)
  })

  it('honours max_tokens (finish_reason "length"), stop and seed', async () => {
    const long = user('Explain how a compiler works, step by step')
    const full: Completion = await (await complete({ messages: long })).json()
    const cut: Completion = await (await complete({ messages: long, max_tokens: 5 })).json()
    expect(cut.usage.completion_tokens).toBe(5)
    expect(cut.choices[0]?.finish_reason).toBe('length')
    expect(
      full.choices[0]?.message.content?.startsWith(cut.choices[0]?.message.content ?? 'x'),
    ).toBe(true)
    const text = full.choices[0]?.message.content ?? ''
    const word = text.split(' ')[3] ?? ''
    const stopped: Completion = await (await complete({ messages: long, stop: [word] })).json()
    expect(stopped.choices[0]?.message.content).toBe(text.slice(0, text.indexOf(word)))
    expect(stopped.choices[0]?.finish_reason).toBe('stop')
    const seeds = new Set<string>()
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const r: Completion = await (await complete({ messages: long, seed, temperature: 1 })).json()
      seeds.add(r.choices[0]?.message.content ?? '')
    }
    expect(seeds.size).toBeGreaterThan(1)
  })

  it('strict mode: finish_reason is always "stop", extensions ignored', async () => {
    sb.ctx.strict = true
    const cut: Completion = await (
      await complete({
        messages: user('Explain how a compiler works'),
        max_tokens: 5,
        tools: [
          { type: 'function', function: { name: 'explain', parameters: { type: 'object' } } },
        ],
        tool_choice: 'required',
      })
    ).json()
    expect(cut.choices[0]?.finish_reason).toBe('stop')
    expect(cut.choices[0]?.message.tool_calls).toBeUndefined()
    expect(cut.usage.completion_tokens).toBe(5)
  })
})

describe('streaming', () => {
  it('uses the exact wire format: content first, same id, stop chunk, [DONE], no usage', async () => {
    const body = { messages: user('Tell me about the history of Unix') }
    const plain: Completion = await (await complete(body)).json()
    const res = await complete({ ...body, stream: true })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(res.headers.get('connection')).toBe('keep-alive')
    expect(res.headers.get('x-ratelimit-remaining')).not.toBeNull()
    const events = sseData(await res.text())
    expect(events.at(-1)).toBe('[DONE]')
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e))
    expect(chunks.length).toBeGreaterThan(3)
    const id = chunks[0].id
    expect(id).toMatch(/^chatcmpl-\d{13}$/)
    for (const c of chunks) {
      expect(Object.keys(c)).toEqual(['id', 'object', 'created', 'model', 'choices'])
      expect(c).toMatchObject({ id, object: 'chat.completion.chunk', model: MODEL })
    }
    // No initial role delta: the first chunk already has content.
    expect(Object.keys(chunks[0].choices[0].delta)).toEqual(['content'])
    const last = chunks.at(-1)
    expect(last.choices).toEqual([{ index: 0, delta: {}, finish_reason: 'stop' }])
    const text = chunks
      .slice(0, -1)
      .map((c) => c.choices[0].delta.content)
      .join('')
    expect(text).toBe(plain.choices[0]?.message.content)
  })

  it('include_usage adds a usage chunk (extension), not in strict mode', async () => {
    const body = { messages: user('hi'), stream: true, stream_options: { include_usage: true } }
    const events = sseData(await (await complete(body)).text())
    const usageChunk = JSON.parse(events.at(-2) ?? '{}')
    expect(usageChunk.choices).toEqual([])
    expect(usageChunk.usage.total_tokens).toBeGreaterThan(0)
    sb.ctx.strict = true
    const strict = sseData(await (await complete(body)).text())
    expect(JSON.parse(strict.at(-2) ?? '{}').choices[0].finish_reason).toBe('stop')
    expect(strict.some((e) => e.includes('"usage"'))).toBe(false)
  })

  it('paces by tokenDelayMs; a client abort stops the stream and refunds the reservation', async () => {
    await fresh()
    sb.ctx.timing = { ...sb.ctx.timing, tokenDelayMs: 30 }
    const res = await complete({ messages: user('Explain how a compiler works'), stream: true })
    const reader = res.body!.getReader()
    const t0 = Date.now()
    await reader.read()
    await reader.read()
    expect(Date.now() - t0).toBeGreaterThanOrEqual(20)
    await reader.cancel()
    // The refund is written asynchronously after the cancel.
    await vi.waitFor(async () => expect(await ledgerRows()).toHaveLength(2), { timeout: 5000 })
    const rows = await ledgerRows()
    expect(rows.map((r) => r.type)).toEqual(['debit', 'refund'])
    expect(Number(rows[0]?.amount) + Number(rows[1]?.amount)).toBeCloseTo(0, 6)
  })
})

describe('extensions', () => {
  const weather = {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Get the current weather for a city',
      parameters: {
        type: 'object',
        properties: {
          city: { type: 'string' },
          unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
          days: { type: 'integer', minimum: 1, maximum: 7 },
          when: { type: 'string', format: 'date' },
        },
        required: ['city', 'unit', 'days', 'when'],
        additionalProperties: false,
      },
    },
  }
  const search = {
    type: 'function',
    function: {
      name: 'search_docs',
      description: 'Search the documentation',
      parameters: {
        type: 'object',
        properties: { query: { type: 'string' } },
        required: ['query'],
      },
    },
  }
  const ajv = new Ajv({ strict: false, logger: false })

  it('tools → tool_calls with schema-valid arguments; the tool result is used in the answer', async () => {
    const messages = user('What is the weather in Paris for 3 days?')
    const res: Completion = await (await complete({ messages, tools: [search, weather] })).json()
    expect(res.choices[0]?.finish_reason).toBe('tool_calls')
    const call = res.choices[0]?.message.tool_calls?.[0]
    expect(res.choices[0]?.message.content).toBeNull()
    expect(call).toMatchObject({ type: 'function', function: { name: 'get_weather' } })
    expect(call?.id).toMatch(/^call_/)
    const args = JSON.parse(call?.function.arguments ?? '')
    expect(ajv.validate(weather.function.parameters, args)).toBe(true)
    expect(args).toMatchObject({ city: 'Paris', days: 3 })

    const followUp: Completion = await (
      await complete({
        tools: [search, weather],
        messages: [
          ...messages,
          { role: 'assistant', content: null, tool_calls: [call] },
          { role: 'tool', tool_call_id: call?.id, content: '{"temperature":21,"sky":"sunny"}' },
        ],
      })
    ).json()
    expect(followUp.choices[0]?.finish_reason).toBe('stop')
    expect(followUp.choices[0]?.message.content).toMatch(/get_weather[\s\S]*temperature[\s\S]*21/)
  })

  it('tool_choice: none, a named function, and no match under auto', async () => {
    const none: Completion = await (
      await complete({ messages: user('weather in Rome?'), tools: [weather], tool_choice: 'none' })
    ).json()
    expect(none.choices[0]?.message.tool_calls).toBeUndefined()
    const named: Completion = await (
      await complete({
        messages: user('weather in Rome?'),
        tools: [weather, search],
        tool_choice: { type: 'function', function: { name: 'search_docs' } },
      })
    ).json()
    expect(named.choices[0]?.message.tool_calls?.[0]?.function.name).toBe('search_docs')
    const unrelated: Completion = await (
      await complete({ messages: user('Tell me a joke'), tools: [weather] })
    ).json()
    expect(unrelated.choices[0]?.finish_reason).toBe('stop')
  })

  it('refuses a tool_choice without tools, or naming a function not in tools, like OpenAI', async () => {
    const orphan = await complete({ messages: user('hi'), tool_choice: 'required' })
    expect(orphan.status).toBe(400)
    expect(await orphan.json()).toEqual({
      error: {
        message:
          "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
        type: 'invalid_request_error',
        param: 'tool_choice',
        code: 'invalid_value',
      },
    })
    const unknown = await complete({
      messages: user('hi'),
      tools: [weather],
      tool_choice: { type: 'function', function: { name: 'nope' } },
    })
    expect(unknown.status).toBe(400)
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain(
      "no function named 'nope'",
    )
  })

  it('streams tool calls as OpenAI deltas', async () => {
    const events = sseData(
      await (
        await complete({ messages: user('weather in Oslo'), tools: [weather], stream: true })
      ).text(),
    )
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e))
    expect(chunks[0].choices[0].delta.tool_calls[0]).toMatchObject({
      index: 0,
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    })
    const args = chunks
      .slice(1, -1)
      .map((c) => c.choices[0].delta.tool_calls[0].function.arguments)
      .join('')
    expect(ajv.validate(weather.function.parameters, JSON.parse(args))).toBe(true)
    expect(chunks.at(-1).choices[0].finish_reason).toBe('tool_calls')
  })

  it('response_format json_schema and json_object → valid JSON', async () => {
    const schema = {
      type: 'object',
      properties: {
        title: { type: 'string', minLength: 3 },
        tags: { type: 'array', items: { type: 'string' }, minItems: 2 },
        rating: { type: 'number', minimum: 0, maximum: 5 },
        status: { enum: ['draft', 'published'] },
        author: {
          type: 'object',
          properties: { email: { type: 'string', format: 'email' } },
          required: ['email'],
        },
      },
      required: ['title', 'tags', 'rating', 'status', 'author'],
      additionalProperties: false,
    }
    const res: Completion = await (
      await complete({
        messages: user('Summarise the article about Rust ownership'),
        response_format: { type: 'json_schema', json_schema: { name: 'summary', schema } },
      })
    ).json()
    const value = JSON.parse(res.choices[0]?.message.content ?? '')
    expect(ajv.validate(schema, value)).toBe(true)
    const obj: Completion = await (
      await complete({ messages: user('hello'), response_format: { type: 'json_object' } })
    ).json()
    expect(typeof JSON.parse(obj.choices[0]?.message.content ?? '')).toBe('object')
  })
})

describe('errors', () => {
  it('no key, bad key → OpenAI-shaped 401', async () => {
    const none = await post(
      '/api/v1/chat/completions',
      { model: MODEL, messages: user('hi') },
      { key: null },
    )
    expect(none.status).toBe(401)
    expect(await none.json()).toEqual({
      error: { message: 'Authentication required', type: 'authentication_error' },
    })
    const bad = await post(
      '/api/v1/chat/completions',
      { model: MODEL, messages: user('hi') },
      { key: UNKNOWN_KEY },
    )
    expect(bad.status).toBe(401)
    expect(await bad.json()).toEqual({
      error: { message: 'Invalid or expired API key', type: 'authentication_error' },
    })
  })

  it('missing fields → 400; bad JSON → 500 with the parser message; bad value → 400', async () => {
    const missing = {
      error: {
        message: 'Missing required fields: model and messages',
        type: 'invalid_request_error',
        code: 'missing_required_parameter',
      },
    }
    for (const body of [
      { messages: user('hi') },
      { model: MODEL },
      { model: MODEL, messages: [] },
    ]) {
      const res = await post('/api/v1/chat/completions', body)
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual(missing)
    }
    const bad = await post('/api/v1/chat/completions', '{"model":')
    expect(bad.status).toBe(500)
    const body = await bad.json()
    expect(body.error.type).toBe('api_error')
    expect(body.error.message).toMatch(/JSON/)
    const temp = await complete({ messages: user('hi'), temperature: 'hot' })
    expect(temp.status).toBe(400)
    expect((await temp.json()).error).toMatchObject({
      type: 'invalid_request_error',
      param: 'temperature',
    })
  })

  it('an agent id or unknown model → 500 "Pricing unavailable", before any charge', async () => {
    await fresh()
    const agent = SEED.agentIds[0]
    const res = await post('/api/v1/chat/completions', { model: agent, messages: user('hi') })
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({
      error: {
        message: `Pricing unavailable for language:input openai/${agent}`,
        type: 'api_error',
      },
    })
    const unknown = await post('/api/v1/chat/completions', {
      model: 'acme/unknown-1',
      messages: user('hi'),
    })
    expect((await unknown.json()).error.message).toBe(
      'Pricing unavailable for language:input acme/unknown-1',
    )
    // A bare OpenAI-style name is priced as openai/<name>.
    expect(
      (await post('/api/v1/chat/completions', { model: 'gpt-4o-mini', messages: user('hi') }))
        .status,
    ).toBe(200)
    expect(await ledgerRows()).toHaveLength(2)
  })

  it('insufficient credits → 402 with the required amount, nothing written', async () => {
    await fresh()
    await setBalance(sb.ctx.db, SEED.organizationId, 0.0001)
    const res = await complete({ messages: user('hi'), max_tokens: 1000 })
    expect(res.status).toBe(402)
    // 1000 output tokens × $0.6/M × 1.2 × 1.5 ≈ $0.00108, plus a little input.
    expect(await res.json()).toEqual({
      error: {
        message: 'Insufficient credits. Required: $0.0011',
        type: 'insufficient_quota',
        code: 'insufficient_credits',
      },
    })
    expect(await ledgerRows()).toHaveLength(0)
    expect(await getBalance(sb.ctx.db, SEED.organizationId)).toBe(0.0001)
  })

  it('RELAXED: the 201st request in a minute → 429 E10 with Retry-After', async () => {
    await fresh()
    const key = callerKey(new Headers({ 'x-api-key': sb.apiKey }))
    for (let i = 0; i < 199; i++) sb.ctx.limiter.check(key, PRESETS.RELAXED)
    expect((await complete({ messages: user('hi') })).status).toBe(200)
    const res = await complete({ messages: user('hi') })
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await res.json()).toMatchObject({
      success: false,
      error: 'Too many requests',
      code: 'rate_limit_exceeded',
      message: 'Rate limit exceeded. Maximum 200 requests per 60 seconds.',
    })
  })

  it('50 parallel billed completions leave the ledger exact', async () => {
    await fresh()
    const start = await getBalance(sb.ctx.db, SEED.organizationId)
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        complete({ messages: user(`Question number ${i}: what is ${i} squared?`) }),
      ),
    )
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200))
    const rows = await ledgerRows()
    expect(rows.filter((r) => r.description.endsWith('(reserved)'))).toHaveLength(50)
    expect(rows.filter((r) => r.description.endsWith('(refund)'))).toHaveLength(50)
    const net = rows.reduce((n, r) => n + Math.round(Number(r.amount) * 1e6), 0)
    const end = await getBalance(sb.ctx.db, SEED.organizationId)
    expect(Math.round(end * 1e6)).toBe(Math.round(start * 1e6) + net)
    expect(net).toBeLessThan(0)
  })
})

describe('POST /api/v1/embeddings', () => {
  interface Embeddings {
    data: { object: string; embedding: number[]; index: number }[]
    model: string
    usage: { prompt_tokens: number; total_tokens: number }
  }
  const embed = (body: unknown) => post('/api/v1/embeddings', body)
  const cos = (a: number[], b: number[]) => a.reduce((n, x, i) => n + x * (b[i] ?? 0), 0)

  it('deterministic unit vectors at the native size, billed', async () => {
    await fresh()
    const res = await embed({
      model: 'openai/text-embedding-3-small',
      input: ['the cat sat on the mat', 'a cat sat on a mat', 'quarterly tax filing deadline'],
      dimensions: 256,
    })
    expect(res.status).toBe(200)
    const body: Embeddings = await res.json()
    expect(body.model).toBe('openai/text-embedding-3-small')
    expect(body.data.map((d) => [d.object, d.index, d.embedding.length])).toEqual([
      ['embedding', 0, 1536],
      ['embedding', 1, 1536],
      ['embedding', 2, 1536],
    ])
    const [a, b, c] = body.data.map((d) => d.embedding) as [number[], number[], number[]]
    expect(cos(a, a)).toBeCloseTo(1, 5)
    expect(cos(a, b)).toBeGreaterThan(cos(a, c) + 0.3)
    expect(body.usage.prompt_tokens).toBeGreaterThan(10)
    const again: Embeddings = await (
      await embed({ model: 'openai/text-embedding-3-large', input: 'the cat sat on the mat' })
    ).json()
    expect(again.data[0]?.embedding).toHaveLength(3072)
    expect((await ledgerRows()).map((r) => r.description)).toContain(
      'Embeddings: openai/text-embedding-3-small (reserved)',
    )
  })

  it('errors: missing, empty, 402, unpriced model, 401', async () => {
    await fresh()
    const missing = await embed({ model: 'openai/text-embedding-3-small' })
    expect(missing.status).toBe(400)
    expect((await missing.json()).error).toMatchObject({
      type: 'invalid_request_error',
      code: 'missing_required_parameter',
      param: 'input',
    })
    const empty = await embed({ model: 'openai/text-embedding-3-small', input: '  ' })
    expect(empty.status).toBe(400)
    expect((await empty.json()).error).toMatchObject({ code: 'invalid_value' })
    const unpriced = await embed({ model: 'acme/embed', input: 'x' })
    expect(unpriced.status).toBe(500)
    const noKey = await post('/api/v1/embeddings', { model: 'x', input: 'x' }, { key: null })
    expect(await noKey.json()).toEqual({
      error: { message: 'Authentication required', type: 'authentication_error' },
    })
    await setBalance(sb.ctx.db, SEED.organizationId, 0)
    const broke = await embed({ model: 'openai/text-embedding-3-small', input: 'x' })
    expect(broke.status).toBe(402)
    expect((await broke.json()).error).toMatchObject({
      type: 'insufficient_quota',
      code: 'insufficient_balance',
    })
  })

  it('base64 encoding is honoured as an extension, ignored in strict mode', async () => {
    await fresh()
    const body = {
      model: 'openai/text-embedding-3-small',
      input: 'hello',
      encoding_format: 'base64',
    }
    const b64 = (await (await embed(body)).json()).data[0].embedding
    expect(typeof b64).toBe('string')
    expect(Buffer.from(b64, 'base64').length).toBe(1536 * 4)
    sb.ctx.strict = true
    expect(Array.isArray((await (await embed(body)).json()).data[0].embedding)).toBe(true)
  })
})

describe('other chat-shaped routes', () => {
  it('/api/v1/messages: Anthropic shape, E4 errors, tool_use', async () => {
    const res = await post('/api/v1/messages', {
      model: 'anthropic/claude-sonnet-4',
      max_tokens: 200,
      messages: [{ role: 'user', content: 'hello there' }],
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: expect.any(String) }],
      stop_reason: 'end_turn',
      stop_sequence: null,
    })
    const bad = await post('/api/v1/messages', { model: 'anthropic/claude-sonnet-4', messages: [] })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
    })
    const noKey = await post('/api/v1/messages', {}, { key: null })
    expect(noKey.status).toBe(401)
    expect(await noKey.json()).toEqual({
      type: 'error',
      error: { type: 'authentication_error', message: 'Authentication required' },
    })
    const tool = await post('/api/v1/messages', {
      model: 'anthropic/claude-sonnet-4',
      max_tokens: 200,
      messages: [{ role: 'user', content: 'What is the weather in Lisbon?' }],
      tools: [
        {
          name: 'get_weather',
          description: 'weather for a city',
          input_schema: {
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
          },
        },
      ],
    })
    expect(await tool.json()).toMatchObject({
      stop_reason: 'tool_use',
      content: [{ type: 'tool_use', name: 'get_weather', input: { city: 'Lisbon' } }],
    })
  })

  it('/api/v1/responses: Responses object and a function call', async () => {
    const res = await post('/api/v1/responses', { model: MODEL, input: 'hello' })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ object: 'response', status: 'completed', model: MODEL })
    expect(body.output[0]).toMatchObject({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'output_text' }],
    })
    const fn = await post('/api/v1/responses', {
      model: MODEL,
      input: 'search the docs for billing',
      tools: [
        {
          type: 'function',
          name: 'search_docs',
          parameters: {
            type: 'object',
            properties: { query: { type: 'string' } },
            required: ['query'],
          },
        },
      ],
    })
    expect((await fn.json()).output[0]).toMatchObject({
      type: 'function_call',
      name: 'search_docs',
    })
    const big = await sb.call('/api/v1/responses', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(5 * 1024 * 1024) },
      body: '{}',
    })
    expect(big.status).toBe(413)
  })

  it('/api/v1/chat: AI SDK UI message stream; bare errors', async () => {
    const res = await post('/api/v1/chat', {
      messages: [{ role: 'user', parts: [{ type: 'text', text: 'hello' }] }],
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1')
    const events = sseData(await res.text())
    const parts = events.slice(0, -1).map((e) => JSON.parse(e))
    expect(parts.map((p) => p.type).filter((t) => t !== 'text-delta')).toEqual([
      'start',
      'start-step',
      'text-start',
      'text-end',
      'finish-step',
      'finish',
    ])
    expect(events.at(-1)).toBe('[DONE]')
    const empty = await post('/api/v1/chat', { messages: [] })
    expect(empty.status).toBe(400)
    expect(await empty.json()).toEqual({ error: 'Messages are required' })
  })
})
