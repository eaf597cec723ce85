import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/lib/api-error'
import { createMemoryStore } from '@/lib/storage'
import {
  cancelMediaJob,
  dismissMediaJob,
  getMediaJobs,
  loadMediaJobs,
  registerRunCodec,
  resetMediaJobsForTests,
  retryMediaJob,
  settleRecoveredJob,
  startMediaJob,
} from './job-store'
import { setRunRecordStore, type RunRecord } from './run-records'

/** A run whose outcome the test decides, that also honours abort like fetch does. */
function deferred() {
  let resolve!: (v: string) => void
  let reject!: (e: unknown) => void
  const calls: AbortSignal[] = []
  const run = (_input: { prompt: string }, signal: AbortSignal) => {
    calls.push(signal)
    return new Promise<string>((res, rej) => {
      resolve = res
      reject = rej
      signal.addEventListener('abort', () => rej(new DOMException('aborted', 'AbortError')))
    })
  }
  return { run, calls, resolve: (v: string) => resolve(v), reject: (e: unknown) => reject(e) }
}

const flush = () => new Promise((r) => setTimeout(r, 0))

beforeEach(() => setRunRecordStore(createMemoryStore<RunRecord>()))
afterEach(() => resetMediaJobsForTests())

describe('media job store', () => {
  it('runs several jobs at once, each with its own state, newest first', async () => {
    const a = deferred()
    const b = deferred()
    const first = startMediaJob('image', { prompt: 'a' }, a.run)
    const second = startMediaJob('image', { prompt: 'b' }, b.run)
    startMediaJob('video', { prompt: 'v' }, deferred().run)
    expect(getMediaJobs('image').map((j) => j.id)).toEqual([second, first])
    b.resolve('B')
    await flush()
    const [jobB, jobA] = getMediaJobs('image')
    expect(jobB).toMatchObject({ status: 'done', result: 'B' })
    expect(jobB!.finishedAt).not.toBeNull()
    expect(jobA).toMatchObject({ status: 'running', result: null })
  })

  it('keeps snapshots stable until something changes', () => {
    startMediaJob('image', { prompt: 'a' }, deferred().run)
    const one = getMediaJobs('image')
    expect(getMediaJobs('image')).toBe(one)
    startMediaJob('image', { prompt: 'b' }, deferred().run)
    expect(getMediaJobs('image')).not.toBe(one)
  })

  it('records an error, and retry runs the same input again under the same id', async () => {
    const d = deferred()
    let settled = 0
    const id = startMediaJob('voice', { prompt: 'hi' }, d.run, () => (settled += 1))
    d.reject(new Error('boom'))
    await flush()
    expect(getMediaJobs('voice')[0]).toMatchObject({ id, status: 'error' })
    expect((getMediaJobs('voice')[0]!.error as Error).message).toBe('boom')
    expect(settled).toBe(1)
    retryMediaJob(id)
    expect(getMediaJobs('voice')[0]).toMatchObject({ id, status: 'running', error: null })
    expect(d.calls).toHaveLength(2)
    d.resolve('ok')
    await flush()
    expect(getMediaJobs('voice')[0]).toMatchObject({ status: 'done', result: 'ok' })
    expect(settled).toBe(2)
  })

  it('cancel aborts the request and ends as cancelled, not as an error', async () => {
    const d = deferred()
    const id = startMediaJob('video', { prompt: 'x' }, d.run)
    cancelMediaJob(id)
    await flush()
    expect(d.calls[0]!.aborted).toBe(true)
    expect(getMediaJobs('video')[0]).toMatchObject({ status: 'cancelled', error: null })
  })

  it('a late answer from a cancelled run does not overwrite the retry', async () => {
    // A server that ignores the abort and answers anyway.
    const answers: ((v: string) => void)[] = []
    const run = () => new Promise<string>((resolve) => answers.push(resolve))
    const id = startMediaJob('image', { prompt: 'x' }, run)
    cancelMediaJob(id)
    expect(getMediaJobs('image')[0]).toMatchObject({ status: 'cancelled' })
    retryMediaJob(id)
    answers[0]!('stale')
    await flush()
    expect(getMediaJobs('image')[0]).toMatchObject({ status: 'running', result: null })
    answers[1]!('fresh')
    await flush()
    expect(getMediaJobs('image')[0]).toMatchObject({ status: 'done', result: 'fresh' })
  })

  it('dismiss removes the job and aborts it if running', async () => {
    const d = deferred()
    const id = startMediaJob('clone', { prompt: 'x' }, d.run)
    dismissMediaJob(id)
    expect(getMediaJobs('clone')).toEqual([])
    expect(d.calls[0]!.aborted).toBe(true)
  })
})

