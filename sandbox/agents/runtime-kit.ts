// What the hosted runtime routes share (docs/cloud/agents.md "Hosted runtime routes usable with
// an API key"): the envelope, the auth failure each route wraps its own way, and the
// provisioning hold, token links and linked-character cleanup over one sandbox's database.
import type { Context } from 'hono'
import { authenticate, type AuthContext } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { pause } from '../core/timing.ts'
import {
  getRuntime,
  provisioningDoneInMs,
  reusesExistingCharacter,
  type RuntimeRow,
  startProvisioning,
  tokenFromConfig,
  type TokenLink,
} from './runtimes.ts'

export const envelope = <T>(data: T) => ({ success: true as const, data })

/** Thrown inside a handler when authentication fails, so each route wraps it its own way. */
export class AuthFailure extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message)
  }
}

// The milady list/create handlers map only these messages to 401 "Unauthorized"; any other
// failure (an inactive account included) becomes their generic 500.
const AUTH_MESSAGE_PARTS = [
  'Unauthorized',
  'Authentication required',
  'Forbidden',
  'Invalid or expired API key',
  'API key is inactive',
  'API key has expired',
  'Invalid or expired token',
]
export const isAuthenticationError = (message: string) =>
  AUTH_MESSAGE_PARTS.some((part) => message.includes(part))

export const tailOf = (c: Context) => {
  const raw = Number.parseInt(c.req.query('tail') ?? '100', 10)
  return Math.max(1, Math.min(Number.isFinite(raw) ? raw : 100, 5000))
}

/** What the compat logs route says when the runtime has no bridge to read logs from. */
export function statusSentence(row: RuntimeRow): string {
  switch (row.status) {
    case 'pending':
      return 'Agent is pending — not yet provisioned.'
    case 'provisioning':
      return 'Agent is being provisioned...'
    case 'running':
      return 'Agent is running but logs are unavailable.'
    case 'stopped':
      return 'Agent is stopped. No logs available.'
    case 'disconnected':
      return 'Agent is disconnected. Last known status: disconnected.'
    case 'error':
      return `Agent is in error state: ${row.error_message ?? 'unknown error'}`
  }
}

/** The cloud's status for a failed shutdown or delete: 404 and 409 by its message, else `otherwise`. */
export function lifecycleFailureStatus<T extends 400 | 500>(
  error: string,
  otherwise: T,
): 404 | 409 | T {
  if (error === 'Agent not found') return 404
  if (error === 'Agent provisioning is in progress') return 409
  return otherwise
}

/** The helpers bound to one sandbox: auth, the provisioning hold, token links, cleanup. */
export function runtimeKit(ctx: SandboxContext) {
  const { db } = ctx

  const requireAuth = async (c: Context): Promise<AuthContext> => {
    const result = await authenticate(c.req.raw, db, ctx.balanceCache)
    if (!result.ok) throw new AuthFailure(result.status, result.message)
    return result.auth
  }

  /**
   * The cloud's synchronous `provision()`: starts provisioning and holds the request until the
   * stored lifecycle says it is done (two `lifecycleStepMs` steps). A client that goes away
   * releases the hold; the runtime still finishes, because the state lives in the row.
   */
  async function provisionAndWait(
    c: Context,
    row: RuntimeRow,
    organizationId: string,
  ): Promise<{ success: true; row: RuntimeRow } | { success: false; error: string }> {
    const start = await startProvisioning(db, row, ctx.timing.lifecycleStepMs)
    if (start.kind === 'in_progress') {
      return { success: false, error: 'Agent is already being provisioned' }
    }
    if (start.kind === 'running') return { success: true, row: start.row }
    await pause(provisioningDoneInMs(start.row), c.req.raw.signal)
    const done = await getRuntime(db, row.id, organizationId)
    if (!done) return { success: false, error: 'Agent not found' }
    return { success: true, row: done }
  }

  /** Token linkage of runtimes: from the linked character of the org, else from agent_config. */
  async function tokenLinks(rows: RuntimeRow[], organizationId: string) {
    const ids = [...new Set(rows.map((r) => r.character_id).filter((id) => id !== null))]
    const chars = ids.length
      ? (
          await db.query<TokenLink & { id: string }>(
            `SELECT id, token_address, token_chain, token_name, token_ticker FROM user_characters
              WHERE id = ANY($1::uuid[]) AND organization_id = $2`,
            [ids, organizationId],
          )
        ).rows
      : []
    const byId = new Map(chars.map((ch) => [ch.id, ch]))
    return (row: RuntimeRow): TokenLink => {
      const ch = row.character_id ? byId.get(row.character_id) : undefined
      if (ch?.token_address) {
        const { token_address, token_chain, token_name, token_ticker } = ch
        return { token_address, token_chain, token_name, token_ticker }
      }
      return tokenFromConfig(row.agent_config)
    }
  }

  /** Deleting a runtime also deletes the character it created (not one it reuses). */
  async function deleteLinkedCharacter(deleted: RuntimeRow) {
    if (deleted.character_id && !reusesExistingCharacter(deleted.agent_config)) {
      await db.query('DELETE FROM user_characters WHERE id = $1', [deleted.character_id])
    }
  }
  return { requireAuth, provisionAndWait, tokenLinks, deleteLinkedCharacter }
}
