// Usage records, read back from the ledger. The cloud writes one `usage_records` row per billed
// call (docs/cloud/analytics.md "Data source and units"); the sandbox's billed calls all go through
// ledger.charge with a `<operation> (reserved)` row (or one row for flat fees) and settle it with
// `<operation> (refund)` / `(overage)` rows, so one operation = one record here and every billed
// call shows up without each family keeping a second table. docs/analytics.md §Sandbox records.
import type { Queryable } from '../core/db/client.ts'

export interface UsageRecord {
  userId: string | null
  type: string
  /** `null` → "unknown" in the breakdowns (docs/cloud/analytics.md mapping table). */
  model: string | null
  provider: string
  inputTokens: number
  outputTokens: number
  /** USD, markup included (what the ledger kept after refunds and overages). */
  cost: number
  isSuccessful: boolean
  createdAt: Date
}

export interface LedgerRow {
  id: string
  user_id: string | null
  amount: string
  type: 'credit' | 'debit' | 'refund'
  description: string
  metadata: Record<string, unknown>
  created_at: Date
}

/** Flat-fee debits that are one billed call each (no reservation suffix). */
const FLAT_FEES = new Set(['container_deployment', 'container_update', 'voice_clone'])

interface Operation {
  record: UsageRecord
  /** The `<operation>` text its refund and overage rows repeat. */
  operation: string
  /** Chat reservations are settled by id and dropped when fully refunded (no record). */
  isChat: boolean
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : null)
const int = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : 0)

/** `openai/gpt-4o-mini` → provider `openai`, model `gpt-4o-mini` (docs/cloud/analytics.md mapping table). */
function splitChatModel(id: string | null): { model: string | null; provider: string } {
  if (!id) return { model: null, provider: 'unknown' }
  const slash = id.indexOf('/')
  return slash < 0
    ? { model: id, provider: 'openai' }
    : { model: id.slice(slash + 1), provider: id.slice(0, slash) }
}

/** Type, model and provider of an operation's first ledger row. */
function describe(row: LedgerRow): Omit<UsageRecord, 'cost' | 'isSuccessful' | 'createdAt'> {
  const m = row.metadata
  const base = { userId: row.user_id, inputTokens: 0, outputTokens: 0 }
  switch (m.type) {
    case 'ai_reservation': {
      const type = row.description.startsWith('Embeddings') ? 'embedding' : 'chat'
      return { ...base, type, ...splitChatModel(str(m.model)) }
    }
    case 'a2a':
      return { ...base, type: 'chat', ...splitChatModel(str(m.model)) }
    // Image and video rows keep the model id as used, prefix included.
    case 'image_generation':
    case 'video_generation': {
      const model = str(m.model)
      const provider = model?.includes('/') ? model.slice(0, model.indexOf('/')) : 'unknown'
      return { ...base, type: m.type === 'image_generation' ? 'image' : 'video', model, provider }
    }
    case 'voice_tts':
      return { ...base, type: 'tts', model: str(m.modelId), provider: 'elevenlabs' }
    case 'voice_stt':
      return { ...base, type: 'stt', model: 'scribe_v1', provider: 'elevenlabs' }
    case 'voice_clone':
      return { ...base, type: 'voice_clone', model: null, provider: 'elevenlabs' }
    case 'container_deployment':
    case 'container_update':
      return { ...base, type: 'container', model: null, provider: 'aws_ecs' }
    default:
      return { ...base, type: str(m.type) ?? 'unknown', model: str(m.model), provider: 'unknown' }
  }
}

const RESERVED = ' (reserved)'
const FOLLOW_UP = / \((refund|overage)\)$/

/**
 * Folds ledger rows (ascending by time) into usage records: a reservation plus the refund and
 * overage rows that name the same operation (chat: the same reservation id) is one record whose
 * cost is what the organization finally paid. Purchases, daily container billing, agent hosting
 * and balance adjustments are not calls and make no record (docs/cloud/analytics.md "Data source").
 */
export function recordsFromLedger(rows: readonly LedgerRow[]): UsageRecord[] {
  const ops: Operation[] = []
  const byReservationId = new Map<string, Operation>()
  // Newest open operation per (user, operation text): a refund belongs to the latest reservation.
  const open = new Map<string, Operation>()
  const keyOf = (user: string | null, operation: string) => `${user ?? ''}\u0000${operation}`

  for (const row of rows) {
    const amount = Number(row.amount)
    const metaType = row.metadata.type
    if (metaType === 'ai_settlement') {
      const op = byReservationId.get(String(row.metadata.reservationId))
      if (!op) continue
      op.record.cost -= amount
      op.record.inputTokens = int(row.metadata.inputTokens)
      op.record.outputTokens = int(row.metadata.outputTokens)
      continue
    }
    const followUp = FOLLOW_UP.exec(row.description)
    if (followUp) {
      const op = open.get(keyOf(row.user_id, row.description.slice(0, followUp.index)))
      if (op) op.record.cost -= amount
      continue
    }
    if (row.type === 'refund' && typeof metaType === 'string' && metaType === 'container_refund') {
      // A failed deployment gives its fee back: that call failed (docs/cloud/containers.md § Billing).
      if (!row.description.startsWith('Refund: container deployment failed: ')) continue
      const name = row.description.slice('Refund: container deployment failed: '.length)
      const op = [...ops]
        .reverse()
        .find((o) => o.record.type === 'container' && o.operation.endsWith(`: ${name}`))
      if (op) op.record.cost -= amount
      continue
    }
    if (row.type !== 'debit') continue
    const isReservation = row.description.endsWith(RESERVED)
    if (!isReservation && !FLAT_FEES.has(String(metaType))) continue
    const operation = isReservation ? row.description.slice(0, -RESERVED.length) : row.description
    const op: Operation = {
      record: { ...describe(row), cost: -amount, isSuccessful: true, createdAt: row.created_at },
      operation,
      isChat: metaType === 'ai_reservation',
    }
    ops.push(op)
    if (op.isChat) byReservationId.set(row.id, op)
    open.set(keyOf(row.user_id, operation), op)
  }

  const records: UsageRecord[] = []
  for (const op of ops) {
    const cost = Math.round(op.record.cost * 1_000_000) / 1_000_000
    // Chat completions write a record only after a settled, successful call; other calls
    // that were refunded in full are failure rows with cost 0 (docs/cloud/analytics.md "Data source").
    if (cost <= 0 && op.isChat) continue
    records.push({ ...op.record, cost: Math.max(0, cost), isSuccessful: cost > 0 })
  }
  return records
}

/**
 * The organization's usage records with `start <= created_at <= end` (docs/cloud/analytics.md mapping
 * table, "window"). Ledger rows up to now are read so a refund written after `end` still
 * settles an operation that started inside the window.
 */
export async function loadUsageRecords(
  db: Queryable,
  organizationId: string,
  start: Date,
  end: Date,
): Promise<UsageRecord[]> {
  const { rows } = await db.query<LedgerRow>(
    `SELECT id, user_id, amount, type, description, metadata, created_at
       FROM credit_transactions
      WHERE organization_id = $1 AND created_at >= $2
      ORDER BY created_at ASC, id ASC`,
    [organizationId, start.toISOString()],
  )
  return recordsFromLedger(rows).filter((r) => r.createdAt <= end)
}
