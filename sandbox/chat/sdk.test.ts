// The official `openai` SDK (v6), unchanged, against the sandbox over HTTP — directly and
// through the console's proxy (server/app.ts), which injects the real key and strips the
// SDK's Authorization header.
import type { AddressInfo } from 'node:net'
import { Ajv } from 'ajv'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createConsoleServer, type ConsoleServer } from '../../server/app.ts'
import { startSandbox } from '../server.ts'
import { SANDBOX_TIMEOUTS } from '../core/test-utils.ts'
import { INSTANT_TIMING } from '../core/timing.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sandbox: Awaited<ReturnType<typeof startSandbox>>
let proxy: ConsoleServer
let proxyUrl: string

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, timing: INSTANT_TIMING })
  proxy = createConsoleServer({
    upstream: { origin: sandbox.url, apiKey: sandbox.apiKey, embedded: false },
    bodyLimit: 1024 * 1024,
    staticDir: null,
    log: () => {},
  })
  await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve))
  proxyUrl = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await proxy?.close()
  await sandbox?.close()
})

const ajv = new Ajv({ strict: false, logger: false })

describe.each([
  [
    'direct',
    () => new OpenAI({ baseURL: `${sandbox.url}/api/v1`, apiKey: sandbox.apiKey, maxRetries: 0 }),
  ],
  [
    'through the proxy',
    () =>
      new OpenAI({
        baseURL: `${proxyUrl}/api/v1`,
        apiKey: 'dummy-key-the-proxy-replaces',
        maxRetries: 0,
      }),
  ],
])('openai SDK %s', (_label, client) => {
  it('non-streaming and streaming chat agree', async () => {
    const openai = client()
    const messages = [
      { role: 'user' as const, content: 'How do I learn TypeScript? Give me steps.' },
    ]
    const plain = await openai.chat.completions.create({ model: 'openai/gpt-4o-mini', messages })
    const text = plain.choices[0]?.message.content ?? ''
    expect(text).toMatch(/\n1\. /)
    expect(plain.usage?.completion_tokens).toBeGreaterThan(10)

    const stream = await openai.chat.completions.create({
      model: 'openai/gpt-4o-mini',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    })
    let streamed = ''
    let finish: string | null | undefined
    let usage: OpenAI.CompletionUsage | null | undefined
    for await (const chunk of stream) {
      streamed += chunk.choices[0]?.delta.content ?? ''
      finish = chunk.choices[0]?.finish_reason ?? finish
      usage = chunk.usage ?? usage
    }
    expect(streamed).toBe(text)
    expect(finish).toBe('stop')
    expect(usage?.total_tokens).toBe(plain.usage?.total_tokens)
  })

  it('tools: a schema-valid call, then an answer that uses the result', async () => {
    const openai = client()
    const parameters = {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
      required: ['city', 'unit'],
      additionalProperties: false,
    }
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: 'function',
        function: { name: 'get_weather', description: 'Weather for a city', parameters },
      },
    ]
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'What is the weather in Berlin?' },
    ]
    const first = await openai.chat.completions.create({
      model: 'openai/gpt-4o-mini',
      messages,
      tools,
    })
    const choice = first.choices[0]
    expect(choice?.finish_reason).toBe('tool_calls')
    const call = choice?.message.tool_calls?.[0]
    if (call?.type !== 'function') throw new Error('expected a function call')
    expect(ajv.validate(parameters, JSON.parse(call.function.arguments))).toBe(true)
    messages.push(choice!.message, { role: 'tool', tool_call_id: call.id, content: '{"temp":18}' })
    const second = await openai.chat.completions.create({
      model: 'openai/gpt-4o-mini',
      messages,
      tools,
    })
    expect(second.choices[0]?.message.content).toMatch(/temp[\s\S]*18/)
  })

  it('structured output validates against the schema', async () => {
    const openai = client()
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string' },
        age: { type: 'integer', minimum: 0, maximum: 120 },
        hobbies: { type: 'array', items: { type: 'string' } },
      },
      required: ['name', 'age', 'hobbies'],
      additionalProperties: false,
    }
    const res = await openai.chat.completions.create({
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'Make up a person who is 34' }],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'person', schema, strict: true },
      },
    })
    const value = JSON.parse(res.choices[0]?.message.content ?? '')
    expect(ajv.validate(schema, value)).toBe(true)
    expect(value.age).toBe(34)
  })

  it('embeddings (SDK default base64 and explicit float)', async () => {
    const openai = client()
    const b64 = await openai.embeddings.create({
      model: 'openai/text-embedding-3-small',
      input: 'hello world',
    })
    const float = await openai.embeddings.create({
      model: 'openai/text-embedding-3-small',
      input: 'hello world',
      encoding_format: 'float',
    })
    expect(b64.data[0]?.embedding).toHaveLength(1536)
    const a = b64.data[0]?.embedding ?? []
    const b = float.data[0]?.embedding ?? []
    for (let i = 0; i < 20; i++) expect(a[i]).toBeCloseTo(b[i] ?? NaN, 6)
  })

  it('errors surface as SDK errors with the cloud body', async () => {
    const openai = client()
    const error = await openai.chat.completions
      .create({
        model: '5a4db0c0-0000-4000-8000-0000000000a1',
        messages: [{ role: 'user', content: 'hi' }],
      })
      .then(
        () => null,
        (e: unknown) => e,
      )
    expect(error).toBeInstanceOf(OpenAI.InternalServerError)
    expect((error as InstanceType<typeof OpenAI.APIError>).message).toMatch(/Pricing unavailable/)
  })
})
