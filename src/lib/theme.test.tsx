import { act, cleanup, renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import script from '../../public/theme-init.js?raw'
import {
  applyTheme,
  readThemePreference,
  resetThemeStore,
  resolveTheme,
  setThemePreference,
  THEME_STORAGE_KEY,
  useTheme,
} from './theme'

// A controllable prefers-color-scheme: jsdom has no matchMedia.
let systemDark = false
let mediaListeners: ((e: MediaQueryListEvent) => void)[] = []
function setSystemDark(value: boolean) {
  systemDark = value
  for (const listener of mediaListeners) listener({ matches: value } as MediaQueryListEvent)
}

beforeEach(() => {
  systemDark = false
  mediaListeners = []
  window.matchMedia = vi.fn((query: string) => ({
    get matches() {
      return query === '(prefers-color-scheme: dark)' && systemDark
    },
    media: query,
    onchange: null,
    addEventListener: (_: string, l: (e: MediaQueryListEvent) => void) => mediaListeners.push(l),
    removeEventListener: (_: string, l: (e: MediaQueryListEvent) => void) => {
      mediaListeners = mediaListeners.filter((x) => x !== l)
    },
    addListener: vi.fn(),
    removeListener: vi.fn(),
    dispatchEvent: vi.fn(),
  })) as unknown as typeof window.matchMedia
  localStorage.clear()
  document.documentElement.className = ''
  document.documentElement.style.colorScheme = ''
  resetThemeStore()
})
afterEach(cleanup)

const isDark = () => document.documentElement.classList.contains('dark')

describe('theme', () => {
  it('defaults to system and ignores unknown saved values', () => {
    expect(readThemePreference()).toBe('system')
    localStorage.setItem(THEME_STORAGE_KEY, 'purple')
    expect(readThemePreference()).toBe('system')
    localStorage.setItem(THEME_STORAGE_KEY, 'dark')
    expect(readThemePreference()).toBe('dark')
  })

  it('resolves system from prefers-color-scheme', () => {
    expect(resolveTheme('system')).toBe('light')
    systemDark = true
    expect(resolveTheme('system')).toBe('dark')
    expect(resolveTheme('light')).toBe('light')
  })

  it('applies the class and color-scheme on <html> like theme-init.js', () => {
    applyTheme('dark')
    expect(isDark()).toBe(true)
    expect(document.documentElement.style.colorScheme).toBe('dark')
    applyTheme('light')
    expect(isDark()).toBe(false)
    expect(document.documentElement.style.colorScheme).toBe('light')
  })

  it('persists the preference under console-theme', () => {
    setThemePreference('dark')
    expect(localStorage.getItem('console-theme')).toBe('dark')
    expect(isDark()).toBe(true)
  })

  it('matches public/theme-init.js for every stored value', () => {
    for (const stored of ['light', 'dark', 'system', null]) {
      for (const dark of [false, true]) {
        systemDark = dark
        localStorage.clear()
        if (stored) localStorage.setItem(THEME_STORAGE_KEY, stored)
        document.documentElement.className = ''
        new Function(script)()
        const fromScript = isDark()
        document.documentElement.className = ''
        applyTheme(readThemePreference())
        expect(isDark(), `stored=${stored} systemDark=${dark}`).toBe(fromScript)
      }
    }
  })

  it('useTheme re-renders on change and follows the system live when set to system', () => {
    const { result } = renderHook(() => useTheme())
    expect(result.current.preference).toBe('system')
    expect(result.current.resolved).toBe('light')

    act(() => setSystemDark(true))
    expect(result.current.resolved).toBe('dark')
    expect(isDark()).toBe(true)

    act(() => result.current.setPreference('light'))
    expect(result.current.preference).toBe('light')
    expect(isDark()).toBe(false)

    // a fixed preference no longer follows the system
    act(() => setSystemDark(false))
    act(() => setSystemDark(true))
    expect(result.current.resolved).toBe('light')
    expect(isDark()).toBe(false)
  })

  it('picks up a change made in another tab', () => {
    const { result } = renderHook(() => useTheme())
    act(() => {
      localStorage.setItem(THEME_STORAGE_KEY, 'dark')
      window.dispatchEvent(new StorageEvent('storage', { key: THEME_STORAGE_KEY }))
    })
    expect(result.current.preference).toBe('dark')
    expect(isDark()).toBe(true)
  })

  it('catches up with an OS change made before the first subscriber', () => {
    systemDark = true
    applyTheme('system')
    renderHook(() => useTheme()).unmount()
    expect(isDark()).toBe(true)
    // the OS turns light while nothing listens (e.g. before the shell has mounted)
    systemDark = false
    const { result } = renderHook(() => useTheme())
    expect(result.current.resolved).toBe('light')
    expect(isDark()).toBe(false)
  })
})
