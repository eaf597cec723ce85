// The A2A objects of the platform endpoint as the cloud produces them (docs/cloud/a2a-discovery.md "Objects"),
// plus the `kind` spelling of the named extension (docs/cloud/README.md.md, "Sandbox policy").
import { randomUUID } from 'node:crypto'

export type TaskState =
  | 'submitted'
  | 'working'
  | 'input-required'
  | 'auth-required'
  | 'completed'
  | 'canceled'
  | 'failed'
  | 'rejected'

export const TERMINAL_STATES: readonly TaskState[] = ['completed', 'canceled', 'failed', 'rejected']

/** Parts are whatever the caller sent; only `type` (and, as an extension, `kind`) is read. */
export type Part = Record<string, unknown>

export interface Message {
  role: string
  parts: Part[]
  metadata?: Record<string, unknown>
  [extra: string]: unknown
}

export interface Artifact {
  name?: string
  description?: string
  parts: Part[]
  [extra: string]: unknown
}

export interface Task {
  id: string
  contextId?: string
  status: { state: TaskState; message?: Message; timestamp: string }
  history?: Message[]
  artifacts?: Artifact[]
  metadata?: Record<string, unknown>
  [extra: string]: unknown
}

/**
 * Builds the parts of one reply. The cloud spells the discriminator `type`; with the `kind`
 * extension on, every part also carries `kind` and every message `kind` + `messageId`, which
 * @a2a-js/sdk's v0.3 transport requires to parse a reply.
 */
export class PartWriter {
  /** `on()` is asked on every use, so the writer follows the sandbox's strict flag. */
  constructor(private readonly on: () => boolean) {}

  get kindExtension(): boolean {
    return this.on()
  }

  part(type: 'text' | 'data' | 'file', body: Record<string, unknown>): Part {
    return this.kindExtension ? { type, kind: type, ...body } : { type, ...body }
  }

  text(text: string): Part {
    return this.part('text', { text })
  }

  data(data: Record<string, unknown>): Part {
    return this.part('data', { data })
  }

  file(file: { bytes: string; mimeType: string }): Part {
    return this.part('file', { file })
  }

  agentMessage(parts: Part[]): Message {
    return this.kindExtension
      ? { role: 'agent', parts, kind: 'message', messageId: randomUUID() }
      : { role: 'agent', parts }
  }

  artifact(parts: Part[], name: string, description: string): Artifact {
    return { name, description, parts }
  }

  /** The result object of message/send, tasks/get and tasks/cancel. */
  taskResult(task: Task): Task {
    return this.kindExtension ? { ...task, kind: 'task' } : task
  }
}

/** Which spelling decides what a part is: `type` always; `kind` only with the extension on. */
export function partType(part: unknown, kindExtension: boolean): string | undefined {
  if (!part || typeof part !== 'object') return undefined
  const p = part as Record<string, unknown>
  if (typeof p.type === 'string') return p.type
  if (kindExtension && typeof p.kind === 'string') return p.kind
  return undefined
}

/**
 * What message/send reads from a message: text parts joined with newlines, and the first data
 * part's object (where a `skill` may be named). Parts the cloud does not recognise (e.g. `kind`
 * parts in strict mode) contribute nothing, so the request degrades to an empty prompt.
 */
export function readMessage(
  parts: unknown[],
  kindExtension: boolean,
): { text: string; data: Record<string, unknown> } {
  const texts: string[] = []
  let data: Record<string, unknown> | undefined
  for (const part of parts) {
    const type = partType(part, kindExtension)
    const p = part as Record<string, unknown>
    if (type === 'text') texts.push(p.text == null ? '' : String(p.text))
    else if (type === 'data' && data === undefined) {
      data = p.data && typeof p.data === 'object' ? (p.data as Record<string, unknown>) : {}
    }
  }
  return { text: texts.join('\n'), data: data ?? {} }
}
