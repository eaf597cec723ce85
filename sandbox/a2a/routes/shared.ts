// What the A2A route files share: the note they cite, the JSON-RPC result writer and the
// context a skill runs in.
import type { Context } from 'hono'
import type { AuthContext } from '../../core/auth.ts'
import type { SandboxContext } from '../../core/context.ts'
import type { RpcId } from '../protocol.ts'
import type { SkillContext } from '../skills.ts'
import { PartWriter } from '../types.ts'

export const NOTE = 'docs/cloud/a2a-discovery.md'

export const originOf = (c: Context) => new URL(c.req.url).origin

export const rpcResult = (c: Context, result: unknown, id: RpcId) =>
  c.json({ jsonrpc: '2.0', result, id }, 200)

/** Builds a skill's context; the `kind` extension (docs/cloud/README.md "Sandbox policy") is off in strict mode. */
export function skillContexts(ctx: SandboxContext) {
  const writer = new PartWriter(() => !ctx.strict)
  return (c: Context, auth: AuthContext): SkillContext => ({
    sandbox: ctx,
    auth,
    writer,
    signal: c.req.raw.signal,
  })
}
