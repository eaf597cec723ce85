import { useCallback, useEffect, useRef, useState } from 'react'
import type { FieldPathByValue, FieldValues, UseFormReturn } from 'react-hook-form'

const DEBOUNCE_MS = 300

/** The stored draft under `key` ('' when none), e.g. for a form's default value. */
export function readDraft(key: string): string {
  try {
    return localStorage.getItem(key) ?? ''
  } catch {
    return ''
  }
}

function write(key: string, value: string) {
  try {
    if (value) localStorage.setItem(key, value)
    else localStorage.removeItem(key)
  } catch {
    // Private mode or a full quota: the draft stays in memory only.
  }
}

/**
 * The writing side of a draft: `set` writes after a pause in typing, `flush` (and unmount, and
 * leaving the page) at once, never per keystroke; an empty value removes the stored draft.
 */
function useDraftWriter(key: string, initial: string) {
  const latest = useRef({ key, value: initial })
  const timer = useRef<number | null>(null)

  useEffect(() => {
    latest.current = { ...latest.current, key }
  }, [key])

  // Only what this instance changed is written: a copy that mounts and unmounts without a change
  // (a remount while another copy holds newer text) must not overwrite the stored draft.
  const isDirty = useRef(false)

  const flush = useCallback(() => {
    if (timer.current !== null) window.clearTimeout(timer.current)
    timer.current = null
    if (!isDirty.current) return
    isDirty.current = false
    write(latest.current.key, latest.current.value)
  }, [])

  const set = useCallback(
    (next: string) => {
      latest.current = { ...latest.current, value: next }
      isDirty.current = true
      if (timer.current !== null) window.clearTimeout(timer.current)
      timer.current = window.setTimeout(flush, DEBOUNCE_MS)
    },
    [flush],
  )

  /** Moves the draft to another key (e.g. a new chat that just got its id). */
  const moveTo = useCallback((nextKey: string) => {
    write(latest.current.key, '')
    latest.current = { ...latest.current, key: nextKey }
    write(nextKey, latest.current.value)
  }, [])

  // Unmount, and a reload or closed tab right after typing (no unmount happens then).
  useEffect(() => {
    window.addEventListener('pagehide', flush)
    return () => {
      window.removeEventListener('pagehide', flush)
      flush()
    }
  }, [flush])

  return { set, flush, moveTo }
}

/**
 * Text the user is typing, kept in localStorage under `key` (the full storage key, e.g.
 * `eliza-console:chat-draft:<id>`) so nothing typed is lost on a reload (docs/architecture.md §9).
 */
export function useDraft(key: string) {
  const [value, setValue] = useState(() => readDraft(key))
  const { set, flush, moveTo } = useDraftWriter(key, value)

  const change = useCallback(
    (next: string) => {
      setValue(next)
      set(next)
    },
    [set],
  )

  return { value, change, flush, moveTo }
}

/**
 * The same for one text field of a react-hook-form form, without re-rendering its host: give the
 * field `readDraft(key)` as its default value, and every change of it (typing, `reset`,
 * `setValue`) is written back, so the stored draft mirrors the box.
 */
export function useFieldDraft<T extends FieldValues>(
  form: UseFormReturn<T>,
  name: FieldPathByValue<T, string>,
  key: string,
) {
  const { subscribe, getValues } = form
  const { set } = useDraftWriter(key, getValues(name))
  useEffect(
    () =>
      subscribe({
        name,
        formState: { values: true },
        callback: () => set(getValues(name)),
      }),
    [subscribe, getValues, name, set],
  )
}

/**
 * A whole react-hook-form form as one JSON draft under `key`, mapped by `toDraft` first (to leave
 * out what must not be stored, such as secrets). Written after a pause in typing, on unmount and
 * when the page is hidden; read it back with `readDraft(key)`. `clear` removes it for good (after
 * a successful submit).
 */
export function useFormDraft<T extends FieldValues>(
  form: UseFormReturn<T>,
  key: string,
  toDraft: (values: T) => unknown,
) {
  const { subscribe, getValues } = form
  const toDraftRef = useRef(toDraft)
  useEffect(() => {
    toDraftRef.current = toDraft
  }, [toDraft])
  // Until the form changes, leaving keeps what is stored (nothing, or the draft it started from).
  const [initial] = useState(() => readDraft(key))
  const { set, flush } = useDraftWriter(key, initial)
  const isCleared = useRef(false)
  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: () => {
          if (!isCleared.current) set(JSON.stringify(toDraftRef.current(getValues())))
        },
      }),
    [subscribe, getValues, set],
  )
  const clear = useCallback(() => {
    isCleared.current = true
    set('')
    flush()
  }, [set, flush])
  return { clear }
}
