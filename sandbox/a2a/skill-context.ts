// What every platform skill shares (docs/cloud/a2a-discovery.md "Skill dispatch inside message/send"):
// its context, the fixed prices, and the reservation and usage record around a billed call.
import type { AuthContext } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { InsufficientCreditsError } from '../core/ledger.ts'
import { reserve, type Reservation } from './billing.ts'
import type { Artifact, Message, PartWriter } from './types.ts'

export interface SkillContext {
  sandbox: SandboxContext
  auth: AuthContext
  writer: PartWriter
  signal?: AbortSignal
}

export interface SkillOutcome {
  message: Message
  artifacts: Artifact[]
}

export type Data = Record<string, unknown>

/** Fixed prices of the non-token skills, USD, as the cloud's skills reserve them. */
export const MEMORY_COST = 1
export const CONVERSATION_COST = 1
export const VIDEO_COST = 5
/** One google/gemini-2.5-flash-image picture × 1.2 (docs/cloud/media.md §6: ~$0.047 per image). */
export const IMAGE_COST = 0.039 * 1.2

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined)

/** A refused reservation, worded by each skill the way the cloud words it. */
export class SkillCreditsError extends Error {
  override name = 'SkillCreditsError'
}

export function insufficient(
  error: unknown,
  message: (e: InsufficientCreditsError) => string,
): never {
  if (error instanceof InsufficientCreditsError) throw new SkillCreditsError(message(error))
  throw error
}

export async function reserveOrFail(
  s: SkillContext,
  amount: number,
  operation: string,
  message: (e: InsufficientCreditsError) => string,
  metadata?: Record<string, unknown>,
): Promise<Reservation> {
  try {
    return await reserve(s.sandbox.db, {
      organizationId: s.auth.organizationId,
      userId: s.auth.userId,
      amount,
      operation,
      metadata,
    })
  } catch (error) {
    return insufficient(error, message)
  }
}

export async function recordUsage(
  s: SkillContext,
  row: {
    type: string
    model: string
    provider: string
    inputTokens: number
    outputTokens: number
    inputCost: number
    outputCost: number
  },
) {
  await s.sandbox.db.query(
    `INSERT INTO a2a_usage_records (organization_id, user_id, api_key_id, type, model, provider,
                                    input_tokens, output_tokens, input_cost, output_cost)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      s.auth.organizationId,
      s.auth.userId,
      s.auth.apiKeyId,
      row.type,
      row.model,
      row.provider,
      row.inputTokens,
      row.outputTokens,
      row.inputCost.toFixed(6),
      row.outputCost.toFixed(6),
    ],
  )
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (v: string) => UUID.test(v)
