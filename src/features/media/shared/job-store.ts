import { useQueryClient, type QueryKey } from '@tanstack/react-query'
import { useCallback, useSyncExternalStore } from 'react'
import { billingKeys } from '@/features/billing/api/keys'

/**
 * Media generations in flight. Image and video calls are synchronous and can take minutes
 * (media.md §1–§2), so they run in a module-level store rather than in a component: several run
 * at once, each with its own state, and moving to another page and back re-subscribes to the same
 * jobs while their fetches keep going. A reload drops them, as it drops the HTTP calls; durable
 * history comes from the cloud (gallery, voice list).
 */
export type MediaJobKind = 'image' | 'video' | 'voice' | 'clone'
export type MediaJobStatus = 'running' | 'done' | 'error' | 'cancelled'

export interface MediaJob<I = unknown, R = unknown> {
  id: string
  kind: MediaJobKind
  input: I
  status: MediaJobStatus
  startedAt: number
  finishedAt: number | null
  result: R | null
  error: unknown
}

type Runner = (input: unknown, signal: AbortSignal) => Promise<unknown>

type Entry = {
  job: MediaJob
  run: Runner
  controller: AbortController | null
  onSettled: ((job: MediaJob) => void) | undefined
}

const entries = new Map<string, Entry>()
const listeners = new Set<() => void>()
/** Snapshots per kind, rebuilt only when something changed, so `useSyncExternalStore` is stable. */
let snapshots = new Map<MediaJobKind, MediaJob[]>()
let sequence = 0

function emit() {
  snapshots = new Map()
  for (const listener of listeners) listener()
}

function update(id: string, patch: Partial<MediaJob>) {
  const entry = entries.get(id)
  if (!entry) return
  entry.job = { ...entry.job, ...patch }
  emit()
}

function execute(entry: Entry) {
  const controller = new AbortController()
  entry.controller = controller
  const { id } = entry.job
  entry
    .run(entry.job.input, controller.signal)
    .then(
      (result) => {
        if (entries.get(id)?.controller !== controller) return // retried or dismissed meanwhile
        update(id, { status: 'done', result, finishedAt: Date.now() })
      },
      (error: unknown) => {
        if (entries.get(id)?.controller !== controller) return
        const cancelled = controller.signal.aborted
        update(id, {
          status: cancelled ? 'cancelled' : 'error',
          error: cancelled ? null : error,
          finishedAt: Date.now(),
        })
      },
    )
    .finally(() => {
      const current = entries.get(id)
      if (current?.controller !== controller) return
      current.controller = null
      current.onSettled?.(current.job)
    })
}

/** Starts a job and returns its id. */
export function startMediaJob<I, R>(
  kind: MediaJobKind,
  input: I,
  run: (input: I, signal: AbortSignal) => Promise<R>,
  onSettled?: (job: MediaJob<I, R>) => void,
): string {
  sequence += 1
  const id = `${kind}-${Date.now().toString(36)}-${sequence}`
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
    },
    run: run as Runner,
    controller: null,
    onSettled: onSettled as ((job: MediaJob) => void) | undefined,
  }
  entries.set(id, entry)
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
  update(id, { status: 'cancelled', finishedAt: Date.now() })
  entry.onSettled?.(entry.job)
}

/** Runs a finished job again with the same input, under the same id. */
export function retryMediaJob(id: string): void {
  const entry = entries.get(id)
  if (!entry || entry.job.status === 'running') return
  entry.job = {
    ...entry.job,
    status: 'running',
    startedAt: Date.now(),
    finishedAt: null,
    result: null,
    error: null,
  }
  execute(entry)
  emit()
}

/** Removes a job from the list (a running one is cancelled first). */
export function dismissMediaJob(id: string): void {
  const entry = entries.get(id)
  if (!entry) return
  entry.controller?.abort()
  entries.delete(id)
  emit()
}

/** All jobs of one kind, newest first. */
export function getMediaJobs(kind: MediaJobKind): MediaJob[] {
  let list = snapshots.get(kind)
  if (!list) {
    list = [...entries.values()]
      .map((e) => e.job)
      .filter((job) => job.kind === kind)
      .reverse()
    snapshots.set(kind, list)
  }
  return list
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** The jobs of one kind, newest first; re-renders when any job changes. */
export function useMediaJobs<I, R>(kind: MediaJobKind): MediaJob<I, R>[] {
  const getSnapshot = useCallback(() => getMediaJobs(kind), [kind])
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot) as MediaJob<I, R>[]
}

/**
 * A starter bound to this page: each settled job refreshes the balance (every generation is
 * billed) and the caller's own lists, e.g. the gallery.
 */
export function useStartMediaJob<I, R>(
  kind: MediaJobKind,
  run: (input: I, signal: AbortSignal) => Promise<R>,
  options: { invalidate?: QueryKey[] } = {},
): (input: I) => string {
  const queryClient = useQueryClient()
  const { invalidate } = options
  return useCallback(
    (input: I) =>
      startMediaJob(kind, input, run, () => {
        void queryClient.invalidateQueries({ queryKey: billingKeys.balance() })
        for (const queryKey of invalidate ?? []) void queryClient.invalidateQueries({ queryKey })
      }),
    [kind, run, invalidate, queryClient],
  )
}

/** Test hook: forget every job. */
export function resetMediaJobsForTests(): void {
  for (const entry of entries.values()) entry.controller?.abort()
  entries.clear()
  emit()
}
