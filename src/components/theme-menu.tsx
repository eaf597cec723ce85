// Split for the bundle: loaded when the theme switch is first approached, off the first page.
import type { ReactNode } from 'react'
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu'
import { isThemePreference, useTheme } from '@/lib/theme'
import { THEME_OPTIONS } from './theme-options'

type ThemeMenuProps = {
  open: boolean
  onOpenChange: (open: boolean) => void
  /** The "Theme" button; it becomes the menu's trigger. */
  children: ReactNode
}

/** The theme menu; loaded on first use by ThemeSwitch. */
export function ThemeMenu({ open, onOpenChange, children }: ThemeMenuProps) {
  const { preference, setPreference } = useTheme()
  return (
    <DropdownMenu open={open} onOpenChange={onOpenChange}>
      <DropdownMenuTrigger asChild>{children}</DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-40">
        <DropdownMenuLabel>Theme</DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuRadioGroup
          value={preference}
          onValueChange={(value) => {
            if (isThemePreference(value)) setPreference(value)
          }}
        >
          {THEME_OPTIONS.map(({ value, label, icon: Icon }) => (
            <DropdownMenuRadioItem key={value} value={value}>
              <Icon aria-hidden className="text-muted-foreground" />
              {label}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  )
}
