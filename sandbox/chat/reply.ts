// Shared by the chat-shaped routes (chat.ts, responses.ts, messages.ts): ids, the reserve →
// settle cycle of a reply and paced stream sends.
import type { AuthContext } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { pause } from '../core/timing.ts'
import { costOf, ReserveFailed, settle, type Price, type Reservation } from './billing.ts'
import type { Generated } from './engine.ts'
import { reserveGeneration } from './http.ts'
import type { ChatTurn } from './responder.ts'
import type { SseWriter } from './sse.ts'

export const randomId = (prefix: string) =>
  prefix + crypto.randomUUID().replace(/-/g, '').slice(0, 24)

export type Reserved = { ok: true; reservation: Reservation } | { ok: false; required: number }

export async function tryReserve(
  ctx: SandboxContext,
  auth: AuthContext,
  operation: string,
  price: Price,
  turns: ChatTurn[],
  maxTokens?: number,
): Promise<Reserved> {
  try {
    return {
      ok: true,
      reservation: await reserveGeneration(ctx, auth, { operation, price, turns, maxTokens }),
    }
  } catch (error) {
    if (error instanceof ReserveFailed) return { ok: false, required: error.required }
    throw error
  }
}

export const settleFor = (ctx: SandboxContext, r: Reservation, price: Price, g: Generated) =>
  settle(ctx.db, r, costOf(price, g.promptTokens, g.completionTokens), {
    inputTokens: g.promptTokens,
    outputTokens: g.completionTokens,
  })

/** Emits `pieces` with the token delay between them; false when the client went away. */
export async function pacedSend(
  ctx: SandboxContext,
  out: SseWriter,
  pieces: string[],
  send: (piece: string) => void,
): Promise<boolean> {
  for (const [i, piece] of pieces.entries()) {
    if (i > 0) await pause(ctx.timing.tokenDelayMs, out.signal)
    if (out.signal.aborted) return false
    send(piece)
  }
  return !out.signal.aborted
}
