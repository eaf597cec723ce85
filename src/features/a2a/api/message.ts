// Builds the JSON-RPC requests the console sends to POST /api/a2a (docs/a2a.md §Methods): the
// skill form's message/send, tasks/get, tasks/cancel, and the product description's tasks/send
// example with its one-click rewrite. Pure functions, so what is sent is unit-tested.
import type { RpcRequest } from './schemas'
import { skillSpec, type SkillField, type SkillSpec } from './skill-catalog'

/** What the skill form holds: every field as typed (strings; booleans for switches). */
export type SkillFormValues = {
  /** The message's text part. */
  text: string
  /** Optional: becomes `params.metadata.taskId` (the cloud reads nothing else, docs/a2a.md §Task ids). */
  taskId: string
  /** For a skill outside the catalog: its arguments as a JSON object. */
  argsJson: string
  args: Record<string, string | boolean>
}

export type FormProblems = Record<string, string>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Task ids are the caller's choice; keep them printable and short enough for a URL. */
const TASK_ID = /^[\w.:-]{1,128}$/

export function emptyValues(spec: SkillSpec): SkillFormValues {
  const args: Record<string, string | boolean> = {}
  for (const f of spec.fields) {
    if (f.kind === 'boolean') args[f.name] = f.defaultValue
    else if (f.kind === 'select') args[f.name] = f.defaultValue
    else args[f.name] = ''
  }
  return { text: '', taskId: '', argsJson: '', args }
}

function fieldValue(
  f: SkillField,
  raw: string | boolean | undefined,
): { value?: unknown; problem?: string } {
  if (f.kind === 'boolean') return { value: raw === true }
  const s = typeof raw === 'string' ? raw.trim() : ''
  if (f.kind === 'select') return s ? { value: s } : {}
  if (s === '') {
    if ('required' in f && f.required) return { problem: `${f.label} is required.` }
    if (f.kind === 'number' && f.defaultValue !== undefined) return { value: f.defaultValue }
    if ((f.kind === 'text' || f.kind === 'textarea') && f.defaultValue !== undefined) {
      return { value: f.defaultValue }
    }
    return {}
  }
  if (f.kind === 'number') {
    const n = Number(s)
    if (!Number.isFinite(n)) return { problem: `${f.label} must be a number.` }
    if (f.integer && !Number.isInteger(n)) return { problem: `${f.label} must be a whole number.` }
    if (n < f.min || n > f.max) {
      return { problem: `${f.label} must be between ${f.min} and ${f.max}.` }
    }
    return { value: n }
  }
  if (f.kind === 'list') {
    const items = s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)
    return items.length ? { value: items } : {}
  }
  if (f.maxLength !== undefined && s.length > f.maxLength) {
    return {
      problem: `${f.label} is longer than ${f.maxLength.toLocaleString('en-US')} characters.`,
    }
  }
  if (f.format === 'url' && !/^https?:\/\/[^\s/]+\.[^\s]+/i.test(s)) {
    return { problem: `${f.label} must be an http or https address.` }
  }
  if (f.format === 'uuid' && !UUID.test(s)) return { problem: `${f.label} must be a UUID.` }
  return { value: s }
}

/**
 * Checks the form and builds the data part's object (`skill` first, then the arguments). Empty
 * optional fields are left out; fields with a default send it, as the form's placeholder says.
 */
export function buildSkillData(
  skillId: string,
  values: SkillFormValues,
): { data: Record<string, unknown>; problems: FormProblems } {
  const spec = skillSpec(skillId)
  const problems: FormProblems = {}
  const data: Record<string, unknown> = { skill: skillId }
  for (const f of spec.fields) {
    const { value, problem } = fieldValue(f, values.args[f.name])
    if (problem) problems[f.name] = problem
    else if (value !== undefined) data[f.name] = value
  }
  for (const group of spec.oneOf ?? []) {
    if (group.every((name) => data[name] === undefined)) {
      const labels = group.map((name) => spec.fields.find((f) => f.name === name)?.label ?? name)
      for (const name of group) {
        problems[name] ??= `Give ${labels.join(' or ')}.`
      }
    }
  }
  if (values.argsJson.trim()) {
    try {
      const extra: unknown = JSON.parse(values.argsJson)
      if (!extra || typeof extra !== 'object' || Array.isArray(extra)) {
        problems.argsJson = 'Arguments must be a JSON object, e.g. {"limit": 5}.'
      } else Object.assign(data, extra, { skill: skillId })
    } catch (error) {
      problems.argsJson = `Arguments are not valid JSON: ${(error as Error).message}`
    }
  }
  const text = values.text.trim()
  if (spec.text?.required && !text) problems.text = `${spec.text.label} is required.`
  if (spec.text?.maxLength !== undefined && text.length > spec.text.maxLength) {
    problems.text = `${spec.text.label} is longer than ${spec.text.maxLength.toLocaleString('en-US')} characters.`
  }
  const taskId = values.taskId.trim()
  if (taskId && !TASK_ID.test(taskId)) {
    problems.taskId = 'Task id: up to 128 letters, digits, dots, colons, dashes or underscores.'
  }
  return { data, problems }
}

