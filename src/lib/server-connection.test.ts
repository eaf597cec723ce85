import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  getServerConnection,
  isChunkLoadError,
  onServerReconnect,
  reportUnreachable,
  resetServerConnection,
  subscribeServerConnection,
} from './server-connection'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  resetServerConnection()
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('server connection', () => {
  it('checks the server until it answers, backing off, then tells its listeners once', async () => {
    const fetchMock = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValue(new Response('{}', { status: 401 }))
    vi.stubGlobal('fetch', fetchMock)
    const changes = vi.fn()
    const reconnected = vi.fn()
    subscribeServerConnection(changes)
    onServerReconnect(reconnected)

    reportUnreachable()
    reportUnreachable() // a second failure meanwhile starts no second probe
    expect(getServerConnection()).toBe('unreachable')
    expect(changes).toHaveBeenCalledTimes(1)

    await vi.advanceTimersByTimeAsync(1_000)
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(fetchMock.mock.calls[0]![0]).toBe('/_console/info')
    await vi.advanceTimersByTimeAsync(1_999) // backed off to 2 s
    expect(fetchMock).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(fetchMock).toHaveBeenCalledTimes(2)
    expect(getServerConnection()).toBe('unreachable')
    await vi.advanceTimersByTimeAsync(4_000)
    expect(fetchMock).toHaveBeenCalledTimes(3)
    // any HTTP answer (here a sign-in's 401) means the server runs
    expect(getServerConnection()).toBe('online')
    expect(reconnected).toHaveBeenCalledTimes(1)
    expect(changes).toHaveBeenCalledTimes(2)

    await vi.advanceTimersByTimeAsync(30_000)
    expect(fetchMock).toHaveBeenCalledTimes(3)
  })

  it('does nothing while nothing has failed', async () => {
    const fetchMock = vi.fn()
    vi.stubGlobal('fetch', fetchMock)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(fetchMock).not.toHaveBeenCalled()
    expect(getServerConnection()).toBe('online')
  })

  it('recognises a route whose code could not be loaded', () => {
    expect(
      isChunkLoadError(
        new TypeError(
          'Failed to fetch dynamically imported module: http://127.0.0.1:4000/assets/x.js',
        ),
      ),
    ).toBe(true)
    expect(isChunkLoadError(new Error('Unable to preload CSS for /assets/x.css'))).toBe(true)
    expect(isChunkLoadError(new TypeError('Failed to fetch'))).toBe(false)
    expect(isChunkLoadError('Failed to fetch dynamically imported module')).toBe(false)
  })
})
