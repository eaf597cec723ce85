// JSON-RPC 2.0 envelopes and the error table of POST /api/a2a (docs/cloud/a2a-discovery.md "Envelope" and
// "Errors (HTTP status is *not* always 200)").
import { z } from 'zod'

/** `id` must be present (null allowed); `params` an object if given. */
export const platformEnvelope = z.object({
  jsonrpc: z.literal('2.0'),
  method: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
  id: z.union([z.string(), z.number(), z.null()]),
})

/** The per-agent endpoint wants a string or number `id` (docs/cloud/a2a-discovery.md, per-agent POST). */
export const agentEnvelope = platformEnvelope.extend({ id: z.union([z.string(), z.number()]) })

export type RpcId = string | number | null

export const RPC = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  TASK_NOT_FOUND: -32001,
  AUTHENTICATION_REQUIRED: -32010,
  INSUFFICIENT_CREDITS: -32011,
  RATE_LIMITED: -32012,
  AGENT_BANNED: -32013,
} as const

/**
 * The cloud picks the code of a failed method by the words of its message, not by error type:
 * "Insufficient" → 402, "not found" → 404, "suspended"/"banned" → 403, else 500.
 */
export function classifyFailure(message: string): { code: number; status: 402 | 403 | 404 | 500 } {
  if (message.includes('Insufficient')) return { code: RPC.INSUFFICIENT_CREDITS, status: 402 }
  if (message.includes('not found')) return { code: RPC.TASK_NOT_FOUND, status: 404 }
  if (message.includes('suspended') || message.includes('banned')) {
    return { code: RPC.AGENT_BANNED, status: 403 }
  }
  return { code: RPC.INTERNAL_ERROR, status: 500 }
}

/** The platform's method list (docs/cloud/a2a-discovery.md "Methods"); anything else → -32601, HTTP 404. */
export const PLATFORM_METHODS = [
  { name: 'message/send', description: 'Send a message to create/continue a task (A2A standard)' },
  { name: 'tasks/get', description: 'Get task status and history (A2A standard)' },
  { name: 'tasks/cancel', description: 'Cancel a running task (A2A standard)' },
] as const
