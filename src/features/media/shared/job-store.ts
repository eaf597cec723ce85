import { useQueryClient, type QueryKey } from '@tanstack/react-query'
import { useCallback, useEffect, useSyncExternalStore } from 'react'
import { isApiError } from '@/lib/api-error'
import { billingKeys } from '@/features/billing/api/keys'
import {
  deleteRunRecord,
  fromStoredError,
  loadRunRecords,
  saveRunRecord,
  toStoredError,
  type CostEstimate,
  type MediaJobKind,
  type MediaJobStatus,
  type Recovery,
  type RunRecord,
} from './run-records'

export type { CostEstimate, MediaJobKind, MediaJobStatus, Recovery } from './run-records'

/**
 * Paid media runs. Image and video calls are synchronous and can take minutes (docs/media.md
 * §Routes), so they run in a module-level store rather than in a component: several run at once,
 * each with its own state, and moving to another page and back re-subscribes to the same jobs while
 * their fetches keep going. Every run is also recorded in IndexedDB (run-records.ts), so a reload
 * brings back finished runs and marks the ones it cut off as `interrupted`, to be reconciled with
 * the cloud (reconcile.ts, use-recover-runs.ts).
 */
export interface MediaJob<I = unknown, R = unknown> {
  id: string
  kind: MediaJobKind
  input: I
  status: MediaJobStatus
  startedAt: number
  finishedAt: number | null
  result: R | null
  error: unknown
  /** The price range shown before the run, if any. */
  estimate: CostEstimate | null
  /** Set on runs a reload cut off (docs/media.md §Runs). */
  recovery: Recovery | null
  /** Whether Retry can send the same request again. */
  canRetry: boolean
}

type Runner = (input: unknown, signal: AbortSignal) => Promise<unknown>

/**
 * How a kind's input and result are stored: what cannot be stored (a clone's audio files) is left
 * out, and what cannot be kept as is (a blob: URL) is rebuilt from what can.
 */
export type RunCodec<I = unknown, R = unknown> = {
  /** The storable input, and whether it is complete enough to be sent again. */
  storeInput?: (input: I) => { input: unknown; canRetry: boolean }
  storeResult?: (result: R) => unknown
  reviveResult?: (stored: unknown) => R
}

type Entry = {
  job: MediaJob
  run: Runner | null
  controller: AbortController | null
  onSettled: ((job: MediaJob) => void) | undefined
  release: (() => void) | null
}

const entries = new Map<string, Entry>()
const listeners = new Set<() => void>()
const codecs = new Map<MediaJobKind, RunCodec>()
const runners = new Map<MediaJobKind, Runner>()
/** Snapshots per kind, rebuilt only when something changed, so `useSyncExternalStore` is stable. */
let snapshots = new Map<MediaJobKind, MediaJob[]>()
let sequence = 0
let loading: Promise<void> | null = null

/** Registers how runs of `kind` are stored (called once by the feature that starts them). */
export function registerRunCodec<I, R>(kind: MediaJobKind, codec: RunCodec<I, R>): void {
  codecs.set(kind, codec as RunCodec)
}

const isRunning = () => [...entries.values()].some((e) => e.job.status === 'running')

// Closing or reloading the tab during a paid run asks first (docs/media.md §Runs). The listener is
// only present while a run is in flight, so it does not keep pages out of the back/forward cache.
function handleBeforeUnload(event: BeforeUnloadEvent) {
  if (!isRunning()) return
  event.preventDefault()
  // Older Chromium needs returnValue set for the prompt to show.
  event.returnValue = ''
}
let isGuarding = false
function syncLeaveGuard() {
  if (typeof window === 'undefined') return
  const shouldGuard = isRunning()
  if (shouldGuard === isGuarding) return
  isGuarding = shouldGuard
  if (shouldGuard) window.addEventListener('beforeunload', handleBeforeUnload)
  else window.removeEventListener('beforeunload', handleBeforeUnload)
}

function emit() {
  snapshots = new Map()
  syncLeaveGuard()
  for (const listener of listeners) listener()
}

function toRecord(job: MediaJob): RunRecord {
  const codec = codecs.get(job.kind)
  const stored = codec?.storeInput?.(job.input) ?? { input: job.input, canRetry: true }
  return {
    id: job.id,
    kind: job.kind,
    input: stored.input,
    status: job.status,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    estimate: job.estimate,
    result:
      job.result === null ? null : codec?.storeResult ? codec.storeResult(job.result) : job.result,
    error: toStoredError(job.error),
    recovery: job.recovery,
    canRetry: job.canRetry && stored.canRetry,
  }
}

function persist(job: MediaJob) {
  // The run itself matters more than its record: a full or blocked storage loses only the record.
  saveRunRecord(toRecord(job)).catch(() => undefined)
}

