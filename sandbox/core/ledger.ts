// The credits ledger: the organization balance in USD (6 decimals, never below 0) and one
// `credit_transactions` row per movement (docs/cloud/billing.md "Money units" and "How a charge appears
// in the ledger"). Every billed endpoint goes through `charge`; after a committed debit, `charge`
// runs the database's after-charge hook (billing's auto top-up, sandbox/billing/auto-top-up.ts).
import type { Db, Queryable } from './db/client.ts'

export type TransactionType = 'credit' | 'debit' | 'refund'

export interface LedgerEntry {
  id: string
  organizationId: string
  /** Signed USD: negative for debits. */
  amount: number
  type: TransactionType
  description: string
  metadata: Record<string, unknown>
  createdAt: Date
  /** The organization balance right after this entry. */
  balanceAfter: number
}

export class InsufficientCreditsError extends Error {
  constructor(
    readonly required: number,
    readonly balance: number,
  ) {
    super(`Insufficient credits. Required: $${required.toFixed(4)}`)
    this.name = 'InsufficientCreditsError'
  }
}

const MICRO = 1_000_000

/** Rounds to the ledger's 6 decimals and rejects what cannot be an amount. */
function toMicroUsd(amount: number, what: string): number {
  const micro = Math.round(amount * MICRO)
  if (!Number.isFinite(amount) || micro <= 0) {
    throw new RangeError(`${what} must be a positive USD amount of at least $0.000001`)
  }
  return micro
}

// Amounts go to Postgres as decimal strings so no float ever touches the numeric column.
const sqlUsd = (micro: number) => (micro / MICRO).toFixed(6)

interface TransactionRow {
  id: string
  organization_id: string
  amount: string
  type: TransactionType
  description: string
  metadata: Record<string, unknown>
  created_at: Date
}

async function insertEntry(
  tx: Queryable,
  entry: {
    organizationId: string
    userId?: string | null
    signedMicro: number
    type: TransactionType
    description: string
    metadata?: Record<string, unknown>
    stripePaymentIntentId?: string | null
  },
  balanceAfter: string,
): Promise<LedgerEntry> {
  const { rows } = await tx.query<TransactionRow>(
    `INSERT INTO credit_transactions
       (organization_id, user_id, amount, type, description, metadata, stripe_payment_intent_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING id, organization_id, amount, type, description, metadata, created_at`,
    [
      entry.organizationId,
      entry.userId ?? null,
      sqlUsd(entry.signedMicro),
      entry.type,
      entry.description,
      JSON.stringify(entry.metadata ?? {}),
      entry.stripePaymentIntentId ?? null,
    ],
  )
  const row = rows[0]
  if (!row) throw new Error('credit transaction insert returned no row')
  return {
    id: row.id,
    organizationId: row.organization_id,
    amount: Number(row.amount),
    type: row.type,
    description: row.description,
    metadata: row.metadata,
    createdAt: row.created_at,
    balanceAfter: Number(balanceAfter),
  }
}

export interface ChargeInput {
  organizationId: string
  userId?: string | null
  /** Positive USD to take from the balance. */
  amount: number
  description: string
  metadata?: Record<string, unknown>
  /**
   * Records the debit as an open reservation of this operation (`ledger_holds`), in the same
   * transaction: the call's settlement releases it, a start after a crash refunds it.
   */
  hold?: string
  /** The reservation (its debit's id) this row settles: its hold is released in the same transaction. */
  releases?: string
}

/**
 * Takes `amount` USD from the organization in one DB transaction: a conditional UPDATE
 * (`… WHERE credit_balance >= amount`) and the `debit` row. Parallel charges cannot overdraw,
 * and a refused or failed charge writes nothing.
 * @throws InsufficientCreditsError when the balance does not cover `amount`.
 */
