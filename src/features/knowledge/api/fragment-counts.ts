// Fragment counts the browser has seen. The list does not report them; the add, upload and submit
// answers do (docs/knowledge.md §Documents). So the console remembers what those answers said,
// per document id, and shows "—" for any document it never saw added. Nothing is estimated.
import { useSyncExternalStore } from 'react'

const STORAGE_KEY = 'eliza-console:knowledge-fragments'
/** Oldest entries are dropped beyond this many documents. */
export const MAX_REMEMBERED = 5000

export type FragmentCounts = Readonly<Record<string, number>>

let cache: FragmentCounts | null = null
const listeners = new Set<() => void>()

function read(): FragmentCounts {
  if (cache) return cache
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}')
    const out: Record<string, number> = {}
    if (typeof parsed === 'object' && parsed !== null) {
      for (const [id, n] of Object.entries(parsed)) {
        if (typeof n === 'number' && Number.isInteger(n) && n >= 0) out[id] = n
      }
    }
    cache = out
  } catch {
    cache = {}
  }
  return cache
}

/** Records `count` fragments for each document id (the latest answer wins). */
export function rememberFragmentCounts(entries: readonly { id: string; count: number }[]): void {
  if (entries.length === 0) return
  const next: Record<string, number> = { ...read() }
  for (const { id, count } of entries) {
    if (!id) continue
    delete next[id] // re-insert: the newest entries are kept longest
    next[id] = count
  }
  const ids = Object.keys(next)
  for (const id of ids.slice(0, Math.max(0, ids.length - MAX_REMEMBERED))) delete next[id]
  cache = next
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next))
  } catch {
    // A full or blocked storage keeps the counts for this visit only.
  }
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  const onStorage = (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY) return
    cache = null
    listener()
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}

/** The remembered counts, re-rendering when an answer adds some (also from another tab). */
export function useFragmentCounts(): FragmentCounts {
  return useSyncExternalStore(subscribe, read, read)
}

/** For tests: forget the in-memory copy so the next read comes from storage. */
export function resetFragmentCountCache(): void {
  cache = null
}
