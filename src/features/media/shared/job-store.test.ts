import { afterEach, describe, expect, it } from 'vitest'
import {
  cancelMediaJob,
  dismissMediaJob,
  getMediaJobs,
  resetMediaJobsForTests,
  retryMediaJob,
  startMediaJob,
} from './job-store'

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