export async function charge(db: Db, input: ChargeInput): Promise<LedgerEntry> {
  const micro = toMicroUsd(input.amount, 'charge amount')
  const entry = await db.transaction(async (tx) => {
    const updated = await tx.query<{ credit_balance: string }>(
      `UPDATE organizations SET credit_balance = credit_balance - $2, updated_at = now()
        WHERE id = $1 AND credit_balance >= $2
        RETURNING credit_balance`,
      [input.organizationId, sqlUsd(micro)],
    )
    const balanceAfter = updated.rows[0]?.credit_balance
    if (balanceAfter === undefined) {
      const balance = await readBalance(tx, input.organizationId)
      throw new InsufficientCreditsError(micro / MICRO, balance)
    }
    const entry = await insertEntry(
      tx,
      { ...input, signedMicro: -micro, type: 'debit' },
      balanceAfter,
    )
    if (input.hold !== undefined) {
      await tx.query(
        `INSERT INTO ledger_holds (reservation_id, organization_id, user_id, amount, operation)
         VALUES ($1, $2, $3, $4, $5)`,
        [entry.id, input.organizationId, input.userId ?? null, sqlUsd(micro), input.hold],
      )
    }
    if (input.releases !== undefined) await releaseHoldWithin(tx, input.releases)
    return entry
  })
  await runAfterChargeHook(db, entry)
  return entry
}

/**
 * Runs after a debit has committed, in its own transaction (billing's auto top-up). A hook never
 * undoes or fails the charge it follows: the caller was billed, whatever the hook does.
 */
export type AfterChargeHook = (db: Db, entry: LedgerEntry) => Promise<void>

// Keyed by database, so several sandboxes in one process (tests) never see each other's hooks.
const afterChargeHooks = new WeakMap<Db, AfterChargeHook>()

/** Installs (or with `null` removes) the hook `charge` runs after each committed debit on `db`. */
export function setAfterChargeHook(db: Db, hook: AfterChargeHook | null): void {
  if (hook) afterChargeHooks.set(db, hook)
  else afterChargeHooks.delete(db)
}

async function runAfterChargeHook(db: Db, entry: LedgerEntry): Promise<void> {
  const hook = afterChargeHooks.get(db)
  if (!hook) return
  try {
    await hook(db, entry)
  } catch (error) {
    console.error('[sandbox] after-charge hook failed:', error)
  }
}

export interface CreditInput {
  organizationId: string
  userId?: string | null
  /** Positive USD to add to the balance. */
  amount: number
  /** `credit` for grants and purchases, `refund` for money given back on a metered operation. */
  type?: 'credit' | 'refund'
  description: string
  metadata?: Record<string, unknown>
  stripePaymentIntentId?: string | null
  /** The reservation (its debit's id) this row settles: its hold is released in the same transaction. */
  releases?: string
}

/** Adds `amount` USD to the organization and records it, in one DB transaction. */
export async function credit(db: Db, input: CreditInput): Promise<LedgerEntry> {
  return db.transaction((tx) => creditWithin(tx, input))
}

/**
 * `credit` inside a transaction the caller already holds, so a purchase can mark its session
 * paid, credit the balance and write its invoice atomically. PGlite runs one transaction at a
 * time, so opening a second one from inside the first would wait forever.
 */
export async function creditWithin(tx: Queryable, input: CreditInput): Promise<LedgerEntry> {
  const micro = toMicroUsd(input.amount, 'credit amount')
  const updated = await tx.query<{ credit_balance: string }>(
    `UPDATE organizations SET credit_balance = credit_balance + $2, updated_at = now()
      WHERE id = $1 RETURNING credit_balance`,
    [input.organizationId, sqlUsd(micro)],
  )
  const balanceAfter = updated.rows[0]?.credit_balance
  if (balanceAfter === undefined) throw new Error(`Organization ${input.organizationId} not found`)
  if (input.releases !== undefined) await releaseHoldWithin(tx, input.releases)
  return insertEntry(
    tx,
    { ...input, signedMicro: micro, type: input.type ?? 'credit' },
    balanceAfter,
  )
}

// ─── Holds: open reservations (docs/billing.md §Reservations and restarts) ────────────────

