import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  resetStagedStore,
  useAgentHandoff,
  useStagedFiles,
  useSubmitStagedToAgent,
} from './staged-files'

// jsdom's Blob has no arrayBuffer() (every browser has); the file checks read the first bytes.
if (typeof Blob.prototype.arrayBuffer !== 'function') {
  Blob.prototype.arrayBuffer = function (this: Blob) {
    return new Promise<ArrayBuffer>((resolve, reject) => {
      const reader = new FileReader()
      reader.onload = () => resolve(reader.result as ArrayBuffer)
      reader.onerror = () => reject(reader.error)
      reader.readAsArrayBuffer(this)
    })
  }
}

const AGENT = '5a4db0c0-0000-4000-8000-0000000000a9'
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const staged = (name: string, size: number) => ({
  id: `id-${name}`,
  filename: name,
  blobUrl: `https://blobs.example/knowledge-pre-upload/u/${name}`,
  contentType: 'text/plain',
  size,
  uploadedAt: 1,
})

let answers: Response[] = []
const fetchMock = vi.fn(async () => answers.shift() ?? json(500, { error: 'No answer queued' }))
const wrapper = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>
)
const useAll = () => ({
  staged: useStagedFiles(),
  submit: useSubmitStagedToAgent(),
  handoff: useAgentHandoff(AGENT),
})

beforeEach(() => {
  answers = []
  fetchMock.mockClear()
  vi.stubGlobal('fetch', fetchMock)
  localStorage.clear()
  resetStagedStore()
})
afterEach(() => vi.unstubAllGlobals())

describe('files attached before the agent exists', () => {
  it('are stored when attached, listed with refusals, and kept across a reload', async () => {
    answers = [
      json(200, { success: true, files: [staged('a.txt', 5)], successCount: 1, failureCount: 0 }),
    ]
    const { result } = renderHook(useAll, { wrapper })
    await act(() =>
      result.current.staged.addFiles([
        new File(['hello'], 'a.txt', { type: 'text/plain' }),
        new File(['<p>'], 'b.html', { type: 'text/html' }),
      ]),
    )
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(result.current.staged.entries.map((e) => [e.name, e.state])).toEqual([
      ['b.html', 'refused'],
      ['a.txt', 'staged'],
    ])
    resetStagedStore() // a reload: only what can still be acted on comes back
    const { result: later } = renderHook(useAll, { wrapper })
    expect(later.current.staged.entries.map((e) => [e.name, e.state])).toEqual([
      ['a.txt', 'staged'],
    ])
  })

  it('a refused batch (rolled back) gives each file its own reason', async () => {
    answers = [
      json(400, {
        error: 'Some files failed to upload - batch rolled back',
        details: [{ filename: 'b.txt', error: 'Blob store unavailable' }],
      }),
    ]
    const { result } = renderHook(useAll, { wrapper })
    await act(() =>
      result.current.staged.addFiles([new File(['a'], 'a.txt'), new File(['b'], 'b.txt')]),
    )
    expect(
      result.current.staged.entries.map((e) => [e.name, 'reason' in e ? e.reason : '']),
    ).toEqual([
      ['a.txt', 'Not stored: another file of the same request failed.'],
      ['b.txt', 'Blob store unavailable'],
    ])
  })

  it('go to the new agent on save; a 503 keeps them staged, and a retry adds them', async () => {
    answers = [
      json(200, { success: true, files: [staged('a.txt', 5)], successCount: 1, failureCount: 0 }),
    ]
    const { result } = renderHook(useAll, { wrapper })
    await act(() => result.current.staged.addFiles([new File(['hello'], 'a.txt')]))

    answers = [json(503, { error: 'Knowledge service not available' })]
    let hadFiles = false
    await act(async () => {
      hadFiles = await result.current.submit(AGENT)
    })
    expect(hadFiles).toBe(true)
    await waitFor(() => expect(result.current.handoff.handoff?.status).toBe('done'))
    expect(result.current.staged.entries).toEqual([])
    const entry = result.current.handoff.handoff?.entries[0]
    expect(entry).toMatchObject({
      name: 'a.txt',
      state: 'failed',
      file: { blobUrl: staged('a.txt', 5).blobUrl },
    })
    expect(result.current.handoff.handoff?.error).toMatchObject({ status: 503 })

    answers = [
      json(200, {
        success: true,
        results: [
          {
            filename: 'a.txt',
            blobUrl: staged('a.txt', 5).blobUrl,
            status: 'success',
            fragmentCount: 1,
            documentId: 'd1',
          },
        ],
        message: 'Successfully processed 1 file(s)',
        successCount: 1,
        failedCount: 0,
        totalCount: 1,
      }),
    ]
    await act(() => result.current.handoff.retry())
    expect(result.current.handoff.handoff?.entries[0]).toMatchObject({
      state: 'added',
      fragmentCount: 1,
      file: null,
    })
    expect(result.current.handoff.handoff?.error).toBeNull()
    act(() => result.current.handoff.dismiss())
    expect(result.current.handoff.handoff).toBeNull()
  })

  it('nothing attached: saving submits nothing', async () => {
    const { result } = renderHook(useAll, { wrapper })
    let hadFiles = true
    await act(async () => {
      hadFiles = await result.current.submit(AGENT)
    })
    expect(hadFiles).toBe(false)
    expect(fetchMock).not.toHaveBeenCalled()
  })
})
