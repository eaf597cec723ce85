import type { LedgerGroup } from '@/features/billing/api/ledger'
import type { MediaJob, MediaJobKind, Recovery } from './job-store'

// Reconciliation of runs a reload cut off (docs/media.md §Runs): pure, so the rules are tested
// without a browser. The hook (use-recover-runs.ts) feeds it the cloud's lists and applies the result.

/** The route's server time limit (docs/media.md §Routes); speech is never recoverable. */
export const ROUTE_LIMIT_MS: Record<MediaJobKind, number> = {
  image: 180_000,
  video: 300_000,
  clone: 180_000,
  voice: 0,
}
/** Past the limit, a little longer for the file to be stored and listed. */
export const GRACE_MS = 30_000
/** How far the cloud's clock may be behind this browser's. */
export const CLOCK_SKEW_MS = 60_000

/** When a run that has not been found is given up on. */
export const deadlineOf = (job: Pick<MediaJob, 'kind' | 'startedAt'>) =>
  job.kind === 'voice' ? job.startedAt : job.startedAt + ROUTE_LIMIT_MS[job.kind] + GRACE_MS

/** Something the cloud lists that may be a run's result (a gallery item, a voice). */
export type Candidate<T> = { key: string; createdAt: number; item: T }

export type RecoveryRules<I, R, T> = {
  /** Whether `item` can be the result of a run with `input`. */
  matches: (input: I, item: T) => boolean
  /** How many candidates one run produces at most (an image run: its number of images). */
  wanted?: (input: I) => number
  /** The run's result from the candidates it was matched to. */
  toResult: (input: I, items: T[]) => R
  /** Keys of candidates a finished run already owns (its result's file URLs, its voice id). */
  claimedKeys: (job: MediaJob<I, R>) => string[]
  /** Whether a ledger row's description names this run's operation. */
  chargeMatches: (input: I, description: string) => boolean
}

export type RecoveryPatch<R> = {
  id: string
  patch: Pick<MediaJob<unknown, R>, 'recovery'> &
    Partial<Pick<MediaJob<unknown, R>, 'status' | 'result' | 'finishedAt'>>
}

const inWindow = (job: Pick<MediaJob, 'kind' | 'startedAt'>, time: number) =>
  time >= job.startedAt - CLOCK_SKEW_MS && time <= deadlineOf(job) + CLOCK_SKEW_MS

const sameRecovery = (a: Recovery | null, b: Recovery) =>
  a !== null &&
  a.state === b.state &&
  a.chargeUsd === b.chargeUsd &&
  a.ledgerGroupId === b.ledgerGroupId &&
  a.isLedgerChecked === b.isLedgerChecked

/**
 * What the cloud's lists say about each interrupted run of one kind.
 * - `candidates` (null: not read yet) are matched to runs still `checking`, oldest run first, each
 *   candidate to one run at most and never one a finished run already owns.
 * - `ledger` (null: not read yet) groups are matched to every run that may have been charged (done
 *   or interrupted), oldest first, each group to one run, so a recovered run cannot take the charge
 *   of a run that finished normally.
 * Only changes are returned.
 */
export function reconcileRuns<I, R, T>(
  jobs: readonly MediaJob<I, R>[],
  candidates: readonly Candidate<T>[] | null,
  ledger: readonly LedgerGroup[] | null,
  rules: RecoveryRules<I, R, T>,
  now: number,
): RecoveryPatch<R>[] {
  const byStart = [...jobs].sort((a, b) => a.startedAt - b.startedAt)

  // Results.
  const claimed = new Set(
    byStart.filter((j) => j.status === 'done').flatMap((j) => rules.claimedKeys(j)),
  )
  const found = new Map<string, Candidate<T>[]>()
  if (candidates) {
    const pool = [...candidates].sort((a, b) => a.createdAt - b.createdAt)
    for (const job of byStart) {
      if (job.status !== 'interrupted' || job.recovery?.state !== 'checking') continue
      const want = rules.wanted?.(job.input) ?? 1
      const mine = pool
        .filter(
          (c) =>
            !claimed.has(c.key) && inWindow(job, c.createdAt) && rules.matches(job.input, c.item),
        )
        .slice(0, want)
      for (const c of mine) claimed.add(c.key)
      if (mine.length > 0) found.set(job.id, mine)
    }
  }

  // Charges.
  const charges = new Map<string, LedgerGroup>()
  if (ledger) {
    const taken = new Set<string>()
    const groups = ledger
      .filter((g) => g.head.amount < 0)
      .sort((a, b) => Date.parse(a.head.createdAt) - Date.parse(b.head.createdAt))
    for (const job of byStart) {
      if (job.status !== 'done' && job.status !== 'interrupted') continue
      const group = groups.find(
        (g) =>
          !taken.has(g.id) &&
          inWindow(job, Date.parse(g.head.createdAt)) &&
          rules.chargeMatches(job.input, g.head.description ?? ''),
      )
      if (!group) continue
      taken.add(group.id)
      charges.set(job.id, group)
    }
  }

  const patches: RecoveryPatch<R>[] = []
  for (const job of byStart) {
    const current = job.recovery
    if (!current) continue
    const group = charges.get(job.id)
    const charge: Pick<Recovery, 'chargeUsd' | 'ledgerGroupId' | 'isLedgerChecked'> = ledger
      ? {
          chargeUsd: group ? Math.abs(group.net) : null,
          ledgerGroupId: group?.id ?? null,
          isLedgerChecked: true,
        }
      : {
          chargeUsd: current.chargeUsd,
          ledgerGroupId: current.ledgerGroupId,
          isLedgerChecked: current.isLedgerChecked,
        }
    const mine = found.get(job.id)
    if (mine) {
      const recovery: Recovery = { state: 'found', ...charge }
      patches.push({
        id: job.id,
        patch: {
          status: 'done',
          result: rules.toResult(
            job.input,
            mine.map((c) => c.item),
          ),
          finishedAt: Math.max(...mine.map((c) => c.createdAt)),
          recovery,
        },
      })
      continue
    }
    const state: Recovery['state'] =
      current.state === 'checking' && now >= deadlineOf(job) ? 'lost' : current.state
    const recovery: Recovery = { state, ...charge }
    if (!sameRecovery(current, recovery)) patches.push({ id: job.id, patch: { recovery } })
  }
  return patches
}
