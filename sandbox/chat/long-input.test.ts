// One slow request must not freeze the sandbox (docs/chat.md §Token counting): a 100,000-character
// run of one character is counted in bounded time on every path that counts tokens, other requests
// keep answering meanwhile, and the answer keeps the shape of a short message's.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  a2aMessage,
  openTestSandbox,
  SANDBOX_TIMEOUTS,
  type TestSandbox,
} from '../core/test-utils.ts'
import { countTokens, encoderFor, LONG_PIECE, tokenChunks, truncateToTokens } from './tokens.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
  await encoderFor('openai/gpt-4o-mini') // the rank table's one-time load is not what we measure
})
afterAll(() => sb.close())

const LONG = 'a'.repeat(100_000)
const post = (path: string, body: unknown) =>
  sb.call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })

/**
 * Runs `request` while polling /api/v1/credits/balance back to back; returns the response and
 * the slowest balance answer seen. A blocked event loop shows as one very slow balance call.
 */
async function whileBalancePolls(request: () => Promise<Response>) {
  let done = false
  let slowest = 0
  let polls = 0
  const poller = (async () => {
    while (!done) {
      const started = performance.now()
      const res = await sb.call('/api/v1/credits/balance?fresh=true')
      expect(res.status).toBe(200)
      await res.json()
      slowest = Math.max(slowest, performance.now() - started)
      polls += 1
      await new Promise((resolve) => setImmediate(resolve))
    }
  })()
  const res = await request()
  const body: unknown = await res.json()
  done = true
  await poller
  return { status: res.status, body, slowest, polls }
}

/** The keys of an object and of its nested objects, to compare shapes not values. */
const shape = (value: unknown): unknown =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]))
    : Array.isArray(value)
      ? value.slice(0, 1).map(shape)
      : typeof value

describe('a 100,000-character run of one character', () => {
  it('is counted in bounded time, near 4 characters a token', async () => {
    const enc = await encoderFor('openai/gpt-4o-mini')
    const started = performance.now()
    const n = countTokens(enc, LONG)
    expect(performance.now() - started).toBeLessThan(500)
    expect(n).toBe(25_000)
    const chunks = tokenChunks(enc, `Hi ${LONG} bye`)
    expect(chunks.join('')).toBe(`Hi ${LONG} bye`)
    const cut = truncateToTokens(enc, `x ${LONG}`, 10)
    expect(cut).toMatchObject({ truncated: true, tokens: 10 })
    expect(LONG.startsWith(cut.text.slice(2))).toBe(true)
  })

  it('leaves ordinary text counted exactly, pieces up to LONG_PIECE included', async () => {
    const enc = await encoderFor('openai/gpt-4o-mini')
    const text = `Grüße 👋🏽 — 東京 ${'b'.repeat(LONG_PIECE)} <|endoftext|> ${'word '.repeat(2000)}`
    expect(countTokens(enc, text)).toBe(enc.encode(text, [], []).length)
  })

  it('does not block /api/v1/credits/balance during a chat completion', async () => {
    const short = await post('/api/v1/chat/completions', {
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hello' }],
    })
    const long = await whileBalancePolls(() =>
      post('/api/v1/chat/completions', {
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content: LONG }],
      }),
    )
    expect(long.status).toBe(200)
    expect(long.polls).toBeGreaterThan(0)
    expect(long.slowest).toBeLessThan(500)
    expect(shape(long.body)).toEqual(shape(await short.json()))
    const usage = (long.body as { usage: { prompt_tokens: number } }).usage
    expect(usage.prompt_tokens).toBeGreaterThan(25_000)
  })

  it('does not block during embeddings', async () => {
    const long = await whileBalancePolls(() =>
      post('/api/v1/embeddings', { model: 'openai/text-embedding-3-small', input: LONG }),
    )
    expect(long.status).toBe(200)
    expect(long.slowest).toBeLessThan(500)
    expect(long.body).toMatchObject({ usage: { prompt_tokens: 25_000, total_tokens: 25_000 } })
  })

  it('does not block during an A2A chat_completion', async () => {
    const long = await whileBalancePolls(() => post('/api/a2a', a2aMessage(LONG)))
    expect(long.status).toBe(200)
    expect(long.slowest).toBeLessThan(500)
    expect(long.body).toMatchObject({
      jsonrpc: '2.0',
      id: 1,
      result: { status: { state: 'completed' } },
    })
  })
})
