// The catch-all every container handler has (docs/cloud/containers.md): anything thrown is a
// 500 {"success":false,"error":"<message>"}, auth failures and non-UUID ids included.
import type { Context } from 'hono'
import { authenticate, type AuthContext } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { flagError, messageOf } from '../core/errors.ts'

/** Thrown inside a handler to answer with a prepared response. */
export class Answer extends Error {
  constructor(readonly response: Response) {
    super('answer')
  }
}

/** The catch-all every container handler has: anything thrown → 500 with its message. */
export async function guarded(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run()
  } catch (e) {
    if (e instanceof Answer) return e.response
    return flagError(500, messageOf(e))
  }
}

export async function requireAuth(ctx: SandboxContext, c: Context): Promise<AuthContext> {
  const result = await authenticate(c.req.raw, ctx.db, ctx.balanceCache)
  if (!result.ok) throw new Error(result.message)
  return result.auth
}