function update(id: string, patch: Partial<MediaJob>, persistAfterMs = 0) {
  const entry = entries.get(id)
  if (!entry) return
  entry.job = { ...entry.job, ...patch }
  if (persistAfterMs === 0) persist(entry.job)
  else {
    const job = entry.job
    setTimeout(() => {
      if (entries.get(id)?.job === job) persist(job)
    }, persistAfterMs)
  }
  emit()
}

// A reload or a closed tab cancels the runs' fetches, and they fail as network errors just before
// the page goes (sometimes before `pagehide`). Such a failure is not the run's outcome, so it is
// written to the record only after a moment: if the page is gone by then, the record still says
// "running" and the next load reconciles it with the gallery and the ledger.
const NETWORK_FAILURE_PERSIST_DELAY_MS = 1_000

/**
 * Holds a Web Lock named after the run while it is in flight, so another tab that reads the
 * records can tell a run still going there from one a reload cut off.
 */
const lockName = (id: string) => `eliza-console-media-run:${id}`
function holdLock(id: string): (() => void) | null {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  if (!locks) return null
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  locks.request(lockName(id), () => held).catch(() => undefined)
  return release
}

function execute(entry: Entry) {
  const run = entry.run ?? runners.get(entry.job.kind)
  if (!run) return
  const controller = new AbortController()
  entry.controller = controller
  entry.release?.()
  entry.release = holdLock(entry.job.id)
  const { id } = entry.job
  run(entry.job.input, controller.signal)
    .then(
      (result) => {
        if (entries.get(id)?.controller !== controller) return // retried or dismissed meanwhile
        update(id, { status: 'done', result, finishedAt: Date.now() })
      },
      (error: unknown) => {
        if (entries.get(id)?.controller !== controller) return
        const cancelled = controller.signal.aborted
        update(
          id,
          {
            status: cancelled ? 'cancelled' : 'error',
            error: cancelled ? null : error,
            finishedAt: Date.now(),
          },
          isApiError(error) && error.kind === 'network' ? NETWORK_FAILURE_PERSIST_DELAY_MS : 0,
        )
      },
    )
    .finally(() => {
      const current = entries.get(id)
      if (current?.controller !== controller) return
      current.controller = null
      current.release?.()
      current.release = null
      current.onSettled?.(current.job)
    })
}

/** Starts a job and returns its id. */
export function startMediaJob<I, R>(
  kind: MediaJobKind,
  input: I,
  run: (input: I, signal: AbortSignal) => Promise<R>,
  onSettled?: (job: MediaJob<I, R>) => void,
  options: { estimate?: CostEstimate | null } = {},
): string {
  sequence += 1
  const id = `${kind}-${Date.now().toString(36)}-${sequence}-${Math.random().toString(36).slice(2, 6)}`
  const entry: Entry = {
    job: {
      id,
      kind,
      input,
      status: 'running',
      startedAt: Date.now(),
      finishedAt: null,
      result: null,
      error: null,
      estimate: options.estimate ?? null,
      recovery: null,
      canRetry: true,
    },
    run: run as Runner,
    controller: null,
    onSettled: onSettled as ((job: MediaJob) => void) | undefined,
    release: null,
  }
  entries.set(id, entry)
  persist(entry.job)
  execute(entry)
  emit()
  return id
}

/**
 * Aborts a running job's request and marks it `cancelled` at once, so an answer that still
 * arrives afterwards is ignored.
 */
export function cancelMediaJob(id: string): void {
  const entry = entries.get(id)
  if (!entry?.controller) return
  const { controller } = entry
  entry.controller = null
  controller.abort()
  entry.release?.()
  entry.release = null
  update(id, { status: 'cancelled', finishedAt: Date.now() })
  entry.onSettled?.(entry.job)
}

/** Runs a finished job again with the same input, under the same id. */
export function retryMediaJob(id: string): void {
  const entry = entries.get(id)
  if (!entry || entry.job.status === 'running' || !entry.job.canRetry) return
  if (!entry.run && !runners.has(entry.job.kind)) return
  entry.job = {
    ...entry.job,
    status: 'running',
    startedAt: Date.now(),
    finishedAt: null,
    result: null,
    error: null,
    recovery: null,
  }
  persist(entry.job)
  execute(entry)
  emit()
}

/** Removes a job from the list and from the stored records (a running one is cancelled first). */
export function dismissMediaJob(id: string): void {
  const entry = entries.get(id)
  if (!entry) return
  entry.controller?.abort()
  entry.release?.()
  entries.delete(id)
  deleteRunRecord(id).catch(() => undefined)
  emit()
}

