import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { waitAtMost } from './wait-at-most'

describe('waitAtMost', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('resolves as soon as the work settles', async () => {
    let done = false
    const wait = waitAtMost(1000, Promise.resolve('x')).then(() => (done = true))
    await vi.advanceTimersByTimeAsync(0)
    expect(done).toBe(true)
    await wait
  })

  it('resolves after the limit when the work takes longer', async () => {
    let done = false
    void waitAtMost(1000, new Promise(() => {})).then(() => (done = true))
    await vi.advanceTimersByTimeAsync(999)
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(done).toBe(true)
  })

  it('never rejects', async () => {
    await expect(waitAtMost(1000, Promise.reject(new Error('no')))).resolves.toBeUndefined()
  })
})
