// The platform A2A endpoint's answers (docs/a2a.md), parsed with zod/mini. Parts are told apart
// by `type` (the cloud's spelling); the sandbox's extension may add `kind`, which is kept.
import { z } from 'zod/mini'

/** GET /api/a2a: the service description (docs/a2a.md §Service description). */
export const serviceSchema = z.object({
  name: z.string(),
  version: z.optional(z.string()),
  protocolVersion: z.optional(z.string()),
  methods: z.array(z.object({ name: z.string(), description: z.optional(z.string()) })),
  skills: z.array(z.object({ id: z.string(), description: z.optional(z.string()) })),
})
export type A2aService = z.infer<typeof serviceSchema>

const fileSchema = z.object({
  bytes: z.optional(z.string()),
  uri: z.optional(z.string()),
  mimeType: z.optional(z.string()),
  name: z.optional(z.string()),
})

/**
 * One part. A part the console cannot place (no `type`, or a `kind` only) is kept as `other` so
 * it is still shown, as raw JSON, rather than refused.
 */
export const partSchema = z.looseObject({
  type: z.optional(z.string()),
  kind: z.optional(z.string()),
  text: z.optional(z.unknown()),
  data: z.optional(z.unknown()),
  file: z.optional(fileSchema),
})
export type Part = z.infer<typeof partSchema>

export const messageSchema = z.object({
  role: z.string(),
  parts: z.array(partSchema),
  metadata: z.optional(z.record(z.string(), z.unknown())),
})
export type Message = z.infer<typeof messageSchema>

export const artifactSchema = z.object({
  name: z.optional(z.string()),
  description: z.optional(z.string()),
  parts: z.array(partSchema),
})
export type Artifact = z.infer<typeof artifactSchema>

/** States the type allows; the cloud only produces `working`, `completed` and `canceled`. */
export const TASK_STATES = [
  'submitted',
  'working',
  'input-required',
  'auth-required',
  'completed',
  'canceled',
  'failed',
  'rejected',
] as const
export type TaskState = (typeof TASK_STATES)[number]
export const TERMINAL_STATES: readonly TaskState[] = ['completed', 'canceled', 'failed', 'rejected']

export const taskSchema = z.object({
  id: z.string(),
  contextId: z.optional(z.string()),
  status: z.object({
    state: z.enum(TASK_STATES),
    message: z.optional(messageSchema),
    timestamp: z.optional(z.string()),
  }),
  history: z.optional(z.array(messageSchema)),
  artifacts: z.optional(z.array(artifactSchema)),
  metadata: z.optional(z.record(z.string(), z.unknown())),
})
export type Task = z.infer<typeof taskSchema>

const rpcId = z.union([z.string(), z.number(), z.null()])

/** A JSON-RPC 2.0 success whose result is a Task (all three methods answer one). */
export const rpcTaskSuccessSchema = z.object({
  jsonrpc: z.literal('2.0'),
  result: taskSchema,
  id: rpcId,
})

/** A JSON-RPC 2.0 error; the cloud sends no `data` member (docs/a2a.md §Errors). */
export const rpcErrorSchema = z.object({
  jsonrpc: z.literal('2.0'),
  error: z.object({ code: z.number(), message: z.string() }),
  id: rpcId,
})

/** What the console sends: `id` is always present (a missing one is -32600). */
export type RpcRequest = {
  jsonrpc: '2.0'
  method: string
  params?: Record<string, unknown>
  id: string | number | null
}
