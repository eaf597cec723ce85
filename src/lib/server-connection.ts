/**
 * Whether the console's own server (the local proxy) answers. A request that cannot reach it at all
 * (a network error, a route's code that cannot load) reports it here; the store then asks the
 * server every few seconds until it answers again, and tells its listeners, so the page recovers
 * by itself after a restart instead of keeping an error on screen.
 */
export type ServerConnection = 'online' | 'unreachable'

/** Answers whenever the server runs (401 when a sign-in is needed still means it is up). */
const PROBE_PATH = '/_console/info'
const FIRST_DELAY_MS = 1_000
const MAX_DELAY_MS = 5_000
const PROBE_TIMEOUT_MS = 3_000

let state: ServerConnection = 'online'
let timer: ReturnType<typeof setTimeout> | null = null
let delay = FIRST_DELAY_MS
const listeners = new Set<() => void>()
const reconnectListeners = new Set<() => void>()

function setState(next: ServerConnection) {
  if (next === state) return
  state = next
  for (const listener of listeners) listener()
  if (next === 'online') for (const listener of reconnectListeners) listener()
}

async function probe() {
  timer = null
  try {
    await fetch(PROBE_PATH, { cache: 'no-store', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
    delay = FIRST_DELAY_MS
    setState('online')
  } catch {
    delay = Math.min(delay * 2, MAX_DELAY_MS)
    schedule()
  }
}

function schedule() {
  if (timer === null) timer = setTimeout(() => void probe(), delay)
}

/** Something could not reach the server: start checking until it answers. */
export function reportUnreachable(): void {
  setState('unreachable')
  schedule()
}

export function getServerConnection(): ServerConnection {
  return state
}

export function subscribeServerConnection(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Called each time the server answers again after being unreachable. */
export function onServerReconnect(listener: () => void): () => void {
  reconnectListeners.add(listener)
  return () => reconnectListeners.delete(listener)
}

/**
 * True for a route or component whose code could not be loaded (a dynamic `import()` that
 * failed: the server was away, or a new build replaced the file).
 */
export function isChunkLoadError(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  return /dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(
    error.message,
  )
}

/** For tests: back to the initial state, with no probe pending. */
export function resetServerConnection(): void {
  if (timer !== null) clearTimeout(timer)
  timer = null
  delay = FIRST_DELAY_MS
  state = 'online'
  listeners.clear()
  reconnectListeners.clear()
}

const RELOAD_MARK = 'console:reloaded-for-code-at'
const RELOAD_GUARD_MS = 30_000

/**
 * Route code that failed to load stays failed in this page (the router keeps the error), so
 * recovering from it means loading the page again, once the server answers. At most once in 30 s,
 * so a file that is truly missing cannot start a reload loop.
 */
export function reloadForCode(): boolean {
  const last = Number(sessionStorage.getItem(RELOAD_MARK) ?? 0)
  if (Date.now() - last < RELOAD_GUARD_MS) return false
  sessionStorage.setItem(RELOAD_MARK, String(Date.now()))
  window.location.reload()
  return true
}

/**
 * Installed once at start. When a dynamic import fails (Vite reports it as `vite:preloadError`),
 * the server is checked until it answers. TanStack Router would reload the page at once on such a
 * failure (it marks the reload in sessionStorage under `tanstack_router_reload:<message>` so it
 * happens once); with the server away, that leaves the browser's own error page and nothing can
 * recover. Marking that reload as done leaves the error to the route's error view, which waits for
 * the server and then reloads (route-error.tsx).
 */
export function watchCodeLoadFailures(): void {
  window.addEventListener('vite:preloadError', (event) => {
    const error: unknown = (event as Event & { payload?: unknown }).payload
    if (error instanceof Error) {
      sessionStorage.setItem(`tanstack_router_reload:${error.message}`, '1')
    }
    reportUnreachable()
  })
}
