import { ApiError, isApiError, type ApiErrorDetails, type ApiErrorKind } from '@/lib/api-error'
import { createIdbStore, createMemoryStore, type KeyValueStore } from '@/lib/storage'

/**
 * Paid media runs as this browser remembers them (docs/media.md §Runs): written when a run starts,
 * updated when it ends, read back after a reload. IndexedDB through the same small store the chat
 * uses for conversations (`src/lib/storage.ts`).
 */
export type MediaJobKind = 'image' | 'video' | 'voice' | 'clone'
export type MediaJobStatus = 'running' | 'done' | 'error' | 'cancelled' | 'interrupted'

/** A USD price range the console showed before the run (min = max for a fixed price). */
export type CostEstimate = { min: number; max: number }

/**
 * What became of a run a reload cut off. `checking`: its result is looked for until the route's
 * time limit passes. `found`: the cloud finished it (the run is `done`). `lost`: not found.
 */
export type Recovery = {
  state: 'checking' | 'found' | 'lost'
  /** The net of the ledger group matched to the run; null when none was found (yet). */
  chargeUsd: number | null
  /** The matched ledger group's id, so two runs never claim the same charge. */
  ledgerGroupId: string | null
  /** Whether the ledger has been read since the run was interrupted. */
  isLedgerChecked: boolean
}

/** An error as stored: an `ApiError`'s fields (structured clone drops the class). */
export type StoredError = {
  kind: ApiErrorKind
  message: string
  status: number | null
  details: ApiErrorDetails
}

export type RunRecord = {
  id: string
  kind: MediaJobKind
  input: unknown
  status: MediaJobStatus
  startedAt: number
  finishedAt: number | null
  estimate: CostEstimate | null
  result: unknown
  error: StoredError | null
  recovery: Recovery | null
  /** False when the stored input cannot be sent again (a clone's audio files are not kept). */
  canRetry: boolean
}

/** At most this many finished runs per kind are kept; the oldest go first. */
export const MAX_RECORDS_PER_KIND = 30

let store: KeyValueStore<RunRecord> | null = null
function records(): KeyValueStore<RunRecord> {
  store ??=
    typeof indexedDB === 'undefined'
      ? createMemoryStore<RunRecord>()
      : createIdbStore<RunRecord>('eliza-console-media', 'runs')
  return store
}

/** Tests swap the store (jsdom and node have no IndexedDB). */
export function setRunRecordStore(next: KeyValueStore<RunRecord>): void {
  store = next
}

export function saveRunRecord(record: RunRecord): Promise<void> {
  return records().set(record.id, record)
}

export function deleteRunRecord(id: string): Promise<void> {
  return records().delete(id)
}

/** Every stored run, oldest first; beyond {@link MAX_RECORDS_PER_KIND} finished ones are pruned. */
export async function loadRunRecords(): Promise<RunRecord[]> {
  const all = (await records().values()).sort((a, b) => a.startedAt - b.startedAt)
  const keep: RunRecord[] = []
  const byKind = new Map<MediaJobKind, RunRecord[]>()
  for (const record of all) byKind.set(record.kind, [...(byKind.get(record.kind) ?? []), record])
  for (const list of byKind.values()) {
    const excess = list.length - MAX_RECORDS_PER_KIND
    let dropped = 0
    for (const record of list) {
      if (dropped < excess && record.status !== 'running' && record.status !== 'interrupted') {
        dropped += 1
        await records().delete(record.id)
      } else {
        keep.push(record)
      }
    }
  }
  return keep.sort((a, b) => a.startedAt - b.startedAt)
}

export function toStoredError(error: unknown): StoredError | null {
  if (error === null || error === undefined) return null
  if (isApiError(error)) {
    return {
      kind: error.kind,
      message: error.message,
      status: error.status,
      details: { ...error.details },
    }
  }
  return {
    kind: 'bad_response',
    message: error instanceof Error ? error.message : String(error),
    status: null,
    details: {},
  }
}

export function fromStoredError(stored: StoredError | null): ApiError | null {
  return stored ? new ApiError(stored.kind, stored.message, stored.status, stored.details) : null
}
