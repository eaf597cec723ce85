import { useCallback, useEffect, useRef, useState } from 'react'

const PREFIX = 'eliza-console:chat-draft:'
const DEBOUNCE_MS = 300

function read(key: string): string {
  try {
    return localStorage.getItem(PREFIX + key) ?? ''
  } catch {
    return ''
  }
}

function write(key: string, value: string) {
  try {
    if (value) localStorage.setItem(PREFIX + key, value)
    else localStorage.removeItem(PREFIX + key)
  } catch {
    // Private mode or a full quota: the draft stays in memory only.
  }
}

/**
 * The composer's text, kept in localStorage under the conversation's key (STYLE.md §9), written
 * after a pause in typing and at once on `flush` (send) and on unmount, never per keystroke.
 */
export function useDraft(key: string) {
  const [value, setValue] = useState(() => read(key))
  const latest = useRef({ key, value })
  const timer = useRef<number | null>(null)

  useEffect(() => {
    latest.current = { key, value }
  }, [key, value])

  const flush = useCallback(() => {
    if (timer.current !== null) window.clearTimeout(timer.current)
    timer.current = null
    write(latest.current.key, latest.current.value)
  }, [])

  const change = useCallback((next: string) => {
    setValue(next)
    latest.current = { ...latest.current, value: next }
    if (timer.current !== null) window.clearTimeout(timer.current)
    timer.current = window.setTimeout(() => {
      timer.current = null
      write(latest.current.key, latest.current.value)
    }, DEBOUNCE_MS)
  }, [])

  /** Moves the draft to another key (a new chat that just got its id). */
  const moveTo = useCallback((nextKey: string) => {
    write(latest.current.key, '')
    latest.current = { ...latest.current, key: nextKey }
    write(nextKey, latest.current.value)
  }, [])

  useEffect(() => flush, [flush])

  return { value, change, flush, moveTo }
}
