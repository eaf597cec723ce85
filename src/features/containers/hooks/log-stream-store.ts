import { useEffect, useState, useSyncExternalStore } from 'react'
import { LogBuffer } from '../lib/log-buffer'
import { containerLogSource, runLogStream, type LogStreamState } from '../api/log-stream'

/** Lines kept in the browser per container: the newest 5,000 (a ring buffer). */
export const LOG_CAPACITY = 5_000

export interface LogStreamSnapshot {
  state: LogStreamState
  /** Bumped once per animation frame in which lines arrived. */
  version: number
  /** Lines added since the page opened (to count what arrived while paused). */
  added: number
  /** The cloud's last `{"type":"error"}` event, if any. */
  streamError: string | null
}

/**
 * The log lines and connection state of one container page, outside React state so that only the
 * log viewer re-renders as lines arrive, at most once per animation frame.
 */
export class LogStreamStore {
  readonly buffer: LogBuffer
  private snapshot: LogStreamSnapshot = {
    state: { status: 'connecting' },
    version: 0,
    added: 0,
    streamError: null,
  }
  private readonly listeners = new Set<() => void>()
  private frame: number | null = null
  private pendingAdded = 0

  constructor(capacity = LOG_CAPACITY) {
    this.buffer = new LogBuffer(capacity)
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  getSnapshot = () => this.snapshot

  setState(state: LogStreamState) {
    this.snapshot = { ...this.snapshot, state }
    this.emit()
  }

  setStreamError(message: string) {
    this.snapshot = { ...this.snapshot, streamError: message }
    this.emit()
  }

  /** Lines were added to the buffer: tell the viewer on the next frame. */
  linesAdded(count: number) {
    this.pendingAdded += count
    if (this.frame !== null) return
    const schedule =
      typeof requestAnimationFrame === 'function'
        ? requestAnimationFrame
        : (cb: () => void) => setTimeout(cb, 16) as unknown as number
    this.frame = schedule(() => {
      this.frame = null
      this.snapshot = {
        ...this.snapshot,
        version: this.snapshot.version + 1,
        added: this.snapshot.added + this.pendingAdded,
      }
      this.pendingAdded = 0
      this.emit()
    })
  }

  private emit() {
    for (const listener of this.listeners) listener()
  }
}

/**
 * Streams the container's logs into a store while `enabled` (the container has a service and the
 * logs have been opened); stops on unmount or when disabled. The store lives as long as the page.
 */
export function useLogStreamStore(containerId: string, enabled: boolean): LogStreamStore {
  const [store] = useState(() => new LogStreamStore())
  useEffect(() => {
    if (!enabled) return
    const controller = new AbortController()
    let before = store.buffer.size + store.buffer.dropped
    void runLogStream(
      store.buffer,
      containerLogSource(containerId),
      controller.signal,
      (state) => store.setState(state),
      () => {
        const now = store.buffer.size + store.buffer.dropped
        store.linesAdded(Math.max(0, now - before))
        before = now
      },
      { onStreamError: (message) => store.setStreamError(message) },
    )
    return () => controller.abort()
  }, [containerId, enabled, store])
  return store
}

export function useLogStreamSnapshot(store: LogStreamStore): LogStreamSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
}
