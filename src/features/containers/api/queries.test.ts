import { QueryClient, type Query } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import { containerQuery, DETAIL_POLL_MS } from './detail-queries'
import { containerListQuery, LIST_POLL_MS } from './queries'

/** The interval react-query would use for a query whose data is `data`. */
function intervalFor<T>(
  options: { queryKey: readonly unknown[]; refetchInterval?: unknown },
  data: T,
) {
  const client = new QueryClient()
  client.setQueryData(options.queryKey, data)
  const query = client.getQueryCache().find({ queryKey: options.queryKey }) as Query
  const interval = options.refetchInterval as (q: Query) => number | false
  return interval(query)
}

describe('polling while a container moves (docs/containers.md §Status lifecycle)', () => {
  it('polls the list while any container is on its way, and stops when all have settled', () => {
    const options = containerListQuery()
    expect(intervalFor(options, [{ status: 'running' }, { status: 'deploying' }])).toBe(
      LIST_POLL_MS,
    )
    expect(intervalFor(options, [{ status: 'running' }, { status: 'failed' }])).toBe(false)
    expect(intervalFor(options, [])).toBe(false)
  })

  it('polls one container through pending, building, deploying and deleting only', () => {
    const options = containerQuery('6f1d2b3c-4a5e-4f60-8a71-92b3c4d5e6f7')
    for (const status of ['pending', 'building', 'deploying', 'deleting']) {
      expect(intervalFor(options, { status })).toBe(DETAIL_POLL_MS)
    }
    for (const status of ['running', 'failed', 'stopped', 'deleted', 'something-new']) {
      expect(intervalFor(options, { status })).toBe(false)
    }
  })
})
