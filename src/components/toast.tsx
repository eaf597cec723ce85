import { lazy, Suspense, useEffect, useSyncExternalStore, type ReactNode } from 'react'
import type { ExternalToast } from 'sonner'
import { useTheme } from '@/lib/theme'
import { LazyBoundary } from './lazy-boundary'

// Sonner (~10 KB gz) is not needed until something is announced. The first toast() mounts the
// Toaster, waits until it listens, then hands the toast to sonner (which drops toasts published
// before a Toaster subscribes). The live region is thus in place before its first message.
const Toaster = lazy(() => import('./ui/toaster').then((m) => ({ default: m.Toaster })))

let isRequested = false
const listeners = new Set<() => void>()
let markReady: () => void = () => {}
const ready = new Promise<void>((resolve) => {
  markReady = resolve
})

function requestToaster(): Promise<void> {
  if (!isRequested) {
    isRequested = true
    for (const listener of listeners) listener()
  }
  return ready
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Mounted once in the shell; renders nothing until the first toast. */
export function LazyToaster() {
  const isShown = useSyncExternalStore(
    subscribe,
    () => isRequested,
    () => false,
  )
  const { resolved } = useTheme()
  if (!isShown) return null
  return (
    <LazyBoundary fallback={null}>
      <Suspense fallback={null}>
        <Toaster theme={resolved} />
        <ReadySignal />
      </Suspense>
    </LazyBoundary>
  )
}

/** Its effect runs after the Toaster's own (an earlier sibling), i.e. once sonner listens. */
function ReadySignal() {
  useEffect(() => markReady(), [])
  return null
}

type Message = ReactNode

async function show(
  kind: 'message' | 'success' | 'error' | 'info' | 'warning',
  message: Message,
  options?: ExternalToast,
): Promise<void> {
  const [{ toast: sonner }] = await Promise.all([import('sonner'), requestToaster()])
  if (kind === 'message') sonner(message, options)
  else sonner[kind](message, options)
}

/**
 * Shows a toast, for background outcomes only (docs/architecture.md §7); errors of an action stay inline.
 * The first call loads sonner and mounts the Toaster, so it appears a moment later.
 */
export const toast = Object.assign(
  (message: Message, options?: ExternalToast) => show('message', message, options),
  {
    success: (message: Message, options?: ExternalToast) => show('success', message, options),
    error: (message: Message, options?: ExternalToast) => show('error', message, options),
    info: (message: Message, options?: ExternalToast) => show('info', message, options),
    warning: (message: Message, options?: ExternalToast) => show('warning', message, options),
  },
)
