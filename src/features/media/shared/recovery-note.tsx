import { Loader2 } from 'lucide-react'
import { formatUsd } from '@/lib/format'
import type { MediaJob } from './job-store'
import { deadlineOf } from './reconcile'

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000))

/** What the ledger says about an interrupted run, never more (docs/media.md §Runs). */
function chargeText(job: MediaJob, lead: string): string {
  const r = job.recovery
  if (!r || !r.isLedgerChecked) return `${lead} Checking the ledger for its charge…`
  if (r.chargeUsd === null) return `${lead} No charge for it appears in the ledger.`
  return `${lead} the cloud may still have charged ${formatUsd(r.chargeUsd)} (ledger).`
}

/**
 * The state of a run a reload cut off: still looked for, recovered, or lost with what was charged.
 * `lostDetail` adds what the kind cannot get back (speech: the cloud keeps no audio).
 */
export function RecoveryNote({
  job,
  what,
  lostDetail,
}: {
  job: MediaJob
  /** Where the result would show up, e.g. "the gallery". */
  what: string
  lostDetail?: string
}) {
  const r = job.recovery
  if (!r) return null
  if (r.state === 'checking') {
    return (
      <p role="status" className="flex items-start gap-2 text-sm text-muted-foreground">
        <Loader2 aria-hidden className="mt-0.5 size-4 shrink-0 animate-spin" />
        <span>
          Interrupted by a reload. Looking for its result in {what}: the cloud may still be working
          on it (for up to {minutes(deadlineOf(job) - job.startedAt)} min after it started).
        </span>
      </p>
    )
  }
  if (r.state === 'found') {
    return (
      <p role="status" className="text-xs text-muted-foreground">
        Recovered after a reload: the cloud finished this run and it was found in {what}.{' '}
        {!r.isLedgerChecked
          ? 'Checking the ledger for its charge…'
          : r.chargeUsd === null
            ? 'No matching charge appears in the ledger.'
            : `Charged ${formatUsd(r.chargeUsd)} (ledger).`}
      </p>
    )
  }
  const lead =
    r.isLedgerChecked && r.chargeUsd !== null
      ? 'Interrupted by a reload;'
      : 'Interrupted by a reload.'
  return (
    <p role="status" className="text-sm text-muted-foreground">
      {chargeText(job, lead)}
      {lostDetail ? ` ${lostDetail}` : ` Its result did not appear in ${what}.`}
    </p>
  )
}