/** Applies what reconciliation learnt about an interrupted run (use-recover-runs.ts). */
export function settleRecoveredJob(
  id: string,
  patch: Pick<MediaJob, 'recovery'> & Partial<Pick<MediaJob, 'status' | 'result' | 'finishedAt'>>,
): void {
  const entry = entries.get(id)
  if (!entry || entry.job.status === 'running') return
  update(id, patch)
}

function fromRecord(record: RunRecord, heldElsewhere: ReadonlySet<string>): MediaJob | null {
  const codec = codecs.get(record.kind)
  let status = record.status
  let recovery = record.recovery
  if (status === 'running') {
    // Still held by another open tab: that tab owns it.
    if (heldElsewhere.has(lockName(record.id))) return null
    status = 'interrupted'
    recovery = { state: 'checking', chargeUsd: null, ledgerGroupId: null, isLedgerChecked: false }
  }
  let result: unknown = null
  if (record.result !== null && record.result !== undefined) {
    try {
      result = codec?.reviveResult ? codec.reviveResult(record.result) : record.result
    } catch {
      result = null
    }
  }
  return {
    id: record.id,
    kind: record.kind,
    input: record.input,
    status,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    result,
    error: fromStoredError(record.error),
    estimate: record.estimate,
    recovery,
    canRetry: record.canRetry,
  }
}

async function heldLockNames(): Promise<Set<string>> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  if (!locks) return new Set()
  try {
    const state = await locks.query()
    return new Set((state.held ?? []).flatMap((l) => (l.name ? [l.name] : [])))
  } catch {
    return new Set()
  }
}

/** Reads the stored runs once per page load; runs started meanwhile are kept as they are. */
export function loadMediaJobs(): Promise<void> {
  loading ??= (async () => {
    let records: RunRecord[]
    try {
      records = await loadRunRecords()
    } catch {
      return // no IndexedDB (private mode, blocked): only this page's runs are listed
    }
    const held = await heldLockNames()
    for (const record of records) {
      if (entries.has(record.id)) continue
      const job = fromRecord(record, held)
      if (!job) continue
      entries.set(job.id, { job, run: null, controller: null, onSettled: undefined, release: null })
      if (job.status !== record.status) persist(job)
    }
    emit()
  })()
  return loading
}

/** All jobs of one kind, newest first. */
export function getMediaJobs(kind: MediaJobKind): MediaJob[] {
  let list = snapshots.get(kind)
  if (!list) {
    // Newest start first; runs started in the same millisecond, the later one first.
    list = [...entries.values()]
      .map((e) => e.job)
      .filter((job) => job.kind === kind)
      .reverse()
      .sort((a, b) => b.startedAt - a.startedAt)
    snapshots.set(kind, list)
  }
  return list
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  void loadMediaJobs()
  return () => {
    listeners.delete(listener)
  }
}

/** The jobs of one kind, newest first; re-renders when any job changes. */
export function useMediaJobs<I, R>(kind: MediaJobKind): MediaJob<I, R>[] {
  const getSnapshot = useCallback(() => getMediaJobs(kind), [kind])
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot) as MediaJob<I, R>[]
}

/** How long after a start the cloud has reserved the price (it does so first; docs/media.md §Balance). */
const CHARGE_REFRESH_MS = 1_000

/**
 * A starter bound to this page: the balance and ledger are refreshed just after the start (the
 * cloud reserves the price first) and again when the run settles, with the caller's own lists.
 */
export function useStartMediaJob<I, R>(
  kind: MediaJobKind,
  run: (input: I, signal: AbortSignal) => Promise<R>,
  options: { invalidate?: QueryKey[] } = {},
): (input: I, estimate?: CostEstimate | null) => string {
  const queryClient = useQueryClient()
  const { invalidate } = options
  // Retry of a run restored after a reload uses this page's runner.
  useEffect(() => {
    runners.set(kind, run as Runner)
  }, [kind, run])
  return useCallback(
    (input: I, estimate?: CostEstimate | null) => {
      const refreshMoney = () => {
        void queryClient.invalidateQueries({ queryKey: billingKeys.balance() })
        void queryClient.invalidateQueries({ queryKey: billingKeys.transactionLists() })
      }
      const id = startMediaJob(
        kind,
        input,
        run,
        () => {
          refreshMoney()
          for (const queryKey of invalidate ?? []) void queryClient.invalidateQueries({ queryKey })
        },
        { estimate },
      )
      window.setTimeout(() => {
        if (entries.get(id)?.job.status === 'running') refreshMoney()
      }, CHARGE_REFRESH_MS)
      return id
    },
    [kind, run, invalidate, queryClient],
  )
}

/** Test hook: forget every job (and that the records were read). */
export function resetMediaJobsForTests(): void {
  for (const entry of entries.values()) entry.controller?.abort()
  entries.clear()
  runners.clear()
  loading = null
  emit()
}
