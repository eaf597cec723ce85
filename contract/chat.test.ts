// Contract: every chat answer the sandbox declares, produced in process and read with the
// console's own code: the model catalog with modelListSchema, the completion and room streams
// frame by frame with readSse and the stream schemas (src/features/chat/api/), error bodies with
// the console's error reader (src/lib/api-error.ts). The routes the console never calls (the
// Responses, Messages, embeddings and AI SDK routes, the room listings) are produced and checked
// against their declarations only.
import { beforeEach, describe, expect, it } from 'vitest'
import {
  chunkSchema,
  modelListSchema,
  roomCreatedSchema,
  roomEventSchema,
} from '@/features/chat/api/schemas'
import { readSse } from '@/lib/sse'
import { setBalance } from '../sandbox/core/ledger.ts'
import { callerKey, PRESETS, type RateLimitPreset } from '../sandbox/core/rate-limit.ts'
import { SEED } from '../sandbox/core/seed.ts'
import { UNKNOWN_KEY } from '../sandbox/core/test-utils.ts'
import { DEMO_ROOM_ID } from '../sandbox/chat/rooms.ts'
import { contractFor } from './harness.ts'

const contract = contractFor(['chat'])
const { parses, refuses, unread } = contract
beforeEach(() => contract.sb.reset())

const MODEL = 'openai/gpt-4o-mini'
const LORE_KEEPER = SEED.agentIds[1]
const OTHER_ID = '00000000-0000-4000-8000-000000000000'
const NOT_CALLED =
  'the console never calls this route (docs/cloud/chat.md lists it for SDK clients)'

const post = (
  path: string,
  body: unknown,
  init: { key?: string | null; headers?: Record<string, string> } = {},
) =>
  contract.sb.call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(init.key === undefined ? {} : { key: init.key }),
  })
const user = (content: string) => [{ role: 'user', content }]
const broke = () => setBalance(contract.sb.ctx.db, SEED.organizationId, 0)
/** Uses up the caller's bucket of `preset`, so the next request of that preset is refused. */
const exhaust = (preset: RateLimitPreset) => {
  const key = callerKey(new Headers({ 'x-api-key': contract.sb.apiKey }))
  for (let i = 0; i < preset.limit; i++) contract.sb.ctx.limiter.check(key, preset)
}

/**
 * Reads an SSE answer as the console's stream reader does (readSse, one JSON frame each, `[DONE]`
 * last) and parses every frame with `schema`: the console skips a frame its schema rejects, so
 * a rejected frame here is a drift. The answer itself is then recorded against its declaration.
 */
async function frames<T>(
  res: Response,
  schema: { safeParse(v: unknown): { success: boolean; data?: T; error?: unknown } },
): Promise<T[]> {
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
  const data: string[] = []
  for await (const frame of readSse(res.clone().body!)) data.push(frame)
  expect(data.at(-1)).toBe('[DONE]')
  const parsed = data.slice(0, -1).map((frame) => {
    const result = schema.safeParse(JSON.parse(frame))
    expect(result.error, `frame the console's schema rejects: ${frame}`).toBeUndefined()
    return result.data as T
  })
  await unread(
    res,
    200,
    'an SSE stream: its frames are read above with readSse and the console schema',
  )
  return parsed
}

