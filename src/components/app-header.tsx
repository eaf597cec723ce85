import { Link } from '@tanstack/react-router'
import { Search } from 'lucide-react'
import type { ReactNode } from 'react'
import { Button } from '@/components/ui/button'
import { Kbd } from '@/components/ui/kbd'
import { Brand } from './app-sidebar'
import { useCommandPaletteTrigger } from './command-palette'
import { MobileNav } from './mobile-nav'
import { ThemeSwitch } from './theme-switch'

function isApplePlatform(): boolean {
  return typeof navigator !== 'undefined' && /mac|iphone|ipad/i.test(navigator.userAgent)
}

type AppHeaderProps = {
  /** Live status shown before the theme switch (upstream badge, balance). */
  status?: ReactNode
}

export function AppHeader({ status }: AppHeaderProps) {
  const palette = useCommandPaletteTrigger()
  const modKey = isApplePlatform() ? '⌘' : 'Ctrl'
  // The wide search box and the narrow icon open the same palette under the same name.
  const searchTrigger = {
    onClick: palette.open,
    onPointerEnter: palette.preload,
    onFocus: palette.preload,
    label: 'Search pages and actions',
    'aria-haspopup': 'dialog',
    'aria-keyshortcuts': 'Meta+K Control+K',
  } as const
  return (
    <header className="sticky top-0 z-30 flex h-14 shrink-0 items-center gap-2 border-b border-border bg-background/85 px-3 backdrop-blur supports-[backdrop-filter]:bg-background/70 sm:px-4 md:px-6">
      <MobileNav />
      <Link
        to="/"
        aria-label="elizaOS Cloud Console, Overview"
        className="mr-1 hidden rounded-md outline-none focus-visible:ring-2 focus-visible:ring-ring min-[480px]:block md:hidden"
      >
        <Brand />
      </Link>
      <Button
        variant="outline"
        {...searchTrigger}
        className="hidden h-9 w-full max-w-72 justify-start gap-2 px-3 font-normal text-muted-foreground shadow-none sm:flex"
      >
        <Search aria-hidden />
        <span className="flex-1 text-left">Search…</span>
        <Kbd>{modKey}</Kbd>
        <Kbd>K</Kbd>
      </Button>
      <Button variant="ghost" size="icon" {...searchTrigger} className="sm:hidden">
        <Search aria-hidden />
      </Button>
      <div className="ml-auto flex min-w-0 items-center gap-1.5 sm:gap-2">
        {status}
        <ThemeSwitch />
      </div>
    </header>
  )
}
