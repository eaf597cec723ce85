// Request and response shapes of the A2A and discovery routes (docs/cloud/a2a-discovery.md): they
// document the routes in /api/openapi.json. The envelopes the handlers validate with live in
// protocol.ts, discovery's query and answer in discovery.ts.
import { z } from 'zod'

export const rpcError = z.object({
  jsonrpc: z.literal('2.0'),
  error: z.object({ code: z.number().int(), message: z.string() }),
  id: z.union([z.string(), z.number(), z.null()]),
})
export const part = z
  .object({ type: z.enum(['text', 'data', 'file']).optional(), kind: z.string().optional() })
  .loose()
export const message = z.object({
  role: z.enum(['user', 'agent']),
  parts: z.array(part).min(1),
  metadata: z.record(z.string(), z.unknown()).optional(),
})
export const task = z.object({
  id: z.string(),
  contextId: z.string().optional(),
  status: z.object({
    state: z.enum([
      'submitted',
      'working',
      'input-required',
      'auth-required',
      'completed',
      'canceled',
      'failed',
      'rejected',
    ]),
    message: message.optional(),
    timestamp: z.string(),
  }),
  history: z.array(message).optional(),
  artifacts: z
    .array(
      z.object({ name: z.string().optional(), description: z.string().optional(), parts: z.any() }),
    )
    .optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
})
export const agentIdParam = z.object({ id: z.uuid() })

/** E5 with zod issues: discovery's 400. */
export const invalidParameters = z.object({ error: z.string(), details: z.array(z.any()) })
/** E5: `{error}`. */
export const bareErrorBody = z.object({ error: z.string() })
export const platformResult = z.object({ jsonrpc: z.literal('2.0'), result: task, id: z.any() })
