// Live logs (docs/containers.md §Live logs): the SSE stream through the proxy, read with
// lib/sse.ts, into a LogBuffer. The stream has no ids, no end event and only a keep-alive every
// 15 s, so any proxy or host may cut it: it reconnects by itself, first filling the gap from
// /logs?since=<newest line>, and the buffer drops every line it already holds. A stream that
// stays silent (the cloud's stream can miss the log group) is backed by the same /logs poll.
import { api } from '@/lib/api-client'
import { ApiError, isApiError } from '@/lib/api-error'
import { readSse } from '@/lib/sse'
import { logsSchema, logStreamEventSchema, type LogEntry } from './detail-schemas'
import type { LogBuffer } from '../lib/log-buffer'

export type LogStreamState =
  | { status: 'connecting' }
  | { status: 'live'; since: number }
  /** The stream ended or could not be opened; the next attempt starts at `retryAt`. */
  | { status: 'reconnecting'; attempt: number; retryAt: number; error: ApiError | null }
  /** Nothing to stream yet (400: not deployed to ECS yet): the cloud's sentence. */
  | { status: 'unavailable'; message: string }
  | { status: 'failed'; error: ApiError }
  | { status: 'stopped' }

export interface LogSource {
  /** GET …/logs, newest first (docs/containers.md §Logs). */
  fetchLogs(query: { limit: number; since?: string }, signal: AbortSignal): Promise<LogEntry[]>
  /** GET …/logs/stream's body. */
  openStream(signal: AbortSignal): Promise<ReadableStream<Uint8Array>>
}

export interface LogStreamOptions {
  /** Lines asked for on start and per gap fill (/logs caps `limit` at 500). */
  fillLimit?: number
  /** First reconnect delay; doubles per failed attempt up to `maxBackoffMs`. */
  backoffMs?: number
  maxBackoffMs?: number
  /** A stream that delivered nothing for this long is backed by a /logs poll. */
  silentPollMs?: number
  /** Stream events are collected this long and added as one batch (a poll arrives as many events). */
  batchMs?: number
  /** A poll of the stream failed on the cloud's side (`{"type":"error"}` event). */
  onStreamError?: (message: string) => void
}

/** The real source: the container's routes through the shared client (and the proxy). */
export function containerLogSource(id: string): LogSource {
  return {
    fetchLogs: (query, signal) =>
      api.get(`/api/v1/containers/${id}/logs`, { query, signal, schema: logsSchema }),
    async openStream(signal) {
      const res = await api.raw(`/api/v1/containers/${id}/logs/stream`, {
        signal,
        headers: { Accept: 'text/event-stream' },
      })
      if (!res.body) throw new ApiError('bad_response', 'The log stream has no body.', res.status)
      return res.body
    },
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })

/** Errors after which retrying cannot help: the container is gone, or the key may not read it. */
const isFinal = (e: ApiError) =>
  e.kind === 'not_found' ||
  e.kind === 'unauthorized' ||
  e.kind === 'forbidden' ||
  e.kind === 'session_only'

/**
 * Runs until `signal` aborts: fills `buffer`, calls `onLines` after each added batch and
 * `onState` on every change of connection state.
 */
