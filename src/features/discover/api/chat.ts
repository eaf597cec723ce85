import { ApiError } from '@/lib/api-error'
import { api } from '@/lib/api-client'
import {
  agentChatResultSchema,
  agentRpcResponseSchema,
  type AgentChatResult,
  type ChatTurn,
} from './schemas'

/**
 * Per-agent JSON-RPC errors as ApiErrors with a clear message (docs/discover.md §Per-agent
 * errors). Several arrive with HTTP 200, so the client does not see them as failures; the
 * others (non-2xx) are read by the shared parser.
 */
export function agentRpcError(code: number, message: string, status: number): ApiError {
  const details = { code: String(code) }
  switch (code) {
    case -32602:
      return new ApiError('invalid', `The agent refused the request: ${message}.`, status, details)
    case -32003: {
      const required = /\$\s*([\d.]+)/.exec(message)?.[1]
      return new ApiError(
        'insufficient_credits',
        `Not enough credits for this reply (${message}).`,
        status,
        required ? { ...details, requiredUsd: Number(required) } : details,
      )
    }
    case -32000:
      return new ApiError(
        'server',
        `The agent's model failed to answer: ${message}.`,
        status,
        details,
      )
    case -32601:
      return new ApiError(
        'invalid',
        `The agent does not offer this method (${message}).`,
        status,
        details,
      )
    case -32002:
      return new ApiError('unauthorized', message, status, details)
    case -32001:
      return status === 403
        ? new ApiError(
            'forbidden',
            'This agent is not public, or its A2A endpoint is off.',
            status,
            details,
          )
        : new ApiError('not_found', 'This agent does not exist any more.', status, details)
    default:
      return new ApiError(status >= 500 ? 'server' : 'invalid', message, status, details)
  }
}

/**
 * One `chat` call: the whole conversation goes each time (the agent keeps no session). Billed to
 * the caller, with the owner's markup in `cost` (docs/discover.md §Per-agent chat).
 */
export async function sendAgentChat(
  agentId: string,
  messages: ChatTurn[],
  options: { model?: string; signal?: AbortSignal } = {},
): Promise<AgentChatResult> {
  const body = await api.post(`/api/agents/${agentId}/a2a`, {
    body: {
      jsonrpc: '2.0',
      id: crypto.randomUUID(),
      method: 'chat',
      params: { messages, ...(options.model ? { model: options.model } : {}) },
    },
    signal: options.signal,
    schema: agentRpcResponseSchema,
    timeoutMs: 90_000,
  })
  if (body.error) throw agentRpcError(body.error.code, body.error.message, 200)
  const parsed = agentChatResultSchema.safeParse(body.result)
  if (!parsed.success) {
    throw new ApiError('bad_response', 'The agent answered without a reply or its cost.', 200)
  }
  return parsed.data
}
