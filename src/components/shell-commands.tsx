import { useNavigate } from '@tanstack/react-router'
import { useMemo } from 'react'
import { setThemePreference } from '@/lib/theme'
import { useRegisterCommands, type PaletteCommand } from './command-palette'
import { NAV_ITEMS } from './nav-items'
import { THEME_OPTIONS } from './theme-options'

/** The palette's built-in commands: "Go to <Page>" for every nav page, and the theme choices. */
export function ShellCommands() {
  const navigate = useNavigate()
  const pages = useMemo<PaletteCommand[]>(
    () =>
      NAV_ITEMS.map((item) => ({
        id: `go:${item.to}`,
        label: `Go to ${item.label}`,
        group: 'Pages',
        icon: item.icon,
        keywords: item.keywords,
        perform: () => void navigate({ to: item.to }),
      })),
    [navigate],
  )
  const themes = useMemo<PaletteCommand[]>(
    () =>
      THEME_OPTIONS.map(({ value, label, icon }) => ({
        id: `theme:${value}`,
        label: value === 'system' ? 'Use system theme' : `Switch to ${label.toLowerCase()} theme`,
        group: 'Theme',
        icon,
        keywords: ['theme', 'appearance', 'mode', label.toLowerCase()],
        perform: () => setThemePreference(value),
      })),
    [],
  )
  useRegisterCommands('shell:pages', pages)
  useRegisterCommands('shell:theme', themes)
  return null
}
