import { Menu } from 'lucide-react'
import { lazy, Suspense, useRef, useState } from 'react'
import { Button } from '@/components/ui/button'
import { LazyBoundary } from './lazy-boundary'

// The sheet (Radix dialog, focus trap, scroll lock) loads on the first open, or when the pointer
// or focus reaches the button; the first paint needs only the button.
const loadSheet = () => import('./mobile-nav-sheet')
const MobileNavSheet = lazy(() => loadSheet().then((m) => ({ default: m.MobileNavSheet })))
function preloadSheet() {
  loadSheet().catch(() => {})
}

const MOBILE_NAV_ID = 'mobile-navigation'

/** Below 768 px the sidebar lives in a sheet behind a menu button. */
export function MobileNav() {
  const [isOpen, setIsOpen] = useState(false)
  const [hasOpened, setHasOpened] = useState(false)
  const triggerRef = useRef<HTMLButtonElement>(null)
  return (
    <>
      <Button
        ref={triggerRef}
        variant="ghost"
        size="icon"
        label="Open navigation"
        aria-haspopup="dialog"
        aria-expanded={isOpen}
        aria-controls={isOpen ? MOBILE_NAV_ID : undefined}
        className="-ml-2 md:hidden"
        onPointerEnter={preloadSheet}
        onFocus={preloadSheet}
        onClick={() => {
          setHasOpened(true)
          setIsOpen(true)
        }}
      >
        <Menu aria-hidden />
      </Button>
      {hasOpened ? (
        <LazyBoundary fallback={null}>
          <Suspense fallback={null}>
            <MobileNavSheet
              id={MOBILE_NAV_ID}
              open={isOpen}
              onOpenChange={setIsOpen}
              triggerRef={triggerRef}
            />
          </Suspense>
        </LazyBoundary>
      ) : null}
    </>
  )
}