let counter = 0
/** A fresh JSON-RPC id for each call (the cloud echoes it back). */
export const nextRpcId = () => ++counter

/**
 * `message/send` with a text part (when there is text) and a data part naming the skill. Parts
 * are spelled with `type`, the only spelling the cloud reads (docs/a2a.md §Parts).
 */
export function buildMessageSend(
  skillId: string,
  values: SkillFormValues,
  id: number = nextRpcId(),
): { request: RpcRequest; problems: FormProblems } {
  const { data, problems } = buildSkillData(skillId, values)
  const text = values.text.trim()
  const parts: Record<string, unknown>[] = []
  if (text) parts.push({ type: 'text', text })
  parts.push({ type: 'data', data })
  const taskId = values.taskId.trim()
  const params: Record<string, unknown> = { message: { role: 'user', parts } }
  if (taskId) params.metadata = { taskId }
  return { request: { jsonrpc: '2.0', method: 'message/send', params, id }, problems }
}

export function buildTasksGet(
  taskId: string,
  historyLength?: number,
  id: number = nextRpcId(),
): RpcRequest {
  const params: Record<string, unknown> = { id: taskId }
  if (historyLength !== undefined) params.historyLength = historyLength
  return { jsonrpc: '2.0', method: 'tasks/get', params, id }
}

export function buildTasksCancel(taskId: string, id: number = nextRpcId()): RpcRequest {
  return { jsonrpc: '2.0', method: 'tasks/cancel', params: { id: taskId }, id }
}

/** The product description's example, as it is written there: `tasks/send` with `params.id`. */
export function buildProductExample(id: number = nextRpcId()): RpcRequest {
  return {
    jsonrpc: '2.0',
    method: 'tasks/send',
    params: {
      id: 'task-123',
      message: { role: 'user', parts: [{ type: 'text', text: 'Hello! What can you do?' }] },
    },
    id,
  }
}

/**
 * The same request with the method the cloud has: `message/send`, and the task id moved from
 * `params.id` (ignored by the cloud) to `params.metadata.taskId`. Everything else is kept.
 */
export function rewriteToMessageSend(request: RpcRequest, id: number = nextRpcId()): RpcRequest {
  const { id: legacyTaskId, metadata, ...rest } = request.params ?? {}
  const meta: Record<string, unknown> =
    metadata && typeof metadata === 'object' ? { ...(metadata as Record<string, unknown>) } : {}
  if (typeof legacyTaskId === 'string' && legacyTaskId && meta.taskId === undefined) {
    meta.taskId = legacyTaskId
  }
  const params: Record<string, unknown> = { ...rest }
  if (Object.keys(meta).length) params.metadata = meta
  return { jsonrpc: '2.0', method: 'message/send', params, id }
}

/** The skill a message/send request names in its first data part (`chat_completion` otherwise). */
export function skillOfRequest(request: RpcRequest): string | undefined {
  if (request.method !== 'message/send') return undefined
  const message = request.params?.message as { parts?: unknown } | undefined
  const parts = Array.isArray(message?.parts) ? (message.parts as Record<string, unknown>[]) : []
  const data = parts.find((p) => p?.type === 'data')?.data as { skill?: unknown } | undefined
  return typeof data?.skill === 'string' ? data.skill : 'chat_completion'
}

/**
 * The skill a stored task ran, read from its first user message (for a task fetched by id that
 * this browser did not send): the data part's `skill`, else `chat_completion` (docs/a2a.md §Skills).
 */
export function skillOfTask(task: {
  history?: { role: string; parts: Record<string, unknown>[] }[]
}): string | undefined {
  const first = task.history?.find((m) => m.role === 'user')
  if (!first) return undefined
  const data = first.parts.find((p) => (p.type ?? p.kind) === 'data')?.data as
    { skill?: unknown } | undefined
  return typeof data?.skill === 'string' ? data.skill : 'chat_completion'
}
