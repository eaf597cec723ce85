// The live log stream (docs/cloud/containers.md §10): Server-Sent Events polled from the stored
// log lines, ended by the client, a reset or close (stopStreams).
import type { SandboxContext } from '../core/context.ts'
import { messageOf } from '../core/errors.ts'
import { catchUp } from './lifecycle.ts'
import { fillTrafficLogs, parseLine } from './logs.ts'
import type { ContainerRow } from './store.ts'

// Live log streams, so a reset or close can end them (Family.clear).
const streams = new WeakMap<SandboxContext, Set<() => void>>()
const streamsOf = (ctx: SandboxContext) => {
  let set = streams.get(ctx)
  if (!set) streams.set(ctx, (set = new Set()))
  return set
}

/** The poll and keep-alive cadence of the live log stream (docs/cloud/containers.md §10). */
export const STREAM_POLL_MS = 2_000
export const STREAM_KEEPALIVE_MS = 15_000
/** The most lines one poll of the stream sends (the cloud's own cap is not in the note). */
export const STREAM_BATCH_MAX = 2_000

interface LogRow {
  id: string
  timestamp: Date
  line: string
}

/** The live log stream (docs/cloud/containers.md §10), ended by the client, a reset or close. */
export function logStream(
  ctx: SandboxContext,
  row: ContainerRow,
  level: string,
  signal: AbortSignal,
): Response {
  const encoder = new TextEncoder()
  let lastId = 0
  let first = true
  let stop = () => {}
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text))
      }
      const poll = async () => {
        try {
          await catchUp(ctx.db, row.organization_id)
          const { rows: now } = await ctx.db.query<{ status: string }>(
            'SELECT status FROM containers WHERE id = $1',
            [row.id],
          )
          if (now[0]?.status === 'running') {
            await fillTrafficLogs(
              ctx.db,
              row.id,
              row.health_check_path ?? '/health',
              Date.now(),
              ctx.timing.logIntervalMs,
            )
          }
          // First poll: the newest ≤ 50 lines. Later polls: everything after the last line sent,
          // oldest first in slices of STREAM_BATCH_MAX, so a burst is spread over polls, never dropped.
          const { rows } = first
            ? await ctx.db.query<LogRow>(
                `SELECT id, timestamp, line FROM container_logs WHERE container_id = $1
                  ORDER BY id DESC LIMIT 50`,
                [row.id],
              )
            : await ctx.db.query<LogRow>(
                `SELECT * FROM (SELECT id, timestamp, line FROM container_logs
                                 WHERE container_id = $1 AND id > $2 ORDER BY id LIMIT $3) AS batch
                  ORDER BY id DESC`,
                [row.id, lastId, STREAM_BATCH_MAX],
              )
          first = false
          if (rows[0]) lastId = Number(rows[0].id)
          // Within one batch, newest first (docs/cloud/containers.md §10).
          for (const r of rows) {
            const entry = parseLine(r.timestamp, r.line)
            if (level === 'all' || entry.level === level)
              send(`data: ${JSON.stringify({ type: 'log', data: entry })}\n\n`)
          }
        } catch (e) {
          if (!closed) send(`data: ${JSON.stringify({ type: 'error', message: messageOf(e) })}\n\n`)
        }
      }
      const pollTimer = setInterval(() => void poll(), STREAM_POLL_MS)
      const keepAlive = setInterval(() => send(': keepalive\n\n'), STREAM_KEEPALIVE_MS)
      stop = () => {
        if (closed) return
        closed = true
        clearInterval(pollTimer)
        clearInterval(keepAlive)
        streamsOf(ctx).delete(stop)
        signal.removeEventListener('abort', stop)
        try {
          controller.close()
        } catch {
          // already closed by the consumer
        }
      }
      streamsOf(ctx).add(stop)
      signal.addEventListener('abort', stop, { once: true })
      void poll()
    },
    cancel() {
      stop()
    },
  })
  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  })
}

/** Ends every open stream of this sandbox (Family.clear). */
export function stopStreams(ctx: SandboxContext): void {
  for (const stop of [...streamsOf(ctx)]) stop()
}
