// Request plumbing shared by the chat-shaped routes: JSON bodies the way Next.js reads them,
// OpenAI-style messages → responder turns, and the reserve → generate → settle cycle.
import type { Context } from 'hono'
import type { AuthContext } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { DEFAULT_OUTPUT_ESTIMATE, reserve, type Price, type Reservation } from './billing.ts'
import type { ChatTurn } from './responder.ts'

export type JsonBody = { ok: true; value: unknown } | { ok: false; message: string }

/** `await req.json()`: a body that is not JSON throws the parser's own message. */
export async function readJson(c: Context): Promise<JsonBody> {
  const text = await c.req.text()
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (error) {
    return { ok: false, message: (error as Error).message }
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Text of an OpenAI `content`: a string, or the text parts of an array (images/files noted). */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  const out: string[] = []
  for (const part of content) {
    if (!isRecord(part)) continue
    if (
      (part.type === 'text' || part.type === 'input_text' || part.type === 'output_text') &&
      typeof part.text === 'string'
    ) {
      out.push(part.text)
    } else if (part.type === 'image_url' || part.type === 'input_image' || part.type === 'image') {
      out.push('[image]')
    } else if (part.type === 'file' || part.type === 'input_file') {
      const file = isRecord(part.file) ? part.file : part
      out.push(`[file${typeof file.filename === 'string' ? `: ${file.filename}` : ''}]`)
    }
  }
  return out.join('\n')
}

/** Characters of all message text: the cloud's input-token estimate is this / 4. */
export const inputChars = (turns: readonly ChatTurn[]) =>
  turns.reduce((n, t) => n + t.content.length, 0)

/**
 * Applies docs/cloud/chat.md's system rule: the first system message becomes the system prompt, any
 * further system messages are dropped.
 */
export function firstSystemOnly(turns: ChatTurn[]): ChatTurn[] {
  let seen = false
  return turns.filter((t) => {
    if (t.role !== 'system') return true
    if (seen) return false
    seen = true
    return true
  })
}

/** Reserves credits for one generation; `null` means the balance cannot cover it. */
export async function reserveGeneration(
  ctx: SandboxContext,
  auth: AuthContext,
  input: {
    operation: string
    price: Price
    turns: ChatTurn[]
    maxTokens?: number
    extraChars?: number
  },
): Promise<Reservation> {
  return reserve(ctx.db, {
    organizationId: auth.organizationId,
    userId: auth.userId,
    operation: input.operation,
    price: input.price,
    inputChars: inputChars(input.turns) + (input.extraChars ?? 0),
    outputTokens: input.maxTokens ?? DEFAULT_OUTPUT_ESTIMATE,
  })
}

export const unixNow = () => Math.floor(Date.now() / 1000)
