import type { LucideIcon } from 'lucide-react'
import {
  createContext,
  lazy,
  Suspense,
  use,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react'
import { LazyBoundary } from './lazy-boundary'

export type PaletteCommand = {
  /** Unique across all sources; also cmdk's value. */
  id: string
  label: string
  /** Heading the item is listed under ("Pages", "Actions", "Theme"…). */
  group: string
  icon?: LucideIcon
  keywords?: string[]
  perform: () => void
}

type PaletteContext = {
  open: () => void
  /** Starts loading the dialog's code (on hover or focus of a button that opens it). */
  preload: () => void
  register: (source: string, commands: readonly PaletteCommand[]) => () => void
}

const PaletteCtx = createContext<PaletteContext | null>(null)

function usePaletteContext(): PaletteContext {
  const ctx = use(PaletteCtx)
  if (!ctx) throw new Error('The command palette is used outside CommandPaletteProvider')
  return ctx
}

/** Opens the palette and preloads its code (for the header's search button). */
export function useCommandPaletteTrigger(): { open: () => void; preload: () => void } {
  const { open, preload } = usePaletteContext()
  return { open, preload }
}

/**
 * Adds commands to the palette while the calling component is mounted. Pages register their own
 * actions this way; pass a memoised array so it is not re-registered on every render.
 */
export function useRegisterCommands(source: string, commands: readonly PaletteCommand[]): void {
  const { register } = usePaletteContext()
  useEffect(() => register(source, commands), [register, source, commands])
}

// cmdk and the Radix dialog are not needed for the first paint: they load on the first open
// (Cmd/Ctrl+K or the search button) or when the pointer or focus reaches the button.
const loadDialog = () => import('./command-palette-dialog')
const CommandPaletteDialog = lazy(() =>
  loadDialog().then((m) => ({ default: m.CommandPaletteDialog })),
)
function preloadDialog() {
  // a failed preload is ignored: an open that cannot load shows nothing (see LazyBoundary)
  loadDialog().catch(() => {})
}

/**
 * Holds the registry and the dialog; Cmd+K / Ctrl+K toggles it from anywhere. `whenOpened` is
 * mounted only once the palette has been opened: command sources that need data or code the first
 * page does not (e.g. "Chat with <agent>") load then, not on every visit.
 */
export function CommandPaletteProvider({
  children,
  whenOpened,
}: {
  children: ReactNode
  whenOpened?: ReactNode
}) {
  const [isOpen, setIsOpen] = useState(false)
  const [hasOpened, setHasOpened] = useState(false)
  const [sources, setSources] = useState<ReadonlyMap<string, readonly PaletteCommand[]>>(
    () => new Map(),
  )
  // Radix returns focus to a dialog's Trigger; the palette has none, so remember the element.
  const returnFocusRef = useRef<HTMLElement | null>(null)

  const register = useCallback((source: string, commands: readonly PaletteCommand[]) => {
    setSources((prev) => new Map(prev).set(source, commands))
    return () =>
      setSources((prev) => {
        const next = new Map(prev)
        next.delete(source)
        return next
      })
  }, [])
  const isOpenRef = useRef(false)
  useEffect(() => {
    isOpenRef.current = isOpen
  }, [isOpen])
  const setOpen = useCallback((next: boolean | ((wasOpen: boolean) => boolean)) => {
    if (!isOpenRef.current) {
      const active = document.activeElement
      returnFocusRef.current = active instanceof HTMLElement ? active : null
    }
    setIsOpen(next)
    setHasOpened(true)
  }, [])
  const open = useCallback(() => setOpen(true), [setOpen])
  const ctx = useMemo(() => ({ open, preload: preloadDialog, register }), [open, register])

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() === 'k' && (event.metaKey || event.ctrlKey) && !event.altKey) {
        event.preventDefault()
        setOpen((wasOpen) => !wasOpen)
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [setOpen])

  return (
    <PaletteCtx value={ctx}>
      {children}
      {hasOpened ? whenOpened : null}
      {hasOpened ? (
        <LazyBoundary fallback={null}>
          <Suspense fallback={null}>
            <CommandPaletteDialog
              open={isOpen}
              onOpenChange={setOpen}
              sources={sources}
              returnFocusRef={returnFocusRef}
            />
          </Suspense>
        </LazyBoundary>
      ) : null}
    </PaletteCtx>
  )
}
