import { describe, expect, it } from 'vitest'

import { readSse, readSseEvents, type SseEvent } from './sse'

const encoder = new TextEncoder()

/** A body that delivers `bytes` in the given chunks, then closes (or errors). */
function streamOf(
  chunks: Uint8Array[],
  end: 'close' | Error = 'close',
): ReadableStream<Uint8Array> {
  let i = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[i++]
      if (chunk) controller.enqueue(chunk)
      else if (end === 'close') controller.close()
      else controller.error(end)
    },
  })
}

function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const out: Uint8Array[] = []
  let start = 0
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    out.push(bytes.slice(start, cut))
    start = cut
  }
  out.push(bytes.slice(start))
  return out
}

async function collect(body: ReadableStream<Uint8Array>, signal?: AbortSignal) {
  const events: SseEvent[] = []
  for await (const event of readSseEvents(body, signal)) events.push(event)
  return events
}

// The chat stream exactly as docs/cloud/chat.md ("Wire format") shows it, one data line per event.
const CHAT_FIXTURE = [
  'data: {"id":"chatcmpl-1717230000123","object":"chat.completion.chunk","created":1717230000,"model":"openai/gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}',
  '',
  'data: {"id":"chatcmpl-1717230000123","object":"chat.completion.chunk","created":1717230001,"model":"openai/gpt-4o-mini","choices":[{"index":0,"delta":{"content":"lo!"},"finish_reason":null}]}',
  '',
  'data: {"id":"chatcmpl-1717230000123","object":"chat.completion.chunk","created":1717230001,"model":"openai/gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}',
  '',
  'data: [DONE]',
  '',
  '',
].join('\n')

// Everything the parser must cope with: comments, event names, ids, multi-line data, an empty
// data line, non-ASCII text (multi-byte UTF-8), and each of CRLF, CR and LF as line ends.
const MIXED_FIXTURE =
  ': keep-alive comment\r\n' +
  'event: message_start\r\n' +
  'id: 1\r\n' +
  'data: {"type":"message_start"}\r\n' +
  '\r\n' +
  'data: first line\r' +
  'data: second line — ünïcödé 🙂\r' +
  '\r' +
  ':ping\n' +
  'event: content_block_delta\n' +
  'data:no-space\n' +
  'data:\n' +
  'data:  two leading spaces\n' +
  '\n' +
  'data: [DONE]\r\n' +
  '\r\n'

const MIXED_EXPECTED: SseEvent[] = [
  { event: 'message_start', id: '1', data: '{"type":"message_start"}' },
  { data: 'first line\nsecond line — ünïcödé 🙂' },
  { event: 'content_block_delta', data: 'no-space\n\n two leading spaces' },
  { data: '[DONE]' },
]

