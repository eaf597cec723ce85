import { describe, expect, it } from 'vitest'
import { ApiError } from '@/lib/api-error'
import type { LogEntry } from './detail-schemas'
import { LogBuffer } from '../lib/log-buffer'
import { runLogStream, type LogSource, type LogStreamState } from './log-stream'

const at = (s: number) => new Date(Date.UTC(2026, 3, 20, 11, 0, s)).toISOString()
const entry = (s: number): LogEntry => ({ timestamp: at(s), level: 'info', message: `line ${s}` })
const frame = (e: LogEntry) => `data: ${JSON.stringify({ type: 'log', data: e })}\n\n`

/** A stream body that sends `chunks` one read at a time, then ends, errors (a cut) or stays open. */
function body(chunks: string[], end: 'close' | 'cut' | 'hold'): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const queue = [...chunks]
  return new ReadableStream({
    pull(controller) {
      const next = queue.shift()
      if (next !== undefined) controller.enqueue(encoder.encode(next))
      else if (end === 'close') controller.close()
      else if (end === 'cut') controller.error(new TypeError('network error'))
      else return new Promise<void>(() => undefined)
    },
  })
}

interface Scripted {
  fills: { query: { limit: number; since?: string }; entries: LogEntry[] }[]
  streams: ReadableStream<Uint8Array>[]
}

/** A source whose answers come from lists, recording what was asked. */
function scriptedSource(
  fills: (LogEntry[] | Error)[],
  streams: (ReadableStream<Uint8Array> | Error)[],
): LogSource & { asked: Scripted['fills'] } {
  const asked: Scripted['fills'] = []
  return {
    asked,
    async fetchLogs(query) {
      const next = fills.shift() ?? []
      if (next instanceof Error) throw next
      asked.push({ query, entries: next })
      return next
    },
    async openStream() {
      const next = streams.shift() ?? body([], 'hold')
      if (next instanceof Error) throw next
      return next
    },
  }
}

async function run(source: LogSource, until: (states: LogStreamState[], b: LogBuffer) => boolean) {
  const buffer = new LogBuffer(1000)
  const states: LogStreamState[] = []
  const controller = new AbortController()
  let lines = 0
  const done = runLogStream(
    buffer,
    source,
    controller.signal,
    (s) => {
      states.push(s)
      if (until(states, buffer)) controller.abort()
    },
    () => {
      lines++
      if (until(states, buffer)) controller.abort()
    },
    { backoffMs: 1, batchMs: 1 },
  )
  await done
  return { buffer, states: states.map((s) => s.status), full: states, lines }
}

describe('runLogStream', () => {
  it('loads the history, streams, and after a cut fills the gap without a duplicate line', async () => {
    // History newest first; the first stream batch repeats the newest lines, as the cloud does.
    const source = scriptedSource(
      [
        [entry(2), entry(1)],
        [entry(5), entry(4)],
      ],
      [
        body([frame(entry(3)), frame(entry(2)), frame(entry(1))], 'cut'),
        body([frame(entry(6)), frame(entry(5)), frame(entry(4))], 'hold'),
      ],
    )
    const { buffer, states, full } = await run(source, (_s, b) => b.size >= 6)
    expect(buffer.toArray().map((l) => l.message)).toEqual([
      'line 1',
      'line 2',
      'line 3',
      'line 4',
      'line 5',
      'line 6',
    ])
    expect(states.slice(0, 3)).toEqual(['connecting', 'live', 'reconnecting'])
    expect(states).toContain('live')
    const reconnect = full.find((s) => s.status === 'reconnecting')
    expect(reconnect).toMatchObject({ error: { kind: 'stream_cut' } })
    // The second fill asked for what came after the newest line held.
    expect(source.asked.map((a) => a.query)).toEqual([{ limit: 500 }, { limit: 500, since: at(3) }])
  })

  it('keeps retrying with a growing delay while the stream cannot be opened', async () => {
    const down = new ApiError('unavailable', 'upstream down', 502)
    const source = scriptedSource(
      [[entry(1)], [], [], []],
      [down, down, body([frame(entry(2))], 'hold')],
    )
    const { full, buffer } = await run(source, (_s, b) => b.size >= 2)
    const attempts = full.flatMap((s) => (s.status === 'reconnecting' ? [s.attempt] : []))
    expect(attempts).toContain(2)
    expect(full.filter((s) => s.status === 'reconnecting').at(-1)).toMatchObject({
      error: { kind: 'unavailable' },
    })
    expect(buffer.size).toBe(2)
  })

  it('stops with the reason when the container has no service yet (400) or is gone (404)', async () => {
    const notYet = new ApiError(
      'invalid',
      'Container has not been deployed to ECS yet. Logs will be available once deployment is complete.',
      400,
    )
    const first = await run(scriptedSource([notYet], []), () => false)
    expect(first.full.at(-1)).toEqual({ status: 'unavailable', message: notYet.message })
    const gone = new ApiError('not_found', 'Container not found', 404)
    const second = await run(scriptedSource([[]], [gone]), () => false)
    expect(second.full.at(-1)).toMatchObject({ status: 'failed', error: { kind: 'not_found' } })
  })

  it('marks a gap when a fill returns as many lines as it asked for', async () => {
    const many = Array.from({ length: 500 }, (_, i) => entry(1000 - i))
    const source = scriptedSource(
      [[entry(1)], many],
      [body([], 'cut'), body([frame(entry(1001))], 'hold')],
    )
    const { buffer } = await run(source, (_s, b) => b.newestLine()?.message === 'line 1001')
    const gap = buffer.toArray().find((l) => l.gap)
    expect(gap?.message).toMatch(/^More than 500 lines arrived while disconnected/)
  })

  it('skips frames it cannot read and reports the cloud’s poll errors', async () => {
    const errors: string[] = []
    const buffer = new LogBuffer(10)
    const controller = new AbortController()
    const source = scriptedSource(
      [[]],
      [
        body(
          [
            'data: not json\n\n',
            `data: ${JSON.stringify({ type: 'error', message: 'AWS throttled' })}\n\n`,
            ': keepalive\n\n',
            frame(entry(7)),
          ],
          'hold',
        ),
      ],
    )
    await runLogStream(
      buffer,
      source,
      controller.signal,
      () => undefined,
      () => controller.abort(),
      { batchMs: 1, onStreamError: (m) => errors.push(m) },
    )
    expect(errors).toEqual(['AWS throttled'])
    expect(buffer.toArray().map((l) => l.message)).toEqual(['line 7'])
  })
})
