import { Monitor, Moon, Sun } from 'lucide-react'
import { lazy, Suspense, useState, type KeyboardEvent } from 'react'
import { Button } from '@/components/ui/button'
import { useTheme } from '@/lib/theme'
import { LazyBoundary } from './lazy-boundary'

// The menu (Radix DropdownMenu with its popper) loads on the first open, or when the pointer or
// focus reaches the button. Until then the button is a plain one that asks for it.
const loadMenu = () => import('./theme-menu')
const ThemeMenu = lazy(() => loadMenu().then((m) => ({ default: m.ThemeMenu })))
function preloadMenu() {
  loadMenu().catch(() => {})
}

/** A "Theme" button opening a menu of Light / Dark / System radio items. */
export function ThemeSwitch() {
  const { preference, resolved } = useTheme()
  const [isOpen, setIsOpen] = useState(false)
  const [hasOpened, setHasOpened] = useState(false)
  const TriggerIcon = preference === 'system' ? Monitor : resolved === 'dark' ? Moon : Sun

  function requestOpen() {
    setHasOpened(true)
    setIsOpen(true)
  }
  // The menu-button keys Radix's trigger handles, for the time before it is loaded.
  function handleKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      requestOpen()
    }
  }

  const trigger = (
    <Button
      variant="ghost"
      size="icon"
      label="Theme"
      aria-haspopup="menu"
      aria-expanded={isOpen}
      onPointerEnter={preloadMenu}
      onFocus={preloadMenu}
      {...(hasOpened ? {} : { onClick: requestOpen, onKeyDown: handleKeyDown })}
    >
      <TriggerIcon aria-hidden />
    </Button>
  )
  if (!hasOpened) return trigger
  return (
    <LazyBoundary fallback={trigger}>
      <Suspense fallback={trigger}>
        <ThemeMenu open={isOpen} onOpenChange={setIsOpen}>
          {trigger}
        </ThemeMenu>
      </Suspense>
    </LazyBoundary>
  )
}
