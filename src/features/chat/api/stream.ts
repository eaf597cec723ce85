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
 * Streams a completion (chat.md "Streaming response"). A billed POST, so it is not a query
 * (STYLE.md §9). `stream_options.include_usage` is a sandbox extension: the real cloud sends no
 * usage chunk, so token counts may be missing. A stream that ends without `[DONE]` and was not
 * stopped by the caller throws `ApiError('stream_cut')`.
 */
export async function* streamCompletion(
  body: ChatRequest,
  { signal, onAccepted, onFrame }: StreamOptions,
): AsyncGenerator<StreamEvent> {
  const res = await api.raw('/api/v1/chat/completions', {
    method: 'POST',
    body: { ...body, stream: true, stream_options: { include_usage: true } },
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
      const parsed = chunkSchema.safeParse(parseJson(data, res.status))
      if (!parsed.success) continue // an unknown frame is skipped, not fatal
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
            ...(call.function?.arguments !== undefined
              ? { arguments: call.function.arguments }
              : {}),
          }
        }
        if (choice.finish_reason) yield { type: 'finish', reason: choice.finish_reason }
      }
    }
  } catch (error) {
    if (signal.aborted) return
    if (error instanceof ApiError) throw error
    throw cut(res.status)
  }
  if (!isFinished && !signal.aborted) throw cut(res.status)
}

/** Creates a room with an agent (chat.md "Talking to a specific agent", option 1). */
export async function createRoom(agentId: string, signal?: AbortSignal): Promise<string> {
  const res = await api.post('/api/eliza/rooms', {
    body: { characterId: agentId },
    signal,
    schema: roomCreatedSchema,
  })
  return res.roomId
}

/**
 * Sends one message to a room and streams the agent's reply in persona. The room keeps the
 * history on the server, so only the new text is sent.
 */
export async function* streamRoomMessage(
  roomId: string,
  text: string,
  { signal, onAccepted, onFrame }: StreamOptions,
): AsyncGenerator<StreamEvent> {
  const res = await api.raw(`/api/eliza/rooms/${encodeURIComponent(roomId)}/messages/stream`, {
    method: 'POST',
    body: { text },
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
      const parsed = roomEventSchema.safeParse(parseJson(data, res.status))
      if (!parsed.success) continue
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
  } catch (error) {
    if (signal.aborted) return
    if (error instanceof ApiError) throw error
    throw cut(res.status)
  }
  if (!isFinished && !signal.aborted) throw cut(res.status)
}