describe('successes the console reads', () => {
  it('GET /api/v1/models parses with modelListSchema', async () => {
    const models = await parses(
      await contract.sb.call('/api/v1/models', { key: null }),
      modelListSchema,
    )
    expect(models.length).toBeGreaterThan(0)
    expect(models.find((m) => m.id === MODEL)).toMatchObject({
      contextWindow: expect.any(Number),
      inputPerToken: expect.any(Number),
      outputPerToken: expect.any(Number),
    })
  })

  it('POST /api/v1/chat/completions streams chunks chunkSchema reads (text, usage, finish)', async () => {
    const chunks = await frames(
      await post('/api/v1/chat/completions', {
        model: MODEL,
        messages: user('hello'),
        stream: true,
        stream_options: { include_usage: true },
      }),
      chunkSchema,
    )
    const text = chunks.flatMap((c) => c.choices.map((ch) => ch.delta?.content ?? '')).join('')
    expect(text.length).toBeGreaterThan(0)
    expect(chunks.flatMap((c) => c.choices.map((ch) => ch.finish_reason)).filter(Boolean)).toEqual([
      'stop',
    ])
    expect(chunks.at(-1)?.usage).toMatchObject({
      prompt_tokens: expect.any(Number),
      completion_tokens: expect.any(Number),
    })
  })

  it('a function call streams as tool_calls pieces chunkSchema reads', async () => {
    const chunks = await frames(
      await post('/api/v1/chat/completions', {
        model: MODEL,
        messages: user('What is the weather in Lisbon?'),
        stream: true,
        tools: [
          {
            type: 'function',
            function: {
              name: 'get_weather',
              parameters: {
                type: 'object',
                properties: { city: { type: 'string' } },
                required: ['city'],
              },
            },
          },
        ],
      }),
      chunkSchema,
    )
    const calls = chunks.flatMap((c) => c.choices.flatMap((ch) => ch.delta?.tool_calls ?? []))
    expect(calls[0]?.function?.name).toBe('get_weather')
    expect(JSON.parse(calls.map((c) => c.function?.arguments ?? '').join(''))).toEqual({
      city: 'Lisbon',
    })
    expect(chunks.flatMap((c) => c.choices.map((ch) => ch.finish_reason)).filter(Boolean)).toEqual([
      'tool_calls',
    ])
  })

  it('POST /api/eliza/rooms parses with roomCreatedSchema; the room stream with roomEventSchema', async () => {
    const { roomId } = await parses(
      await post('/api/eliza/rooms', { characterId: LORE_KEEPER }),
      roomCreatedSchema,
    )
    const events = await frames(
      await post(`/api/eliza/rooms/${roomId}/messages/stream`, { text: 'Tell me about ENIAC' }),
      roomEventSchema,
    )
    expect(events[0]?.type).toBe('user_message')
    const deltas = events.flatMap((e) => (e.type === 'delta' ? [e.delta] : []))
    expect(deltas.join('').length).toBeGreaterThan(0)
    expect(events.at(-1)).toMatchObject({
      type: 'done',
      usage: {
        inputTokens: expect.any(Number),
        outputTokens: expect.any(Number),
        cost: expect.any(Number),
      },
    })
  })
})

describe('error bodies the console acts on', () => {
  it('completions: 400 invalid, 401, 402 with the USD required, 429 with a countdown, 500', async () => {
    const missing = await refuses(await post('/api/v1/chat/completions', { model: MODEL }), 400)
    expect(missing).toMatchObject({
      kind: 'invalid',
      message: 'Missing required fields: model and messages',
    })
    const noKey = await refuses(
      await post('/api/v1/chat/completions', { model: MODEL, messages: user('hi') }, { key: null }),
      401,
    )
    expect(noKey.kind).toBe('unauthorized')
    await broke()
    const poor = await refuses(
      await post('/api/v1/chat/completions', {
        model: MODEL,
        messages: user('hi'),
        max_tokens: 1000,
      }),
      402,
    )
    expect(poor).toMatchObject({
      kind: 'insufficient_credits',
      details: { requiredUsd: expect.any(Number) },
    })
    const unpriced = await refuses(
      await post('/api/v1/chat/completions', { model: 'acme/unknown-1', messages: user('hi') }),
      500,
    )
    expect(unpriced).toMatchObject({
      kind: 'server',
      message: 'Pricing unavailable for language:input acme/unknown-1',
    })
    exhaust(PRESETS.RELAXED)
    const limited = await refuses(
      await post('/api/v1/chat/completions', { model: MODEL, messages: user('hi') }),
      429,
    )
    expect(limited.kind).toBe('rate_limited')
    expect(limited.details.retryAfterSec).toBeGreaterThan(0)
  })

  it('completions: 403 when the organization is inactive', async () => {
    const { db } = contract.sb.ctx
    await db.query('UPDATE organizations SET is_active = false')
    try {
      const denied = await refuses(
        await post('/api/v1/chat/completions', { model: MODEL, messages: user('hi') }),
        403,
      )
      expect(denied).toMatchObject({ kind: 'forbidden', message: 'Organization is inactive' })
    } finally {
      await db.query('UPDATE organizations SET is_active = true')
    }
  })

  it('rooms: 400 without a character, 404 for a character of nobody, 404/400/402 on the stream', async () => {
    expect((await refuses(await post('/api/eliza/rooms', {}), 400)).message).toMatch(
      /^characterId is required/,
    )
    expect(
      await refuses(await post('/api/eliza/rooms', { characterId: OTHER_ID }), 404),
    ).toMatchObject({ kind: 'not_found', message: 'Character not found' })
    const stream = `/api/eliza/rooms/${DEMO_ROOM_ID}/messages/stream`
    expect(
      (
        await refuses(
          await post(`/api/eliza/rooms/${OTHER_ID}/messages/stream`, { text: 'hi' }),
          404,
        )
      ).kind,
    ).toBe('not_found')
    expect((await refuses(await post(stream, {}), 400)).kind).toBe('invalid')
    await broke()
    const poor = await refuses(await post(stream, { text: 'hello' }), 402)
    expect(poor.kind).toBe('insufficient_credits')
    expect(poor.message).toMatch(/^Insufficient credits/)
  })
})

