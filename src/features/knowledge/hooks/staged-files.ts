// Files attached on the create-agent page before the agent exists (docs/knowledge.md
// §Staged upload): each is pre-uploaded when attached, and submitted to the new agent on save. The cloud
// keeps the staged files; the browser keeps what it needs to submit or remove them (blob URL,
// name, type, size) in localStorage, so a reload of the create page loses none of them. The
// submit's per-file results are kept per agent until dismissed, for the agent's Knowledge tab.
import { useCallback, useSyncExternalStore } from 'react'
import { ApiError, type ApiErrorKind } from '@/lib/api-error'
import { checkFiles, planRequests } from '../api/files'
import {
  useDeleteStagedKnowledge,
  usePreUploadKnowledge,
  useSubmitStagedKnowledge,
} from '../api/mutations'
import type { StagedFile } from '../api/schemas'

const STORAGE_KEY = 'eliza-console:knowledge-staged'

/** An ApiError as JSON, with the moment it happened (a rate limit's wait counts from then). */
type StoredError = {
  kind: ApiErrorKind
  message: string
  status: number | null
  retryAfterSec?: number
  at: number
}

export type StagedEntry = { key: string; name: string; size: number } & (
  | { state: 'uploading' }
  | { state: 'staged'; file: StagedFile }
  | { state: 'removing'; file: StagedFile; error?: StoredError }
  | { state: 'failed'; reason: string }
  | { state: 'refused'; reason: string }
)

export type SubmittedEntry = {
  key: string
  name: string
  size: number
  /** Kept while the file is still staged on the cloud (not added yet), to retry or remove it. */
  file: StagedFile | null
} & (
  | { state: 'pending' }
  | { state: 'added'; documentId: string | null; fragmentCount: number | null }
  | { state: 'failed'; reason: string }
)

export type Handoff = {
  agentId: string
  status: 'submitting' | 'done'
  entries: SubmittedEntry[]
  /** The last request that failed as a whole. */
  error: StoredError | null
}

type State = { draft: StagedEntry[]; handoffs: Record<string, Handoff> }

let state: State | null = null
const listeners = new Set<() => void>()
const inFlight = new Set<Promise<unknown>>()
let nextKey = 0
const newKey = () => `staged-${Date.now().toString(36)}-${++nextKey}`

function load(): State {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as State | null
    if (!parsed || !Array.isArray(parsed.draft)) return { draft: [], handoffs: {} }
    const handoffs: Record<string, Handoff> = {}
    for (const [id, h] of Object.entries(parsed.handoffs ?? {})) {
      // A submit cut by a reload: its files are still staged, so they can be sent again.
      handoffs[id] =
        h.status === 'submitting'
          ? {
              ...h,
              status: 'done',
              entries: h.entries.map((e) =>
                e.state === 'pending'
                  ? { ...e, state: 'failed', reason: 'Interrupted by a reload before an answer.' }
                  : e,
              ),
            }
          : h
    }
    return { draft: parsed.draft.filter((e) => e.state === 'staged'), handoffs }
  } catch {
    return { draft: [], handoffs: {} }
  }
}

function read(): State {
  state ??= load()
  return state
}

function persist(next: State) {
  try {
    // Only what can be acted on after a reload: staged files (a removal in flight counts as staged).
    const draft = next.draft.flatMap((e) =>
      e.state === 'staged' || e.state === 'removing'
        ? [{ key: e.key, name: e.name, size: e.size, state: 'staged' as const, file: e.file }]
        : [],
    )
    if (draft.length === 0 && Object.keys(next.handoffs).length === 0) {
      localStorage.removeItem(STORAGE_KEY)
    } else {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ draft, handoffs: next.handoffs }))
    }
  } catch {
    // Storage full or blocked: the list lives for this visit only.
  }
}