describe('readSseEvents', () => {
  it('parses the docs/cloud/chat.md wire format', async () => {
    const payloads: string[] = []
    for await (const data of readSse(streamOf([encoder.encode(CHAT_FIXTURE)]))) payloads.push(data)
    expect(payloads).toHaveLength(4)
    expect(JSON.parse(payloads[0] ?? '').choices[0].delta.content).toBe('Hel')
    expect(JSON.parse(payloads[1] ?? '').choices[0].delta.content).toBe('lo!')
    expect(payloads[3]).toBe('[DONE]')
  })

  it('parses CRLF, CR, LF, comments, event names, ids and multi-line data', async () => {
    expect(await collect(streamOf([encoder.encode(MIXED_FIXTURE)]))).toEqual(MIXED_EXPECTED)
  })

  it('gives the same events when the input is split at every byte position', async () => {
    const bytes = encoder.encode(MIXED_FIXTURE)
    for (let cut = 0; cut <= bytes.length; cut++) {
      const events = await collect(streamOf(splitAt(bytes, [cut])))
      expect(events, `split at byte ${cut}`).toEqual(MIXED_EXPECTED)
    }
  })

  it('gives the same events when every byte arrives on its own', async () => {
    const bytes = encoder.encode(MIXED_FIXTURE)
    const single = Array.from(bytes, (b) => Uint8Array.of(b))
    expect(await collect(streamOf(single))).toEqual(MIXED_EXPECTED)
  })

  it('gives the same events for random chunkings (seeded)', async () => {
    let seed = 0x2f6b1d
    const random = () => {
      // xorshift32: deterministic, so a failure can be reproduced
      seed ^= seed << 13
      seed ^= seed >>> 17
      seed ^= seed << 5
      return (seed >>> 0) / 0x1_0000_0000
    }
    for (const fixture of [MIXED_FIXTURE, CHAT_FIXTURE]) {
      const bytes = encoder.encode(fixture)
      const expected = await collect(streamOf([bytes]))
      for (let round = 0; round < 200; round++) {
        const cuts = Array.from({ length: 1 + Math.floor(random() * 12) }, () =>
          Math.floor(random() * bytes.length),
        )
        const events = await collect(streamOf(splitAt(bytes, cuts)))
        expect(events, `cuts ${cuts.join(',')}`).toEqual(expected)
      }
    }
  })

  it('emits the last event of a CR-only stream when the CR ends the stream', async () => {
    const events = await collect(streamOf([encoder.encode('data: a\r\r')]))
    expect(events).toEqual([{ data: 'a' }])
  })

  it('drops an event that the stream ends in the middle of (no blank line)', async () => {
    const events = await collect(streamOf([encoder.encode('data: a\n\ndata: partial\n')]))
    expect(events).toEqual([{ data: 'a' }])
  })

  it('ignores a leading byte-order mark', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode('data: x\n\n')])
    expect(await collect(streamOf(splitAt(bytes, [1, 2])))).toEqual([{ data: 'x' }])
  })

  it('rethrows a stream error after the events that arrived (a cut connection)', async () => {
    const cut = new TypeError('terminated')
    const body = streamOf([encoder.encode('data: one\n\ndata: two\n\n')], cut)
    const seen: string[] = []
    await expect(async () => {
      for await (const data of readSse(body)) seen.push(data)
    }).rejects.toBe(cut)
    expect(seen).toEqual(['one', 'two'])
  })

  it('stops cleanly, without throwing, when the signal aborts mid-stream', async () => {
    const controller = new AbortController()
    let cancelled = false
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        // one event per pull, forever: only the abort can end this
        c.enqueue(encoder.encode(`data: ${sent++}\n\n`))
      },
      cancel() {
        cancelled = true
      },
    })
    const seen: string[] = []
    for await (const data of readSse(body, controller.signal)) {
      seen.push(data)
      if (seen.length === 3) controller.abort()
    }
    expect(seen).toEqual(['0', '1', '2'])
    expect(cancelled).toBe(true)
  })

  it('stops when the signal aborts while waiting for data', async () => {
    const controller = new AbortController()
    let cancelled = false
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(encoder.encode('data: first\n\n'))
        // then nothing more ever arrives
      },
      cancel() {
        cancelled = true
      },
    })
    const seen: string[] = []
    for await (const data of readSse(body, controller.signal)) {
      seen.push(data)
      setTimeout(() => controller.abort(), 5)
    }
    expect(seen).toEqual(['first'])
    expect(cancelled).toBe(true)
  })

  it('yields nothing for an already aborted signal', async () => {
    const controller = new AbortController()
    controller.abort()
    expect(await collect(streamOf([encoder.encode('data: x\n\n')]), controller.signal)).toEqual([])
  })

  it('a stream error after an abort is not rethrown', async () => {
    const controller = new AbortController()
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(encoder.encode('data: a\n\n'))
      },
    })
    const iterator = readSse(body, controller.signal)
    expect((await iterator.next()).value).toBe('a')
    controller.abort()
    expect((await iterator.next()).done).toBe(true)
  })

  it('breaking out of the loop cancels the body', async () => {
    let cancelled = false
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(encoder.encode('data: a\n\ndata: b\n\n'))
      },
      cancel() {
        cancelled = true
      },
    })
    for await (const data of readSse(body)) {
      expect(data).toBe('a')
      break
    }
    expect(cancelled).toBe(true)
  })
})