describe('auth failures (401 no key, 403 inactive organization) on every route that has them', () => {
  const calls: [string, string, unknown][] = [
    ['POST', '/api/eliza/rooms', { characterId: LORE_KEEPER }],
    ['GET', '/api/eliza/rooms', undefined],
    ['GET', `/api/eliza/rooms/${DEMO_ROOM_ID}`, undefined],
    ['GET', `/api/eliza/rooms/${DEMO_ROOM_ID}/messages`, undefined],
    ['POST', `/api/eliza/rooms/${DEMO_ROOM_ID}/messages`, { text: 'hi' }],
    ['POST', `/api/eliza/rooms/${DEMO_ROOM_ID}/messages/stream`, { text: 'hi' }],
    [
      'POST',
      '/api/v1/chat',
      { messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }] },
    ],
    ['POST', '/api/v1/embeddings', { model: 'openai/text-embedding-3-small', input: 'x' }],
    ['POST', '/api/v1/responses', { model: MODEL, input: 'hi' }],
    [
      'POST',
      '/api/v1/messages',
      { model: 'anthropic/claude-sonnet-4', max_tokens: 20, messages: user('hi') },
    ],
  ]
  const send = ([method, path, body]: [string, string, unknown], key?: string | null) =>
    method === 'GET'
      ? contract.sb.call(path, key === undefined ? {} : { key })
      : post(path, body, { key })

  it('401 → unauthorized, 403 → forbidden "Organization is inactive"', async () => {
    // The routes counted above as 401 elsewhere (completions, embeddings, responses, messages)
    // answer the same here: the loop covers the ones nothing else produces.
    for (const call of calls) {
      const missing = await refuses(await send(call, null), 401)
      expect(missing.kind, call[1]).toBe('unauthorized')
    }
    const { db } = contract.sb.ctx
    await db.query('UPDATE organizations SET is_active = false')
    try {
      for (const call of calls) {
        const denied = await refuses(await send(call), 403)
        expect(denied.message, call[1]).toBe('Organization is inactive')
        // Embeddings types its 403 `authentication_error` (docs/cloud/chat.md "POST
        // /api/v1/embeddings"); the console's reader still calls it a refusal.
        expect(denied.kind, call[1]).toBe('forbidden')
      }
    } finally {
      await db.query('UPDATE organizations SET is_active = true')
    }
  })
})