async function releaseHoldWithin(tx: Queryable, reservationId: string): Promise<void> {
  await tx.query('DELETE FROM ledger_holds WHERE reservation_id = $1', [reservationId])
}

/** Closes a reservation that settled without a ledger row (the estimate was the exact cost). */
export async function releaseHold(db: Queryable, reservationId: string): Promise<void> {
  await releaseHoldWithin(db, reservationId)
}

export interface OpenHold {
  reservationId: string
  organizationId: string
  userId: string | null
  amount: number
  operation: string
}

/** Reservations taken and not yet settled or refunded. */
export async function openHolds(db: Queryable): Promise<OpenHold[]> {
  const { rows } = await db.query<{
    reservation_id: string
    organization_id: string
    user_id: string | null
    amount: string
    operation: string
  }>(
    `SELECT reservation_id, organization_id, user_id, amount, operation FROM ledger_holds
      ORDER BY created_at`,
  )
  return rows.map((r) => ({
    reservationId: r.reservation_id,
    organizationId: r.organization_id,
    userId: r.user_id,
    amount: Number(r.amount),
    operation: r.operation,
  }))
}

/**
 * Refunds in full every reservation left open by a process that stopped mid-call (a crash, a
 * SIGKILL): the call never answered, so nothing was delivered to bill. Run on start, before any
 * request, while the data folder's lock (db/lock.ts) guarantees no other process holds one.
 * Each refund and the release of its hold commit together. Returns the refunds written.
 */
export async function refundOpenHolds(db: Db): Promise<LedgerEntry[]> {
  const refunds: LedgerEntry[] = []
  for (const hold of await openHolds(db)) {
    refunds.push(
      await credit(db, {
        organizationId: hold.organizationId,
        userId: hold.userId,
        amount: hold.amount,
        type: 'refund',
        description: `${hold.operation} (refund)`,
        metadata: {
          type: 'reservation_released',
          reservationId: hold.reservationId,
          reason: 'The sandbox stopped before the call finished',
        },
        releases: hold.reservationId,
      }),
    )
  }
  return refunds
}

/**
 * Sets the balance to an exact value and records the difference as one row (`credit` when it
 * grows, `debit` when it shrinks; `credit` of 0 when unchanged), so the ledger still explains
 * the balance. Used by the sandbox's test controls.
 */
export async function setBalance(
  db: Db,
  organizationId: string,
  balance: number,
  description = 'Sandbox balance adjustment',
): Promise<LedgerEntry> {
  if (!Number.isFinite(balance) || balance < 0) {
    throw new RangeError('balance must be a finite USD amount ≥ 0')
  }
  const target = Math.round(balance * MICRO)
  return db.transaction(async (tx) => {
    const current = await tx.query<{ credit_balance: string }>(
      'SELECT credit_balance FROM organizations WHERE id = $1 FOR UPDATE',
      [organizationId],
    )
    const before = current.rows[0]?.credit_balance
    if (before === undefined) throw new Error(`Organization ${organizationId} not found`)
    const delta = target - Math.round(Number(before) * MICRO)
    await tx.query(
      'UPDATE organizations SET credit_balance = $2, updated_at = now() WHERE id = $1',
      [organizationId, sqlUsd(target)],
    )
    return insertEntry(
      tx,
      {
        organizationId,
        signedMicro: delta,
        type: delta < 0 ? 'debit' : 'credit',
        description,
        metadata: { type: 'sandbox_adjustment', previousBalance: Number(before) },
      },
      sqlUsd(target),
    )
  })
}

async function readBalance(q: Queryable, organizationId: string): Promise<number> {
  const { rows } = await q.query<{ credit_balance: string }>(
    'SELECT credit_balance FROM organizations WHERE id = $1',
    [organizationId],
  )
  const value = rows[0]?.credit_balance
  if (value === undefined) throw new Error(`Organization ${organizationId} not found`)
  return Number(value)
}

/** The balance straight from the database (what `?fresh=true` reads). */
export const getBalance = (db: Queryable, organizationId: string) => readBalance(db, organizationId)
