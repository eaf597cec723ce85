import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/lib/api-error'
import { streamCompletion, streamRoomMessage, type StreamEvent } from './stream'

const encoder = new TextEncoder()

/** An SSE body that sends `frames` one per chunk, and then ends (or errors: a cut connection). */
function sseBody(frames: string[], end: 'close' | 'error' = 'close') {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const f of frames) controller.enqueue(encoder.encode(`data: ${f}\n\n`))
      if (end === 'close') controller.close()
      else controller.error(new TypeError('terminated'))
    },
  })
}

function stubFetch(response: () => Response) {
  const calls: { url: string; body: unknown }[] = []
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, body: JSON.parse(String(init.body)) as unknown })
    return response()
  })
  return calls
}

const sse = (frames: string[], end: 'close' | 'error' = 'close') =>
  new Response(sseBody(frames, end), { headers: { 'Content-Type': 'text/event-stream' } })

// Chunks as in docs/cloud/chat.md "Streaming response", plus the sandbox's usage chunk (an extension).
const chunk = (delta: object, finish: string | null = null) =>
  JSON.stringify({
    id: 'chatcmpl-1717230000123',
    object: 'chat.completion.chunk',
    created: 1717230000,
    model: 'openai/gpt-4o-mini',
    choices: [{ index: 0, delta, finish_reason: finish }],
  })
const usage = JSON.stringify({
  id: 'chatcmpl-1717230000123',
  object: 'chat.completion.chunk',
  choices: [],
  usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 },
})

async function collect(it: AsyncIterable<StreamEvent>) {
  const out: StreamEvent[] = []
  for await (const e of it) out.push(e)
  return out
}

afterEach(() => vi.unstubAllGlobals())

describe('streamCompletion', () => {
  it('yields deltas, the finish reason and usage, and asks for usage and a stream', async () => {
    const calls = stubFetch(() =>
      sse([
        chunk({ content: 'Hel' }),
        chunk({ content: 'lo!' }),
        chunk({}, 'stop'),
        usage,
        '[DONE]',
      ]),
    )
    const onAccepted = vi.fn()
    const events = await collect(
      streamCompletion(
        { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] },
        { signal: new AbortController().signal, onAccepted },
      ),
    )
    expect(events).toEqual([
      { type: 'delta', text: 'Hel' },
      { type: 'delta', text: 'lo!' },
      { type: 'finish', reason: 'stop' },
      { type: 'usage', inputTokens: 12, outputTokens: 7 },
    ])
    expect(onAccepted).toHaveBeenCalledOnce()
    expect(calls[0]?.url).toBe('/api/v1/chat/completions')
    expect(calls[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } })
  })

  it('throws stream_cut when the stream ends without [DONE]', async () => {
    stubFetch(() => sse([chunk({ content: 'Hel' })]))
    const events: StreamEvent[] = []
    const run = async () => {
      for await (const e of streamCompletion(
        { model: 'm', messages: [{ role: 'user', content: 'x' }] },
        { signal: new AbortController().signal },
      ))
        events.push(e)
    }
    await expect(run()).rejects.toMatchObject({ kind: 'stream_cut' })
    expect(events).toEqual([{ type: 'delta', text: 'Hel' }])
  })

  it('throws stream_cut when the connection errors mid-body', async () => {
    stubFetch(() => sse([chunk({ content: 'Hel' })], 'error'))
    const run = collect(
      streamCompletion(
        { model: 'm', messages: [{ role: 'user', content: 'x' }] },
        { signal: new AbortController().signal },
      ),
    )
    await expect(run).rejects.toMatchObject({ kind: 'stream_cut' })
  })

  it('turns a 402 before the stream into insufficient_credits, without accepting', async () => {
    stubFetch(() =>
      Response.json(
        {
          error: {
            message: 'Insufficient credits. Required: $0.0042',
            type: 'insufficient_quota',
            code: 'insufficient_credits',
          },
        },
        { status: 402 },
      ),
    )
    const onAccepted = vi.fn()
    const run = collect(
      streamCompletion(
        { model: 'm', messages: [{ role: 'user', content: 'x' }] },
        { signal: new AbortController().signal, onAccepted },
      ),
    )
    await expect(run).rejects.toBeInstanceOf(ApiError)
    await expect(run).rejects.toMatchObject({ kind: 'insufficient_credits', status: 402 })
    expect(onAccepted).not.toHaveBeenCalled()
  })
})

describe('streamRoomMessage', () => {
  it('yields the deltas and the usage with its cost from the done event', async () => {
    const calls = stubFetch(() =>
      sse([
        JSON.stringify({ type: 'user_message', message: {} }),
        JSON.stringify({ type: 'delta', delta: 'I am ' }),
        JSON.stringify({ type: 'delta', delta: 'Lore Keeper.' }),
        JSON.stringify({
          type: 'done',
          message: {},
          usage: {
            model: 'openai/gpt-4o-mini',
            inputTokens: 40,
            outputTokens: 5,
            totalTokens: 45,
            cost: 0.00002,
          },
        }),
        '[DONE]',
      ]),
    )
    const events = await collect(
      streamRoomMessage('room-1', 'Who are you?', { signal: new AbortController().signal }),
    )
    expect(events).toEqual([
      { type: 'delta', text: 'I am ' },
      { type: 'delta', text: 'Lore Keeper.' },
      { type: 'usage', inputTokens: 40, outputTokens: 5, costUsd: 0.00002 },
      { type: 'finish', reason: 'stop' },
    ])
    expect(calls[0]).toEqual({
      url: '/api/eliza/rooms/room-1/messages/stream',
      body: { text: 'Who are you?' },
    })
  })
})
