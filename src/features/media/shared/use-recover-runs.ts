import {
  skipToken,
  useQuery,
  useQueryClient,
  type QueryKey,
  type UseQueryOptions,
} from '@tanstack/react-query'
import { useEffect, useMemo } from 'react'
import type { ApiError } from '@/lib/api-error'
import { groupLedger } from '@/features/billing/api/ledger'
import { transactionsQuery } from '@/features/billing/api/queries'
import { useMediaJobs, settleRecoveredJob, type MediaJobKind } from './job-store'
import { reconcileRuns, type Candidate, type RecoveryRules } from './reconcile'

/** How often the cloud's lists are read while an interrupted run is being looked for. */
export const RECOVERY_POLL_MS = 3_000
/** Enough ledger rows to cover the runs of the last minutes on a busy account. */
const LEDGER_ROWS = 200

type Options<I, R, T, K extends QueryKey> = RecoveryRules<I, R, T> & {
  kind: MediaJobKind
  /** The list a result shows up in (gallery, voices), or null when the cloud keeps none (speech). */
  source: UseQueryOptions<T[], ApiError, T[], K> | null
  toCandidate: (item: T) => Omit<Candidate<T>, 'item'>
  /** Lists to refresh when a run's result was found. */
  invalidate?: readonly QueryKey[]
}

/**
 * Reconciles this page's runs that a reload cut off (docs/media.md §Runs): polls the list their
 * results appear in and the ledger while any is unresolved, and applies what it finds.
 */
export function useRecoverRuns<I, R, T, K extends QueryKey>(options: Options<I, R, T, K>): void {
  const { kind, source, toCandidate, invalidate, ...rules } = options
  const jobs = useMediaJobs<I, R>(kind)
  const queryClient = useQueryClient()
  const isChecking = jobs.some((j) => j.recovery?.state === 'checking')
  const needsLedger = jobs.some(
    (j) => j.recovery !== null && (j.recovery.state === 'checking' || !j.recovery.isLedgerChecked),
  )
  // Speech has no list to look in: a query that never runs stands in.
  const listOptions = (source ?? {
    queryKey: ['media', 'recovery', 'none'],
    queryFn: skipToken,
  }) as UseQueryOptions<T[], ApiError, T[], QueryKey>
  const list = useQuery({
    ...listOptions,
    enabled: source !== null && isChecking,
    refetchInterval: isChecking ? RECOVERY_POLL_MS : false,
  })
  const ledger = useQuery({
    ...transactionsQuery({ limit: LEDGER_ROWS }),
    enabled: needsLedger,
    refetchInterval: isChecking ? RECOVERY_POLL_MS : false,
  })
  const groups = useMemo(
    () =>
      ledger.data
        ? groupLedger(ledger.data.transactions.map((t) => ({ ...t, balanceAfter: null })))
        : null,
    [ledger.data],
  )
  const hasSource = source !== null
  const candidates = useMemo(
    () =>
      !hasSource
        ? []
        : list.data
          ? list.data.map((item) => ({ ...toCandidate(item), item }))
          : null,
    // toCandidate is a module-level function in every caller.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [hasSource, list.data],
  )

  // Rules are module-level functions; re-run when the lists are read again (time moves on with them).
  const rulesRef = rules
  useEffect(() => {
    if (!jobs.some((j) => j.recovery !== null)) return
    const patches = reconcileRuns(jobs, candidates, groups, rulesRef, Date.now())
    let isFound = false
    for (const { id, patch } of patches) {
      settleRecoveredJob(id, patch)
      if (patch.status === 'done') isFound = true
    }
    if (isFound) {
      for (const queryKey of invalidate ?? []) void queryClient.invalidateQueries({ queryKey })
    }
    // dataUpdatedAt: a refetch with equal data still moves time past a deadline.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobs, candidates, groups, list.dataUpdatedAt, ledger.dataUpdatedAt])
}
