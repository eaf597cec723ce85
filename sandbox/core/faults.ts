// Injected faults (test mode only): the next N matching requests fail in a chosen way, so the
// console's error states come from the sandbox, not from timing (docs/architecture.md §11, §12).
import { randomUUID } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { z } from 'zod'

export const faultInput = z.object({
  /** Pathname prefix; default: any `/api/` path. */
  path: z.string().startsWith('/').optional(),
  method: z
    .string()
    .min(1)
    .transform((m) => m.toUpperCase())
    .optional(),
  count: z.number().int().min(1).default(1),
  status: z.number().int().min(200).max(599).optional(),
  body: z.unknown().optional(),
  shape: z.enum(['json', 'html', 'empty']).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  hang: z.boolean().optional(),
  cutAfterChunks: z.number().int().min(0).optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
})
export type FaultInput = z.input<typeof faultInput>
export type FaultSpec = z.output<typeof faultInput>

interface Fault extends FaultSpec {
  id: string
  remaining: number
}

export class FaultRegistry {
  private faults: Fault[] = []
  /** Aborted on reset/close so hanging requests are released. */
  private release = new AbortController()

  add(spec: FaultSpec): string {
    const id = randomUUID()
    this.faults.push({ ...spec, id, remaining: spec.count })
    return id
  }

  /** The oldest fault matching the request, with one use consumed. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find(
      (f) =>
        (f.path === undefined ? path.startsWith('/api/') : path.startsWith(f.path)) &&
        (f.method === undefined || f.method === method.toUpperCase()),
    )
    if (!fault) return undefined
    fault.remaining--
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault)
    return fault
  }

  get pending(): number {
    return this.faults.reduce((n, f) => n + f.remaining, 0)
  }

  list() {
    return this.faults.map(({ id, remaining, ...spec }) => ({ id, remaining, ...spec }))
  }

  /** Drops every fault and releases requests that are hanging. */
  clear(): number {
    const cleared = this.faults.length
    this.faults = []
    this.release.abort()
    this.release = new AbortController()
    return cleared
  }

  get releaseSignal(): AbortSignal {
    return this.release.signal
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function untilAborted(...signals: AbortSignal[]): Promise<void> {
  return new Promise((resolve) => {
    if (signals.some((s) => s.aborted)) return resolve()
    for (const s of signals) s.addEventListener('abort', () => resolve(), { once: true })
  })
}

const NULL_BODY_STATUSES = new Set([204, 205, 304])

function syntheticResponse(fault: Fault): Response {
  const status = fault.status ?? 500
  const shape = fault.shape ?? 'json'
  if (shape === 'empty' || NULL_BODY_STATUSES.has(status)) return new Response(null, { status })
  if (shape === 'html') {
    // What a CDN or platform error page looks like: HTML where the client expects JSON.
    const html =
      typeof fault.body === 'string'
        ? fault.body
        : `<!DOCTYPE html><html><head><title>${status} Error</title></head>` +
          `<body><h1>${status}</h1><p>An error occurred (sandbox fault).</p></body></html>`
    return new Response(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } })
  }
  return Response.json(fault.body === undefined ? { error: 'Sandbox fault' } : fault.body, {
    status,
  })
}

const CUT_CHUNK_BYTES = 64

/**
 * Passes `k` chunks of `body` through, then cuts it. A body that arrives as one buffer (plain
 * JSON) is re-cut into 64-byte chunks so the cut lands inside it; a streamed body (SSE) keeps
 * its own chunks.
 *
 * The cut: with `endSocket` (served over HTTP), the socket is ended once the written chunks
 * are flushed, without the final empty chunk of the chunked encoding, so the client sees
 * headers, k chunks and then a connection that closes mid-body. Erroring the stream instead
 * would make the node adapter destroy the socket before its corked writes go out, and log the
 * error. Without a socket (`app.request`), the stream errors.
 */
export function cutStream(
  body: ReadableStream<Uint8Array>,
  k: number,
  isStreamed: boolean,
  endSocket?: () => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  const queue: Uint8Array[] = []
  let sent = 0
  let cancelled: () => void = () => undefined
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (sent >= k) {
          await reader.cancel().catch(() => undefined)
          if (!endSocket) {
            controller.error(new Error('sandbox fault: body cut'))
            return
          }
          endSocket()
          // Stay pending: the adapter cancels this stream when the socket closes.
          await new Promise<void>((resolve) => (cancelled = resolve))
          return
        }
        if (queue.length === 0) {
          const { done, value } = await reader.read()
          if (done) {
            // The body was shorter than k chunks: it ends without a cut.
            controller.close()
            return
          }
          if (isStreamed) queue.push(value)
          else {
            for (let i = 0; i < value.byteLength; i += CUT_CHUNK_BYTES) {
              queue.push(value.subarray(i, i + CUT_CHUNK_BYTES))
            }
          }
        }
        const next = queue.shift()
        if (next) {
          controller.enqueue(next)
          sent++
        }
      },
      cancel(reason) {
        cancelled()
        return reader.cancel(reason)
      },
    },
    // Pull only when the consumer reads: the cut must come after the k-th chunk was written,
    // never ahead of it.
    { highWaterMark: 0 },
  )
}

/** The Node response under a request served by @hono/node-server, if any. */
function nodeSocket(env: unknown): { end(): void } | undefined {
  if (typeof env !== 'object' || env === null || !('outgoing' in env)) return undefined
  const outgoing = env.outgoing as { socket?: { end(): void } | null }
  return outgoing.socket ?? undefined
}

/**
 * Runs before the edge gate and handler auth, for every path except `/__sandbox/*`.
 * Order: latency → hang → synthetic response or the real one → extra headers → cut.
 */
export function faultMiddleware(registry: FaultRegistry): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path.startsWith('/__sandbox/')) return next()
    const fault = registry.take(c.req.method, c.req.path)
    if (!fault) return next()

    const released = registry.releaseSignal
    if (fault.latencyMs) await sleep(fault.latencyMs)
    if (fault.hang) {
      // Never answer; the client gives up (its abort reaches us as the request signal), or a
      // reset/close releases us. Either way nobody reads what we return then.
      await untilAborted(c.req.raw.signal, released)
      return new Response(null, { status: 499 })
    }

    const synthetic =
      fault.status !== undefined || fault.body !== undefined || fault.shape !== undefined
    let res: Response
    if (synthetic) res = syntheticResponse(fault)
    else {
      await next()
      res = c.res
    }
    const headers = new Headers(res.headers)
    for (const [name, value] of Object.entries(fault.headers ?? {})) headers.set(name, value)

    if (fault.cutAfterChunks !== undefined && res.body) {
      const isStreamed = (headers.get('content-type') ?? '').includes('text/event-stream')
      headers.delete('content-length')
      // Chunked transfer makes the node adapter send the headers and stream the body instead of
      // buffering the first chunks, so the cut happens mid-body.
      headers.set('transfer-encoding', 'chunked')
      const socket = nodeSocket(c.env)
      const cut = cutStream(
        res.body,
        fault.cutAfterChunks,
        isStreamed,
        socket && (() => socket.end()),
      )
      c.res = undefined
      c.res = new Response(cut, { status: res.status, headers })
      return
    }
    c.res = undefined
    c.res = new Response(res.body, { status: res.status, headers })
  }
}
