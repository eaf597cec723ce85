import { describe, expect, it, vi } from 'vitest'

import { ApiError, type ApiErrorKind } from './api-error'
import { createQueryClient, shouldRetryQuery } from './query-client'

describe('shouldRetryQuery', () => {
  it.each<[ApiErrorKind, boolean]>([
    ['network', true],
    ['server', true],
    ['rate_limited', false],
    ['unauthorized', false],
    ['not_found', false],
    ['invalid', false],
    ['insufficient_credits', false],
    ['timeout', false],
    ['aborted', false],
    ['unavailable', false],
    ['bad_response', false],
  ])('%s → %s on the first failure', (kind, expected) => {
    expect(shouldRetryQuery(0, new ApiError(kind, 'x', null))).toBe(expected)
  })

  it('stops after two retries', () => {
    const error = new ApiError('server', 'x', 500)
    expect(shouldRetryQuery(1, error)).toBe(true)
    expect(shouldRetryQuery(2, error)).toBe(false)
  })

  it('does not retry errors that are not ApiErrors', () => {
    expect(shouldRetryQuery(0, new Error('bug'))).toBe(false)
  })
})

describe('createQueryClient', () => {
  it('sets the defaults', () => {
    const client = createQueryClient()
    const defaults = client.getDefaultOptions()
    expect(defaults.queries?.staleTime).toBe(30_000)
    expect(defaults.mutations?.retry).toBe(false)
  })

  it('retries a server error twice (3 calls), then fails', async () => {
    vi.useFakeTimers()
    try {
      const client = createQueryClient()
      const queryFn = vi.fn(() => Promise.reject(new ApiError('server', 'boom', 500)))
      const pending = client.fetchQuery({ queryKey: ['server'], queryFn }).catch((e: unknown) => e)
      await vi.runAllTimersAsync()
      const error = await pending
      expect(error).toBeInstanceOf(ApiError)
      expect(queryFn).toHaveBeenCalledTimes(3)
    } finally {
      vi.useRealTimers()
    }
  })

  it('does not retry a 429 or a 404', async () => {
    const client = createQueryClient()
    for (const kind of ['rate_limited', 'not_found'] as const) {
      const queryFn = vi.fn(() => Promise.reject(new ApiError(kind, 'no', 429)))
      await expect(client.fetchQuery({ queryKey: [kind], queryFn })).rejects.toBeInstanceOf(
        ApiError,
      )
      expect(queryFn).toHaveBeenCalledTimes(1)
    }
  })

  it('never retries a mutation, even on a network error', async () => {
    const client = createQueryClient()
    const mutationFn = vi.fn(() => Promise.reject(new ApiError('network', 'down', null)))
    const mutation = client.getMutationCache().build(client, { mutationFn })
    await expect(mutation.execute(undefined)).rejects.toBeInstanceOf(ApiError)
    expect(mutationFn).toHaveBeenCalledTimes(1)
  })
})
