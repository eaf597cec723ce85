import { useSyncExternalStore } from 'react'

/**
 * Theme preference: 'light', 'dark' or 'system' (follows `prefers-color-scheme` live).
 * The same storage key and class as public/theme-init.js, which applies it before first paint.
 */
export type ThemePreference = 'light' | 'dark' | 'system'
export type ResolvedTheme = 'light' | 'dark'

export const THEME_STORAGE_KEY = 'console-theme'
export const THEME_PREFERENCES: readonly ThemePreference[] = ['light', 'dark', 'system']
const DARK_QUERY = '(prefers-color-scheme: dark)'

export function isThemePreference(value: unknown): value is ThemePreference {
  return value === 'light' || value === 'dark' || value === 'system'
}

/** The saved preference; 'system' when nothing (or something unknown) is saved or storage is blocked. */
export function readThemePreference(): ThemePreference {
  try {
    const saved = window.localStorage.getItem(THEME_STORAGE_KEY)
    return isThemePreference(saved) ? saved : 'system'
  } catch {
    return 'system'
  }
}

function systemPrefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches
}

export function resolveTheme(preference: ThemePreference): ResolvedTheme {
  if (preference === 'system') return systemPrefersDark() ? 'dark' : 'light'
  return preference
}

/** Puts the resolved theme on <html>, exactly as theme-init.js does. */
export function applyTheme(preference: ThemePreference): ResolvedTheme {
  const resolved = resolveTheme(preference)
  const root = document.documentElement
  root.classList.toggle('dark', resolved === 'dark')
  root.style.colorScheme = resolved
  return resolved
}

type Snapshot = { preference: ThemePreference; resolved: ResolvedTheme }

const listeners = new Set<() => void>()
let snapshot: Snapshot | null = null

function currentSnapshot(): Snapshot {
  if (!snapshot) {
    const preference = readThemePreference()
    snapshot = { preference, resolved: resolveTheme(preference) }
  }
  return snapshot
}

function update(preference: ThemePreference) {
  const resolved = applyTheme(preference)
  const prev = snapshot
  if (prev && prev.preference === preference && prev.resolved === resolved) return
  snapshot = { preference, resolved }
  for (const listener of listeners) listener()
}

/** Saves and applies a preference, and tells every subscriber. */
export function setThemePreference(preference: ThemePreference): void {
  try {
    window.localStorage.setItem(THEME_STORAGE_KEY, preference)
  } catch {
    // storage blocked (private mode): the choice still applies to this page
  }
  update(preference)
}

/**
 * Subscribes to theme changes. While anyone listens, a 'system' preference follows the OS setting
 * live, and a change made in another tab (storage event) is applied here too.
 */
export function subscribeTheme(listener: () => void): () => void {
  listeners.add(listener)
  if (listeners.size === 1) startSync()
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) stopSync()
  }
}

let stopSyncFns: (() => void)[] = []

function startSync() {
  const onSystemChange = () => {
    if (currentSnapshot().preference === 'system') update('system')
  }
  const onStorage = (event: StorageEvent) => {
    if (event.key === THEME_STORAGE_KEY || event.key === null) update(readThemePreference())
  }
  if (typeof window.matchMedia === 'function') {
    const mql = window.matchMedia(DARK_QUERY)
    mql.addEventListener('change', onSystemChange)
    stopSyncFns.push(() => mql.removeEventListener('change', onSystemChange))
  }
  window.addEventListener('storage', onStorage)
  stopSyncFns.push(() => window.removeEventListener('storage', onStorage))
  // Catch up with a change made before anyone listened: theme-init.js and the first render read
  // the OS setting and storage early, and the app may subscribe only once its data has loaded.
  if (snapshot) update(readThemePreference())
}

function stopSync() {
  for (const stop of stopSyncFns) stop()
  stopSyncFns = []
}

export function getThemeSnapshot(): Snapshot {
  return currentSnapshot()
}

/** Forgets the cached snapshot (tests, or after storage was changed behind our back). */
export function resetThemeStore(): void {
  snapshot = null
}

/** The current preference and resolved theme; re-renders when either changes. */
export function useTheme(): Snapshot & { setPreference: (p: ThemePreference) => void } {
  const current = useSyncExternalStore(subscribeTheme, getThemeSnapshot, getThemeSnapshot)
  return { ...current, setPreference: setThemePreference }
}
