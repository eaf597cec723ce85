import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryStore } from '@/lib/storage'
import {
  getConversation,
  newConversation,
  saveConversation,
  setConversationStore,
  type Conversation,
} from '../storage/conversations'
import { chatKeys } from './keys'
import { useDeleteConversation, useRenameConversation } from './mutations'

function setup() {
  const queryClient = new QueryClient()
  const invalidate = vi.spyOn(queryClient, 'invalidateQueries')
  const remove = vi.spyOn(queryClient, 'removeQueries')
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  )
  return { wrapper, invalidate, remove }
}

beforeEach(async () => {
  setConversationStore(createMemoryStore<Conversation>())
  await saveConversation(newConversation('c1', { kind: 'model', modelId: 'm' }))
})

describe('conversation mutations', () => {
  it('rename saves the title and invalidates that conversation and the lists', async () => {
    const { wrapper, invalidate } = setup()
    const { result } = renderHook(() => useRenameConversation(), { wrapper })
    await act(() => result.current.mutateAsync({ id: 'c1', title: ' Renamed ' }))
    expect((await getConversation('c1'))?.title).toBe('Renamed')
    expect(invalidate.mock.calls.map(([f]) => f?.queryKey)).toEqual([
      chatKeys.conversation('c1'),
      chatKeys.conversationLists(),
    ])
  })

  it('delete removes it, drops its cache entry and invalidates only the lists', async () => {
    const { wrapper, invalidate, remove } = setup()
    const { result } = renderHook(() => useDeleteConversation(), { wrapper })
    await act(() => result.current.mutateAsync('c1'))
    expect(await getConversation('c1')).toBeUndefined()
    expect(remove).toHaveBeenCalledWith({ queryKey: chatKeys.conversation('c1') })
    expect(invalidate.mock.calls.map(([f]) => f?.queryKey)).toEqual([chatKeys.conversationLists()])
  })
})