describe('answers of routes the console never calls (checked against the declarations)', () => {
  it('models: one model, 404 unknown, 500 without a usable key', async () => {
    await unread(
      await contract.sb.call(`/api/v1/models/${MODEL}`),
      200,
      'the console reads the catalog list only',
    )
    await refuses(await contract.sb.call('/api/v1/models/acme/unknown-1'), 404)
    await refuses(await contract.sb.call(`/api/v1/models/${MODEL}`, { key: UNKNOWN_KEY }), 500)
  })

  it('completions: a JSON (non-streamed) completion', async () => {
    await unread(
      await post('/api/v1/chat/completions', { model: MODEL, messages: user('hi') }),
      200,
      'the playground always streams',
    )
  })

  it('embeddings: 200, 400, 401, 402, 429, 500', async () => {
    const embed = (body: unknown, key?: string | null) => post('/api/v1/embeddings', body, { key })
    await unread(
      await embed({ model: 'openai/text-embedding-3-small', input: 'hello' }),
      200,
      NOT_CALLED,
    )
    await refuses(await embed({ model: 'openai/text-embedding-3-small' }), 400)
    await refuses(await embed({ model: 'x', input: 'x' }, null), 401)
    await refuses(await embed({ model: 'acme/embed', input: 'x' }), 500)
    await broke()
    await refuses(await embed({ model: 'openai/text-embedding-3-small', input: 'x' }), 402)
    exhaust(PRESETS.RELAXED)
    await refuses(await embed({ model: 'openai/text-embedding-3-small', input: 'x' }), 429)
  })

  it('/api/v1/chat (AI SDK UI stream): 200, 400, 402, 429', async () => {
    const body = { messages: [{ role: 'user', parts: [{ type: 'text', text: 'hello' }] }] }
    await unread(
      await post('/api/v1/chat', body),
      200,
      'the dashboard stream of the cloud web app; the console streams completions',
    )
    expect((await refuses(await post('/api/v1/chat', { messages: [] }), 400)).message).toBe(
      'Messages are required',
    )
    await broke()
    await refuses(await post('/api/v1/chat', body), 402)
    exhaust(PRESETS.STANDARD)
    await refuses(await post('/api/v1/chat', body), 429)
  })

  it('/api/v1/responses: 200, 400, 401, 402, 413, 429', async () => {
    const body = { model: MODEL, input: 'hello' }
    await unread(await post('/api/v1/responses', body), 200, NOT_CALLED)
    await refuses(await post('/api/v1/responses', { model: MODEL }), 400)
    await refuses(await post('/api/v1/responses', body, { key: null }), 401)
    await refuses(
      await post('/api/v1/responses', '{}', {
        headers: { 'Content-Length': String(5 * 1024 * 1024) },
      }),
      413,
    )
    await broke()
    await refuses(await post('/api/v1/responses', body), 402)
    exhaust(PRESETS.RELAXED)
    await refuses(await post('/api/v1/responses', body), 429)
  })

  it('/api/v1/messages: 200, 400, 401, 402, 429', async () => {
    const body = {
      model: 'anthropic/claude-sonnet-4',
      max_tokens: 200,
      messages: user('hello there'),
    }
    await unread(await post('/api/v1/messages', body), 200, NOT_CALLED)
    await refuses(
      await post('/api/v1/messages', { model: 'anthropic/claude-sonnet-4', messages: [] }),
      400,
    )
    await refuses(await post('/api/v1/messages', body, { key: null }), 401)
    await broke()
    await refuses(await post('/api/v1/messages', body), 402)
    exhaust(PRESETS.RELAXED)
    await refuses(await post('/api/v1/messages', body), 429)
  })

  it('rooms: listings, one room, its messages, the plain (non-streamed) reply', async () => {
    const why = 'the console talks to an agent through a new room and its stream; it lists no rooms'
    await unread(await contract.sb.call('/api/eliza/rooms'), 200, why)
    await unread(await contract.sb.call(`/api/eliza/rooms/${DEMO_ROOM_ID}`), 200, why)
    await refuses(await contract.sb.call(`/api/eliza/rooms/${OTHER_ID}`), 404)
    await unread(await contract.sb.call(`/api/eliza/rooms/${DEMO_ROOM_ID}/messages`), 200, why)
    await refuses(await contract.sb.call(`/api/eliza/rooms/${OTHER_ID}/messages`), 404)
    const send = `/api/eliza/rooms/${DEMO_ROOM_ID}/messages`
    await unread(await post(send, { text: 'hello' }), 200, why)
    await refuses(await post(send, {}), 400)
    await refuses(await post(`/api/eliza/rooms/${OTHER_ID}/messages`, { text: 'hi' }), 404)
    await broke()
    await refuses(await post(send, { text: 'hello' }), 402)
  })
})
