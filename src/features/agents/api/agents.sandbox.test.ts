// @vitest-environment jsdom
// The agents' data layer against the in-process sandbox (docs/architecture.md §12): the list query
// and the create and delete mutations run through the real client, a real QueryClient and the
// sandbox's own answers; no response is mocked.
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { act, renderHook, waitFor } from '@testing-library/react'
import { createElement, type ReactNode } from 'react'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startInProcessSandbox, type InProcessSandbox } from '@/test/sandbox'
import { agentKeys } from './keys'
import { useCreateAgent, useDeleteAgent } from './mutations'
import { agentListQuery } from './queries'

// PGlite starts in WASM: seconds on a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 })

let sandbox: InProcessSandbox
beforeAll(async () => {
  sandbox = await startInProcessSandbox()
})
afterAll(() => sandbox.close())

const LIST = { page: 1, limit: 100 }

function setup() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const invalidated = vi.spyOn(queryClient, 'invalidateQueries')
  const removed = vi.spyOn(queryClient, 'removeQueries')
  const wrapper = ({ children }: { children: ReactNode }) =>
    createElement(QueryClientProvider, { client: queryClient }, children)
  // The list is observed, as on the page: invalidating it refetches it.
  const { result } = renderHook(
    () => ({
      list: useQuery(agentListQuery(LIST)),
      create: useCreateAgent(),
      remove: useDeleteAgent(),
    }),
    { wrapper },
  )
  return { queryClient, invalidated, removed, result }
}

describe('agents data layer, against the sandbox', () => {
  it('create and delete invalidate the lists, and the refetched list shows each change', async () => {
    const { queryClient, invalidated, removed, result } = setup()
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true))
    const before = result.current.list.data!
    const name = `Sandbox data-layer test ${Date.now()}`
    expect(before.agents.map((a) => a.name)).not.toContain(name)

    sandbox.requests.length = 0
    const created = await act(() =>
      result.current.create.mutateAsync({ name, bio: 'Made by the data-layer test.' }),
    )
    // mutateAsync resolves once the invalidated list has been fetched again
    expect(invalidated.mock.calls.map(([filters]) => filters?.queryKey)).toEqual([
      agentKeys.lists(),
    ])
    expect(sandbox.requests).toEqual([
      'POST /api/v1/app/agents',
      'GET /api/my-agents/characters?page=1&limit=100',
    ])
    const afterCreate = queryClient.getQueryData(agentListQuery(LIST).queryKey)
    expect(afterCreate?.pagination.totalCount).toBe(before.pagination.totalCount + 1)
    expect(afterCreate?.agents.find((a) => a.id === created.agent.id)?.name).toBe(name)
    // and the observer (the page) renders it
    await waitFor(() => expect(result.current.list.data).toBe(afterCreate))

    invalidated.mockClear()
    sandbox.requests.length = 0
    await act(() => result.current.remove.mutateAsync(created.agent.id))
    expect(removed).toHaveBeenCalledWith({ queryKey: agentKeys.detail(created.agent.id) })
    expect(invalidated.mock.calls.map(([filters]) => filters?.queryKey)).toEqual([
      agentKeys.lists(),
    ])
    expect(sandbox.requests).toEqual([
      `DELETE /api/my-agents/characters/${created.agent.id}`,
      'GET /api/my-agents/characters?page=1&limit=100',
    ])
    const afterDelete = queryClient.getQueryData(agentListQuery(LIST).queryKey)
    expect(afterDelete?.pagination.totalCount).toBe(before.pagination.totalCount)
    expect(afterDelete?.agents.map((a) => a.id)).not.toContain(created.agent.id)
    await waitFor(() => expect(result.current.list.data).toBe(afterDelete))
  })
})
