// The upload log of the knowledge panel: every file the user adds gets a row with its own
// outcome (refused in the browser, uploading, added with its fragment count, or failed with the
// server's reason), never one banner over a partial failure. Files are checked first, then sent in
// requests the cloud accepts (≤ 5 files, ≤ 5 MB), one request at a time.
import { useCallback, useRef, useState } from 'react'
import { ApiError } from '@/lib/api-error'
import { checkFiles, planRequests } from '../api/files'
import { useUploadKnowledgeFiles } from '../api/mutations'
import type { UploadResult } from '../api/schemas'

export type UploadEntry = {
  key: string
  name: string
  size: number
} & (
  | { state: 'refused'; reason: string }
  | { state: 'queued' | 'uploading'; file: File }
  | { state: 'added'; documentId: string; fragmentCount: number | null }
  /** `file` is kept when the request itself failed (429, 503, network…), so it can be retried. */
  | { state: 'failed'; reason: string; file: File | null }
)

type WithoutKey<T> = T extends unknown ? Omit<T, 'key'> : never

/** Request failures after which the next requests would fail the same way. */
const STOPPING_KINDS = new Set([
  'rate_limited',
  'unavailable',
  'network',
  'unauthorized',
  'forbidden',
  'timeout',
])

let nextKey = 0
const newKey = () => `upload-${++nextKey}`

/** Pairs each sent file with its result: by position, or by name if the order differs. */
function resultFor(result: UploadResult, file: File, index: number) {
  const byIndex = result.data[index]
  if (byIndex && byIndex.filename === file.name) return byIndex
  return result.data.find((d) => d.filename === file.name) ?? byIndex
}

export function useUploadBatch(agentId: string) {
  const upload = useUploadKnowledgeFiles(agentId)
  const [entries, setEntries] = useState<UploadEntry[]>([])
  /** The last request that failed as a whole (shown with its countdown or explanation). */
  const [requestError, setRequestError] = useState<ApiError | null>(null)
  // Each add waits for the previous one, so requests go one at a time and in order.
  const chain = useRef<Promise<void>>(Promise.resolve())
  const { mutateAsync } = upload

  const patch = useCallback((keys: ReadonlySet<string>, next: (e: UploadEntry) => UploadEntry) => {
    setEntries((list) => list.map((e) => (keys.has(e.key) ? next(e) : e)))
  }, [])

  const send = useCallback(
    async (queued: { key: string; file: File }[]) => {
      let stopped: ApiError | null = null
      for (const group of planRequests(queued.map((q) => ({ ...q, size: q.file.size })))) {
        const keys = new Set(group.map((g) => g.key))
        if (stopped) {
          const reason = `Not sent: ${stopped.message}`
          patch(keys, (e) => ({ ...e, state: 'failed', reason, file: fileOf(e) }))
          continue
        }
        patch(keys, (e) => (e.state === 'queued' ? { ...e, state: 'uploading' } : e))
        try {
          const result = await mutateAsync(group.map((g) => g.file))
          const byKey = new Map(group.map((g, i) => [g.key, resultFor(result, g.file, i)]))
          patch(keys, (e) => {
            const r = byKey.get(e.key)
            if (r?.status === 'success') {
              return {
                key: e.key,
                name: e.name,
                size: e.size,
                state: 'added',
                documentId: r.id,
                fragmentCount: r.fragmentCount ?? null,
              }
            }
            const reason = r?.error ?? 'The cloud did not report a result for this file.'
            return { key: e.key, name: e.name, size: e.size, state: 'failed', reason, file: null }
          })
        } catch (e) {
          const error = ApiError.from(e)
          setRequestError(error)
          const perFile = error.details.fieldErrors
          patch(keys, (entry) => ({
            ...entry,
            state: 'failed',
            reason: perFile?.[entry.name]?.join(' ') ?? error.message,
            file: fileOf(entry),
          }))
          if (STOPPING_KINDS.has(error.kind)) stopped = error
        }
      }
    },
    [mutateAsync, patch],
  )

  const run = useCallback(
    (queued: { key: string; file: File }[]) => {
      chain.current = chain.current.then(() => send(queued))
      return chain.current
    },
    [send],
  )

  /** Checks `files`, lists the refused ones, and uploads the rest. */
  const addFiles = useCallback(
    async (files: readonly File[]) => {
      if (files.length === 0) return
      const { accepted, refused } = await checkFiles(files)
      const queued = accepted.map((file) => ({ key: newKey(), file }))
      setEntries((list) => [
        ...list,
        ...refused.map((r): UploadEntry => ({ key: newKey(), ...r, state: 'refused' })),
        ...queued.map(({ key, file }): UploadEntry => ({
          key,
          name: file.name,
          size: file.size,
          state: 'queued',
          file,
        })),
      ])
      if (queued.length > 0) {
        setRequestError(null)
        await run(queued)
      }
    },
    [run],
  )

  /** Sends again the files whose request failed as a whole. */
  const retryFailed = useCallback(async () => {
    const queued: { key: string; file: File }[] = []
    for (const e of entries) {
      if (e.state === 'failed' && e.file) queued.push({ key: e.key, file: e.file })
    }
    if (queued.length === 0) return
    setRequestError(null)
    const keys = new Set(queued.map((q) => q.key))
    patch(keys, (e) => ({ ...e, state: 'queued', file: fileOf(e) as File }))
    await run(queued)
  }, [entries, patch, run])

  /** Adds a row for a document added another way (paste text). */
  const record = useCallback((entry: WithoutKey<UploadEntry>) => {
    setEntries((list) => [...list, { ...entry, key: newKey() } as UploadEntry])
  }, [])

  /** Forgets the finished rows. */
  const clear = useCallback(() => {
    setEntries((list) => list.filter((e) => e.state === 'queued' || e.state === 'uploading'))
    setRequestError(null)
  }, [])

  const isBusy = entries.some((e) => e.state === 'queued' || e.state === 'uploading')
  const canRetry = !isBusy && entries.some((e) => e.state === 'failed' && e.file !== null)
  return { entries, requestError, isBusy, canRetry, addFiles, retryFailed, record, clear }
}

function fileOf(entry: UploadEntry): File | null {
  return 'file' in entry ? entry.file : null
}
