import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/lib/api-error'
import { resetFragmentCountCache, useFragmentCounts } from './fragment-counts'
import { knowledgeKeys } from './keys'
import {
  useAddKnowledgeText,
  useDeleteKnowledgeDocuments,
  useSubmitStagedKnowledge,
  useUploadKnowledgeFiles,
} from './mutations'

const AGENT = '5a4db0c0-0000-4000-8000-0000000000a2'

// Answers shaped as docs/knowledge.md gives them (the contract test checks the sandbox's).
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })

let answers: Response[] = []
const fetchMock = vi.fn(async () => answers.shift() ?? json(500, { error: 'No answer queued' }))

function setup() {
  const queryClient = new QueryClient()
  const invalidate = vi.spyOn(queryClient, 'invalidateQueries')
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  )
  const invalidated = () => invalidate.mock.calls.map(([filters]) => filters?.queryKey)
  return { wrapper, invalidated }
}

beforeEach(() => {
  answers = []
  fetchMock.mockClear()
  vi.stubGlobal('fetch', fetchMock)
  localStorage.clear()
  resetFragmentCountCache()
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('knowledge mutations', () => {
  it('upload-file: invalidates the agent’s documents and searches, and remembers fragment counts', async () => {
    answers = [
      json(200, {
        success: true,
        data: [
          {
            id: 'd1',
            filename: 'a.md',
            type: 'text/markdown',
            size: 3,
            uploadedAt: 1,
            fragmentCount: 2,
            status: 'success',
          },
          {
            id: '',
            filename: 'b.pdf',
            type: 'application/pdf',
            size: 4,
            uploadedAt: 1,
            status: 'error_processing',
            error: 'No text',
          },
        ],
        message: 'Uploaded 1 file(s), 1 failed',
        successCount: 1,
        failedCount: 1,
        totalCount: 2,
      }),
    ]
    const { wrapper, invalidated } = setup()
    const { result } = renderHook(() => useUploadKnowledgeFiles(AGENT), { wrapper })
    await act(() => result.current.mutateAsync([new File(['abc'], 'a.md')]))
    expect(invalidated()).toEqual([knowledgeKeys.agent(AGENT)])
    const { result: counts } = renderHook(() => useFragmentCounts())
    expect(counts.current).toEqual({ d1: 2 })
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/v1/knowledge/upload-file')
    expect((init.body as FormData).get('characterId')).toBe(AGENT)
  })

  it('upload-file with every file failed changes nothing, so invalidates nothing', async () => {
    answers = [
      json(200, {
        success: false,
        data: [{ id: '', filename: 'b.txt', status: 'error_processing', error: 'No text' }],
        message: 'Uploaded 0 file(s), 1 failed',
        successCount: 0,
        failedCount: 1,
        totalCount: 1,
      }),
    ]
    const { wrapper, invalidated } = setup()
    const { result } = renderHook(() => useUploadKnowledgeFiles(AGENT), { wrapper })
    await act(() => result.current.mutateAsync([new File(['  '], 'b.txt')]))
    expect(invalidated()).toEqual([])
  })

  it('paste text sends plain text with a text type and invalidates the agent', async () => {
    answers = [json(200, { success: true, documentId: 'd9', fragmentCount: 1, message: 'ok' })]
    const { wrapper, invalidated } = setup()
    const { result } = renderHook(() => useAddKnowledgeText(AGENT), { wrapper })
    await act(() => result.current.mutateAsync({ name: 'notes', content: 'Hello' }))
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(JSON.parse(init.body as string)).toEqual({
      content: 'Hello',
      filename: 'notes.txt',
      contentType: 'text/plain',
      characterId: AGENT,
    })
    expect(invalidated()).toEqual([knowledgeKeys.agent(AGENT)])
  })

  it('delete: a partial failure is returned per document; after a 429 the rest are not tried', async () => {
    const limited = json(
      429,
      { success: false, error: 'Too many requests', code: 'rate_limit_exceeded', retryAfter: 30 },
      { 'Retry-After': '30' },
    )
    answers = [json(200, { success: true, message: 'Document deleted successfully' }), limited]
    const { wrapper, invalidated } = setup()
    const { result } = renderHook(() => useDeleteKnowledgeDocuments(AGENT), { wrapper })
    const outcome = await act(() => result.current.mutateAsync(['a', 'b', 'c']))
    expect(fetchMock).toHaveBeenCalledTimes(2)
    expect(outcome.deleted).toEqual(['a'])
    expect(outcome.failed.map((f) => [f.id, f.error.kind])).toEqual([
      ['b', 'rate_limited'],
      ['c', 'rate_limited'],
    ])
    expect(invalidated()).toEqual([knowledgeKeys.agent(AGENT)])
  })

  it('delete: when none is deleted, the reason is thrown', async () => {
    answers = [json(503, { error: 'Knowledge service not available' })]
    const { wrapper } = setup()
    const { result } = renderHook(() => useDeleteKnowledgeDocuments(AGENT), { wrapper })
    const error = await act(() => result.current.mutateAsync(['a']).catch((e: unknown) => e))
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(503)
  })

  it('submit: remembers the counts and invalidates the agent that received the files', async () => {
    answers = [
      json(200, {
        success: true,
        results: [
          {
            filename: 'faq.txt',
            blobUrl: 'https://x/faq.txt',
            status: 'success',
            fragmentCount: 2,
            documentId: 'd5',
          },
        ],
        message: 'Successfully processed 1 file(s)',
        successCount: 1,
        failedCount: 0,
        totalCount: 1,
      }),
    ]
    const { wrapper, invalidated } = setup()
    const { result } = renderHook(() => useSubmitStagedKnowledge(), { wrapper })
    await act(() =>
      result.current.mutateAsync({
        agentId: AGENT,
        files: [
          {
            id: 's1',
            filename: 'faq.txt',
            blobUrl: 'https://x/faq.txt',
            contentType: 'text/plain',
            size: 9,
          },
        ],
      }),
    )
    expect(invalidated()).toEqual([knowledgeKeys.agent(AGENT)])
    const { result: counts } = renderHook(() => useFragmentCounts())
    expect(counts.current).toEqual({ d5: 2 })
  })
})
