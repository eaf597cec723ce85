// Shared by the generation routes (generate-image.ts, generate-video.ts): work in flight that a
// reset ends, a limiter run from inside a handler, JSON reading and refunds.
import type { Context, MiddlewareHandler } from 'hono'
import type { AuthContext } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { credit, releaseHold } from '../core/ledger.ts'

/** Requests in flight per sandbox, aborted by a reset or close (family.clear). */
const inflight = new WeakMap<SandboxContext, Set<AbortController>>()

export function abortInflight(ctx: SandboxContext) {
  for (const controller of inflight.get(ctx) ?? []) controller.abort()
  inflight.get(ctx)?.clear()
}

/**
 * An AbortSignal that fires only when the sandbox resets or closes. A client that goes away (a
 * reload, a closed tab, Cancel) does not stop the work: the notes say nothing of the cloud giving
 * up on an abandoned generation, so the sandbox finishes it, stores the result in the gallery and
 * keeps the charge, and a charge never exists without its result (docs/media.md §Leaving).
 */
export function trackRequest(ctx: SandboxContext): { signal: AbortSignal; done(): void } {
  const controller = new AbortController()
  let set = inflight.get(ctx)
  if (!set) inflight.set(ctx, (set = new Set()))
  set.add(controller)
  return {
    signal: controller.signal,
    done: () => set.delete(controller),
  }
}

/** Runs `handler` behind a rate-limit middleware from inside a handler (after auth). */
export async function behindLimiter(
  c: Context,
  limiter: MiddlewareHandler,
  handler: () => Promise<Response>,
): Promise<Response> {
  const early = await limiter(c, async () => {
    c.res = await handler()
  })
  return early instanceof Response ? early : c.res
}

export async function readJson(
  c: Context,
): Promise<{ ok: true; body: unknown } | { ok: false; message: string }> {
  try {
    return { ok: true, body: JSON.parse(await c.req.text()) as unknown }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) }
  }
}

export const asObject = (body: unknown): Record<string, unknown> =>
  typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {}

/** Gives back `amount` of the reservation `reservationId` and closes it (no row when 0). */
export const refund = async (
  ctx: SandboxContext,
  auth: AuthContext,
  amount: number,
  description: string,
  reservationId: string,
) => {
  if (amount <= 0) return releaseHold(ctx.db, reservationId)
  await credit(ctx.db, {
    organizationId: auth.organizationId,
    userId: auth.userId,
    amount,
    type: 'refund',
    description,
    releases: reservationId,
  })
}
