import { api } from '@/lib/api-client'
import { ApiError } from '@/lib/api-error'
import { readSse } from '@/lib/sse'
import { chunkSchema, roomCreatedSchema, roomEventSchema, type ChatRequest } from './schemas'

/** What a reply stream yields, whichever route it came from. */
export type StreamEvent =
  | { type: 'delta'; text: string }
  | { type: 'usage'; inputTokens: number; outputTokens: number; costUsd?: number }
  | { type: 'finish'; reason: string }
  | { type: 'tool_call'; index: number; id?: string; name?: string; arguments?: string }

export type StreamOptions = {
  signal: AbortSignal
  /** Called once the cloud accepted the request (headers in, status 2xx), before any token. */
  onAccepted?: () => void
  /** Every SSE `data:` payload as it arrived (the raw stream inspector). */
  onFrame?: (data: string) => void
}

function parseJson(data: string, status: number): unknown {
  try {
    return JSON.parse(data) as unknown
  } catch (error) {
    throw new ApiError(
      'bad_response',
      'The stream sent a frame that is not JSON.',
      status,
      {},
      {
        cause: error,
      },
    )
  }
}

const cut = (status: number) =>
  new ApiError('stream_cut', 'The reply was cut off before it was complete.', status)

/**
 * POSTs `body` to an SSE route and yields the events `toEvents` maps each JSON frame to. A frame
 * that is not JSON throws `ApiError('bad_response')`; a stream that ends without `[DONE]` and was
 * not stopped by the caller throws `ApiError('stream_cut')`.
 */
async function* streamFrames(
  path: string,
  body: unknown,
  { signal, onAccepted, onFrame }: StreamOptions,
  toEvents: (payload: unknown) => Iterable<StreamEvent>,
): AsyncGenerator<StreamEvent> {
  const res = await api.raw(path, {
    method: 'POST',
    body,
    headers: { Accept: 'text/event-stream' },
    signal,
  })
  onAccepted?.()
  if (!res.body) throw cut(res.status)
  let isFinished = false
  try {
    for await (const data of readSse(res.body, signal)) {
      onFrame?.(data)
      if (data === '[DONE]') {
        isFinished = true
        break
      }
      yield* toEvents(parseJson(data, res.status))
    }
  } catch (error) {
    if (signal.aborted) return
    if (error instanceof ApiError) throw error
    throw cut(res.status)
  }
  if (!isFinished && !signal.aborted) throw cut(res.status)
}

function* completionChunkEvents(payload: unknown): Generator<StreamEvent> {
  const parsed = chunkSchema.safeParse(payload)
  if (!parsed.success) return // an unknown frame is skipped, not fatal
  const chunk = parsed.data
  if (chunk.usage) {
    yield {
      type: 'usage',
      inputTokens: chunk.usage.prompt_tokens,
      outputTokens: chunk.usage.completion_tokens,
    }
  }
  for (const choice of chunk.choices) {
    const text = choice.delta?.content
    if (text) yield { type: 'delta', text }
    for (const call of choice.delta?.tool_calls ?? []) {
      yield {
        type: 'tool_call',
        index: call.index,
        ...(call.id !== undefined ? { id: call.id } : {}),
        ...(call.function?.name !== undefined ? { name: call.function.name } : {}),
        ...(call.function?.arguments !== undefined ? { arguments: call.function.arguments } : {}),
      }
    }
    if (choice.finish_reason) yield { type: 'finish', reason: choice.finish_reason }
  }
}

/**
 * Streams a completion (docs/cloud/chat.md "Streaming response"). A billed POST, so it is not a query
 * (docs/architecture.md §9). `stream_options.include_usage` is a sandbox extension: the real cloud sends no
 * usage chunk, so token counts may be missing. A stream that ends without `[DONE]` and was not
 * stopped by the caller throws `ApiError('stream_cut')`.
 */
export function streamCompletion(
  body: ChatRequest,
  options: StreamOptions,
): AsyncGenerator<StreamEvent> {
  return streamFrames(
    '/api/v1/chat/completions',
    { ...body, stream: true, stream_options: { include_usage: true } },
    options,
    completionChunkEvents,
  )
}

/** Creates a room with an agent (docs/cloud/chat.md "Talking to a specific agent", option 1). */
export async function createRoom(agentId: string, signal?: AbortSignal): Promise<string> {
  const res = await api.post('/api/eliza/rooms', {
    body: { characterId: agentId },
    signal,
    schema: roomCreatedSchema,
  })
  return res.roomId
}

function* roomEvents(payload: unknown): Generator<StreamEvent> {
  const parsed = roomEventSchema.safeParse(payload)
  if (!parsed.success) return
  const event = parsed.data
  if (event.type === 'delta') yield { type: 'delta', text: event.delta }
  else if (event.type === 'done') {
    if (event.usage) {
      yield {
        type: 'usage',
        inputTokens: event.usage.inputTokens,
        outputTokens: event.usage.outputTokens,
        ...(event.usage.cost !== undefined ? { costUsd: event.usage.cost } : {}),
      }
    }
    yield { type: 'finish', reason: 'stop' }
  }
}

/**
 * Sends one message to a room and streams the agent's reply in persona. The room keeps the
 * history on the server, so only the new text is sent.
 */
export function streamRoomMessage(
  roomId: string,
  text: string,
  options: StreamOptions,
): AsyncGenerator<StreamEvent> {
  return streamFrames(
    `/api/eliza/rooms/${encodeURIComponent(roomId)}/messages/stream`,
    { text },
    options,
    roomEvents,
  )
}
