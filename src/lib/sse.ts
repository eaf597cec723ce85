import { createParser, type EventSourceMessage } from 'eventsource-parser'

/** One server-sent event. `event` and `id` are absent when the stream did not name them. */
export interface SseEvent {
  event?: string
  data: string
  id?: string
}

/**
 * Reads a `text/event-stream` body and yields every event as it completes.
 *
 * - Lines may end in CRLF, LF or CR; the input may be split at any byte (also inside a
 *   multi-byte character or between CR and LF). Multi-line `data:` is joined with `\n`,
 *   comments (`: ping`) are skipped, an event without a terminating blank line at the end of the
 *   stream is discarded (as the SSE spec says).
 * - When `signal` aborts, the generator stops quietly (no throw) and cancels the body.
 * - When the stream itself fails (a cut connection), the error is rethrown unchanged so the
 *   caller can decide, e.g. turn it into an `ApiError('stream_cut', …)`.
 * - Breaking out of a `for await` loop cancels the body.
 */
export async function* readSseEvents(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<SseEvent> {
  if (signal?.aborted) {
    await body.cancel().catch(() => undefined)
    return
  }
  const reader = body.getReader()
  const decoder = new TextDecoder()
  const pending: SseEvent[] = []
  const parser = createParser({
    onEvent: (message: EventSourceMessage) => pending.push(toEvent(message)),
  })

  let abort: (() => void) | undefined
  const aborted = new Promise<'aborted'>((resolve) => {
    abort = () => resolve('aborted')
    signal?.addEventListener('abort', abort, { once: true })
  })

  let isDone = false
  let lastChar = ''
  try {
    while (true) {
      let result: ReadableStreamReadResult<Uint8Array> | 'aborted'
      try {
        result = await Promise.race([reader.read(), aborted])
      } catch (error) {
        // fetch aborted by the same signal errors the body with an AbortError: that is a stop
        if (signal?.aborted) return
        throw error
      }
      if (result === 'aborted') return

      if (result.done) {
        isDone = true
        const tail = decoder.decode()
        if (tail) {
          parser.feed(tail)
          lastChar = tail.slice(-1)
        }
        // the parser holds a trailing CR back in case an LF follows; at the end nothing will, so
        // complete that line ending (otherwise a CR-only stream would lose its last event)
        if (lastChar === '\r') parser.feed('\n')
        yield* drain(pending)
        return
      }

      const text = decoder.decode(result.value, { stream: true })
      if (text) {
        parser.feed(text)
        lastChar = text.slice(-1)
      }
      for (const event of drain(pending)) {
        if (signal?.aborted) return
        yield event
      }
    }
  } finally {
    if (abort) signal?.removeEventListener('abort', abort)
    if (!isDone) await reader.cancel().catch(() => undefined)
    reader.releaseLock()
  }
}

/**
 * Reads a `text/event-stream` body and yields each event's `data` payload (see
 * {@link readSseEvents} for line endings, abort and error behaviour).
 */
export async function* readSse(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<string> {
  for await (const event of readSseEvents(body, signal)) yield event.data
}

function toEvent(message: EventSourceMessage): SseEvent {
  const event: SseEvent = { data: message.data }
  if (message.event !== undefined) event.event = message.event
  if (message.id !== undefined) event.id = message.id
  return event
}

function* drain(queue: SseEvent[]): Generator<SseEvent> {
  while (queue.length > 0) {
    const next = queue.shift()
    if (next) yield next
  }
}