describe('run records (docs/media.md §Runs)', () => {
  /** A page load: the in-memory store forgets everything, the records stay. */
  async function reload() {
    resetMediaJobsForTests()
    await loadMediaJobs()
  }

  it('writes a network failure only after a moment: one caused by the page going away is not the outcome', async () => {
    vi.useFakeTimers()
    try {
      const store = createMemoryStore<RunRecord>()
      setRunRecordStore(store)
      const d = deferred()
      const id = startMediaJob('video', { prompt: 'lantern' }, d.run)
      await vi.advanceTimersByTimeAsync(0)
      d.reject(new ApiError('network', 'Failed to fetch', null))
      await vi.advanceTimersByTimeAsync(0)
      expect(getMediaJobs('video')[0]).toMatchObject({ id, status: 'error' })
      // the page would be gone by now: the record still says running, for the next load to reconcile
      expect(await store.get(id)).toMatchObject({ status: 'running' })
      await vi.advanceTimersByTimeAsync(1_000)
      expect(await store.get(id)).toMatchObject({ status: 'error' })
    } finally {
      vi.useRealTimers()
    }
  })

  it('records a run when it starts and when it ends; a reload brings finished runs back', async () => {
    const store = createMemoryStore<RunRecord>()
    setRunRecordStore(store)
    const d = deferred()
    const id = startMediaJob('video', { prompt: 'boat' }, d.run, undefined, {
      estimate: { min: 0.336, max: 3.84 },
    })
    await flush()
    expect(await store.get(id)).toMatchObject({
      kind: 'video',
      status: 'running',
      input: { prompt: 'boat' },
      estimate: { min: 0.336, max: 3.84 },
    })
    d.resolve('the video')
    await flush()
    expect(await store.get(id)).toMatchObject({ status: 'done', result: 'the video' })
    await reload()
    expect(getMediaJobs('video')).toEqual([
      expect.objectContaining({ id, status: 'done', result: 'the video', recovery: null }),
    ])
  })

  it('a run in flight at the reload comes back interrupted, to be looked for', async () => {
    const store = createMemoryStore<RunRecord>()
    setRunRecordStore(store)
    const id = startMediaJob('image', { prompt: 'cut off' }, deferred().run)
    await flush()
    // The page goes away without the run settling: nothing updates the record.
    await store.set(id, { ...(await store.get(id))!, status: 'running' })
    await reload()
    expect(getMediaJobs('image')[0]).toMatchObject({
      id,
      status: 'interrupted',
      recovery: { state: 'checking', chargeUsd: null, isLedgerChecked: false },
    })
    expect(await store.get(id)).toMatchObject({ status: 'interrupted' })
    settleRecoveredJob(id, {
      recovery: { state: 'lost', chargeUsd: 0.05, ledgerGroupId: 'g', isLedgerChecked: true },
    })
    await flush()
    expect(await store.get(id)).toMatchObject({ recovery: { state: 'lost', chargeUsd: 0.05 } })
  })

  it('errors keep their kind across a reload; dismiss removes the record', async () => {
    const store = createMemoryStore<RunRecord>()
    setRunRecordStore(store)
    const d = deferred()
    const id = startMediaJob('voice', { prompt: 'x' }, d.run)
    d.reject(new ApiError('insufficient_credits', 'Insufficient credits', 402))
    await flush()
    await reload()
    const error = getMediaJobs('voice')[0]!.error
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ kind: 'insufficient_credits', status: 402 })
    dismissMediaJob(id)
    await flush()
    expect(await store.get(id)).toBeUndefined()
  })

  it('a codec stores what can be stored and marks what cannot be re-sent', async () => {
    const store = createMemoryStore<RunRecord>()
    setRunRecordStore(store)
    registerRunCodec<{ name: string; files: string[] }, { url: string; n: number }>('clone', {
      storeInput: (input) => ({ input: { ...input, files: [] }, canRetry: false }),
      storeResult: (r) => ({ n: r.n }),
      reviveResult: (stored) => ({ url: `revived:${(stored as { n: number }).n}`, n: 1 }),
    })
    const id = startMediaJob('clone', { name: 'N', files: ['big.wav'] }, async () => ({
      url: 'blob:x',
      n: 7,
    }))
    await flush()
    expect(await store.get(id)).toMatchObject({
      input: { name: 'N', files: [] },
      result: { n: 7 },
      canRetry: false,
    })
    await reload()
    expect(getMediaJobs('clone')[0]).toMatchObject({
      result: { url: 'revived:7' },
      canRetry: false,
    })
    registerRunCodec('clone', {})
  })
})