function update(change: (s: State) => State) {
  state = change(read())
  persist(state)
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

function useStore(): State {
  return useSyncExternalStore(subscribe, read, read)
}

const storeError = (error: ApiError): StoredError => ({
  kind: error.kind,
  message: error.message,
  status: error.status,
  ...(error.details.retryAfterSec !== undefined
    ? { retryAfterSec: error.details.retryAfterSec }
    : {}),
  at: Date.now(),
})

/** The stored error as an ApiError again; a rate limit's wait is what is left of it. */
export function toApiError(error: StoredError): ApiError {
  const left =
    error.retryAfterSec === undefined
      ? undefined
      : Math.max(0, Math.ceil(error.retryAfterSec - (Date.now() - error.at) / 1000))
  return new ApiError(
    error.kind,
    error.message,
    error.status,
    left === undefined ? {} : { retryAfterSec: left },
  )
}

function patchDraft(keys: ReadonlySet<string>, next: (e: StagedEntry) => StagedEntry) {
  update((s) => ({ ...s, draft: s.draft.map((e) => (keys.has(e.key) ? next(e) : e)) }))
}

function patchHandoff(agentId: string, next: (h: Handoff) => Handoff) {
  update((s) => {
    const current = s.handoffs[agentId]
    return current ? { ...s, handoffs: { ...s.handoffs, [agentId]: next(current) } } : s
  })
}

/** For tests: forget the in-memory state so the next read comes from storage. */
export function resetStagedStore() {
  state = null
  inFlight.clear()
}

// ─── The create page: attach, list, remove ───────────────────────────────────────────────

export function useStagedFiles() {
  const { draft } = useStore()
  const { mutateAsync: preUpload } = usePreUploadKnowledge()
  const { mutateAsync: deleteStaged } = useDeleteStagedKnowledge()

  const addFiles = useCallback(
    async (files: readonly File[]) => {
      if (files.length === 0) return
      const current = read().draft.filter((e) => e.state !== 'refused' && e.state !== 'failed')
      const { accepted, refused } = await checkFiles(files, { staged: true, already: current })
      const queued = accepted.map((file) => ({ key: newKey(), file, size: file.size }))
      update((s) => ({
        ...s,
        draft: [
          ...s.draft,
          ...refused.map((r): StagedEntry => ({ key: newKey(), ...r, state: 'refused' })),
          ...queued.map((q): StagedEntry => ({
            key: q.key,
            name: q.file.name,
            size: q.size,
            state: 'uploading',
          })),
        ],
      }))
      for (const group of planRequests(queued)) {
        const keys = new Set(group.map((g) => g.key))
        const request = preUpload(group.map((g) => g.file))
        inFlight.add(request)
        try {
          const staged = await request
          const byKey = new Map(group.map((g, i) => [g.key, staged[i]]))
          patchDraft(keys, (e) => {
            const file = byKey.get(e.key)
            return file
              ? { key: e.key, name: e.name, size: e.size, state: 'staged', file }
              : { key: e.key, name: e.name, size: e.size, state: 'failed', reason: 'Not stored.' }
          })
        } catch (e) {
          const error = ApiError.from(e)
          const perFile = error.details.fieldErrors
          patchDraft(keys, (entry) => ({
            key: entry.key,
            name: entry.name,
            size: entry.size,
            state: 'failed',
            reason:
              perFile?.[entry.name]?.join(' ') ??
              (perFile ? 'Not stored: another file of the same request failed.' : error.message),
          }))
        } finally {
          inFlight.delete(request)
        }
      }
    },
    [preUpload],
  )

  /** Removes a staged file from the cloud (`DELETE pre-upload`), or a refused/failed row. */
  const remove = useCallback(
    async (key: string) => {
      const entry = read().draft.find((e) => e.key === key)
      if (!entry) return
      if (entry.state !== 'staged' && entry.state !== 'removing') {
        if (entry.state !== 'uploading') {
          update((s) => ({ ...s, draft: s.draft.filter((e) => e.key !== key) }))
        }
        return
      }
      const keys = new Set([key])
      patchDraft(keys, (e) => ({ ...e, state: 'removing', file: entry.file }))
      try {
        await deleteStaged(entry.file.blobUrl)
        update((s) => ({ ...s, draft: s.draft.filter((e) => e.key !== key) }))
      } catch (e) {
        const error = storeError(ApiError.from(e))
        patchDraft(keys, (x) => ({ ...x, state: 'removing', file: entry.file, error }))
      }
    },
    [deleteStaged],
  )

  /** Forgets the refused and failed rows (nothing of them is on the cloud). */
  const clearProblems = useCallback(() => {
    update((s) => ({
      ...s,
      draft: s.draft.filter((e) => e.state !== 'refused' && e.state !== 'failed'),
    }))
  }, [])

  return { entries: draft, addFiles, remove, clearProblems }
}

// ─── Save: submit the staged files to the new agent ──────────────────────────────────────

/** Request failures after which the next submit requests would fail the same way. */
const STOPPING_KINDS = new Set<ApiErrorKind>([
  'rate_limited',
  'unavailable',
  'network',
  'unauthorized',
  'forbidden',
  'timeout',
])

function useSubmitRunner() {
  const { mutateAsync: submit } = useSubmitStagedKnowledge()
  return useCallback(
    async (agentId: string, keys: ReadonlySet<string>) => {
      const handoff = read().handoffs[agentId]
      if (!handoff) return
      const toSend = handoff.entries.filter(
        (e): e is SubmittedEntry & { file: StagedFile } => keys.has(e.key) && e.file !== null,
      )
      patchHandoff(agentId, (h) => ({
        ...h,
        status: 'submitting',
        error: null,
        entries: h.entries.map((e) => (keys.has(e.key) && e.file ? { ...e, state: 'pending' } : e)),
      }))
      let stopped: ApiError | null = null
      for (const group of planRequests(toSend)) {
        const groupKeys = new Set(group.map((g) => g.key))
        const setGroup = (next: (e: SubmittedEntry) => SubmittedEntry) =>
          patchHandoff(agentId, (h) => ({
            ...h,
            entries: h.entries.map((e) => (groupKeys.has(e.key) ? next(e) : e)),
          }))
        if (stopped) {
          const reason = `Not sent: ${stopped.message}`
          setGroup((e) => ({ ...e, state: 'failed', reason }))
          continue
        }
        try {
          const result = await submit({ agentId, files: group.map((g) => g.file) })
          const byUrl = new Map(result.results.map((r) => [r.blobUrl, r]))
          setGroup((e) => {
            const r = e.file ? byUrl.get(e.file.blobUrl) : undefined
            if (r?.status === 'success') {
              return {
                key: e.key,
                name: e.name,
                size: e.size,
                file: null, // the cloud deleted the staged blob
                state: 'added',
                documentId: r.documentId ?? null,
                fragmentCount: r.fragmentCount ?? null,
              }
            }
            return {
              ...e,
              state: 'failed',
              reason: r?.error ?? 'The cloud did not report a result for this file.',
            }
          })
        } catch (e) {
          const error = ApiError.from(e)
          patchHandoff(agentId, (h) => ({ ...h, error: storeError(error) }))
          setGroup((entry) => ({ ...entry, state: 'failed', reason: error.message }))
          if (STOPPING_KINDS.has(error.kind)) stopped = error
        }
      }
      patchHandoff(agentId, (h) => ({ ...h, status: 'done' }))
    },
    [submit],
  )
}

/**
 * Hands the staged files to a new agent and starts submitting them; never throws (the agent
 * exists by then, so a failure is shown on its Knowledge tab, with the files still staged for a
 * retry). Waits for attachments still uploading. Returns whether there was anything to submit.
 */
export function useSubmitStagedToAgent() {
  const run = useSubmitRunner()
  return useCallback(
    async (agentId: string): Promise<boolean> => {
      await Promise.allSettled([...inFlight])
      const staged = read().draft.filter(
        (e): e is StagedEntry & { state: 'staged'; file: StagedFile } => e.state === 'staged',
      )
      if (staged.length === 0) return false
      const entries: SubmittedEntry[] = staged.map((e) => ({
        key: e.key,
        name: e.name,
        size: e.size,
        file: e.file,
        state: 'pending',
      }))
      update((s) => ({
        draft: s.draft.filter((e) => !staged.some((x) => x.key === e.key)),
        handoffs: {
          ...s.handoffs,
          [agentId]: { agentId, status: 'submitting', entries, error: null },
        },
      }))
      // Not awaited: the agent's Knowledge tab shows the files being added, one by one.
      void run(agentId, new Set(entries.map((e) => e.key)))
      return true
    },
    [run],
  )
}

/** The files handed to `agentId` on creation, with retry, remove and dismiss. */
export function useAgentHandoff(agentId: string) {
  const handoff = useStore().handoffs[agentId] ?? null
  const run = useSubmitRunner()
  const { mutateAsync: deleteStaged } = useDeleteStagedKnowledge()

  const retry = useCallback(async () => {
    const current = read().handoffs[agentId]
    if (!current) return
    const keys = new Set(
      current.entries.filter((e) => e.state === 'failed' && e.file).map((e) => e.key),
    )
    if (keys.size > 0) await run(agentId, keys)
  }, [agentId, run])

  /** Removes the files still staged (not added) from the cloud, then forgets the list. */
  const discard = useCallback(async () => {
    const current = read().handoffs[agentId]
    if (!current) return
    const left: SubmittedEntry[] = []
    let error: StoredError | null = null
    for (const entry of current.entries) {
      if (entry.state === 'added' || !entry.file) continue
      try {
        await deleteStaged(entry.file.blobUrl)
      } catch (e) {
        error = storeError(ApiError.from(e))
        left.push(entry)
      }
    }
    update((s) => {
      const handoffs = { ...s.handoffs }
      if (left.length === 0) delete handoffs[agentId]
      else handoffs[agentId] = { ...current, entries: left, error }
      return { ...s, handoffs }
    })
  }, [agentId, deleteStaged])

  const dismiss = useCallback(() => {
    update((s) => {
      const handoffs = { ...s.handoffs }
      delete handoffs[agentId]
      return { ...s, handoffs }
    })
  }, [agentId])

  return { handoff, retry, discard, dismiss }
}
