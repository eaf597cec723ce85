// Server-sent events for the chat routes. Each route owns its wire format (OpenAI chunks, the AI
// SDK UI stream, Responses events, Anthropic named events); this only frames events, paces
// nothing, and turns a client disconnect into an AbortSignal the producer can watch.

export interface SseWriter {
  /** One event: optional `event:` line, one `data:` line, blank line. False once closed. */
  send(data: string, event?: string): boolean
  readonly signal: AbortSignal
}

export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  Connection: 'keep-alive',
}

/**
 * A streaming response whose body `produce` writes. The producer's promise ends the stream;
 * a rejection errors it (the connection closes without the final events, like the cloud's
 * "internal read failure"). `onAbort` runs when the client went away before the end.
 */
export function sseResponse(
  produce: (out: SseWriter) => Promise<void>,
  init: { headers?: Record<string, string>; requestSignal?: AbortSignal; onAbort?: () => void },
): Response {
  const abort = new AbortController()
  const encoder = new TextEncoder()
  let closed = false
  let finished = false
  const onRequestAbort = () => abort.abort()
  init.requestSignal?.addEventListener('abort', onRequestAbort, { once: true })
  abort.signal.addEventListener(
    'abort',
    () => {
      if (!finished) init.onAbort?.()
    },
    { once: true },
  )

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const writer: SseWriter = {
        signal: abort.signal,
        send(data, event) {
          if (closed || abort.signal.aborted) return false
          const frame = (event ? `event: ${event}\n` : '') + `data: ${data}\n\n`
          controller.enqueue(encoder.encode(frame))
          return true
        },
      }
      produce(writer).then(
        () => {
          finished = !abort.signal.aborted
          init.requestSignal?.removeEventListener('abort', onRequestAbort)
          if (!closed) {
            closed = true
            controller.close()
          }
        },
        (error: unknown) => {
          finished = true
          init.requestSignal?.removeEventListener('abort', onRequestAbort)
          if (!closed) {
            closed = true
            controller.error(error)
          }
        },
      )
    },
    cancel() {
      closed = true
      abort.abort()
    },
  })
  return new Response(body, { status: 200, headers: { ...SSE_HEADERS, ...init.headers } })
}