export async function runLogStream(
  buffer: LogBuffer,
  source: LogSource,
  signal: AbortSignal,
  onState: (state: LogStreamState) => void,
  onLines: () => void,
  options: LogStreamOptions = {},
): Promise<void> {
  const {
    fillLimit = 500,
    backoffMs = 1_000,
    maxBackoffMs = 15_000,
    silentPollMs = 20_000,
    batchMs = 16,
  } = options
  let attempt = 0
  let hasFilled = false
  let lastError: ApiError | null = null
  let retryAt = 0

  const add = (entries: readonly LogEntry[]) => {
    if (buffer.add(entries) > 0) onLines()
  }

  /** History on start; after a cut, everything since the newest line held. */
  const fill = async () => {
    const newest = buffer.newestLine()
    const since = hasFilled ? newest?.timestamp : undefined
    const entries = await source.fetchLogs(
      since ? { limit: fillLimit, since } : { limit: fillLimit },
      signal,
    )
    hasFilled = true
    if (since && entries.length >= fillLimit) {
      // The answer is the newest `fillLimit` lines: older ones of the gap were not returned.
      const oldest = entries[entries.length - 1]
      buffer.addGap(
        oldest?.timestamp ?? since,
        `More than ${fillLimit} lines arrived while disconnected; some may be missing here`,
      )
    }
    add(entries)
  }

  while (!signal.aborted) {
    const startedAt = Date.now()
    let delivered = false
    try {
      onState(attempt === 0 && !hasFilled ? { status: 'connecting' } : currentReconnect())
      await fill()
      const body = await source.openStream(signal)
      onState({ status: 'live', since: Date.now() })
      delivered = await readStream(body)
    } catch (error) {
      if (signal.aborted) break
      const e = ApiError.from(error)
      if (isFinal(e)) {
        onState({ status: 'failed', error: e })
        return
      }
      // 400 before the container has a service (docs/containers.md §Logs): nothing to retry yet.
      if (e.kind === 'invalid') {
        onState({ status: 'unavailable', message: e.message })
        return
      }
      lastError = e
    }
    if (signal.aborted) break
    // A stream that ran a while (or brought lines) was healthy: reconnect quickly.
    if (delivered || Date.now() - startedAt > 5_000) attempt = 0
    attempt++
    const wait = Math.min(backoffMs * 2 ** (attempt - 1), maxBackoffMs)
    retryAt = Date.now() + wait
    onState(currentReconnect())
    await sleep(wait, signal)
  }
  onState({ status: 'stopped' })

  // ─── helpers sharing the loop's state (function declarations, so the loop above can call them) ───

  function currentReconnect(): LogStreamState {
    return { status: 'reconnecting', attempt, retryAt, error: lastError }
  }

  async function readStream(body: ReadableStream<Uint8Array>): Promise<boolean> {
    lastError = null
    let pending: LogEntry[] = []
    let timer: ReturnType<typeof setTimeout> | null = null
    let delivered = false
    let lastLineAt = Date.now()
    const flush = () => {
      timer = null
      const batch = pending
      pending = []
      add(batch)
    }
    // The stream's silence is not proof of no logs (docs/containers.md §Live logs, caveat).
    const silentPoll = setInterval(() => {
      if (Date.now() - lastLineAt < silentPollMs) return
      lastLineAt = Date.now()
      const newest = buffer.newestLine()
      source
        .fetchLogs(
          newest ? { limit: fillLimit, since: newest.timestamp } : { limit: fillLimit },
          signal,
        )
        .then(add, () => undefined)
    }, silentPollMs)
    try {
      for await (const data of readSse(body, signal)) {
        let event
        try {
          event = logStreamEventSchema.parse(JSON.parse(data))
        } catch {
          continue // a frame the console does not know: skip it, keep the stream
        }
        if (event.type === 'error') {
          options.onStreamError?.(event.message)
          continue
        }
        delivered = true
        lastLineAt = Date.now()
        pending.push(event.data)
        timer ??= setTimeout(flush, batchMs)
      }
    } catch (error) {
      // A cut mid-body: keep what arrived, then reconnect.
      if (!signal.aborted) {
        lastError = isApiError(error)
          ? error
          : new ApiError('stream_cut', 'The log stream was cut.', null, {}, { cause: error })
      }
    } finally {
      clearInterval(silentPoll)
      if (timer !== null) clearTimeout(timer)
      if (pending.length > 0) flush()
    }
    if (!signal.aborted && lastError === null) {
      lastError = new ApiError('stream_cut', 'The log stream ended.', null)
    }
    return delivered
  }
}
