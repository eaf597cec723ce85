// The in-process sandbox for src/ data-layer tests (docs/architecture.md §12): a real HTTP server
// on port 0, in memory, in test mode, at the instant pace. The console's client calls same-origin
// `/api/...`; here the global fetch sends those calls to the sandbox with its key, which is the
// proxy's job in the app. Nothing is mocked: the answers are the sandbox's own.
// Node-only (it starts PGlite and an HTTP server): typed by tsconfig.node.json, not the app's.
import { vi } from 'vitest'
import { startSandbox, type SandboxOptions } from '../../sandbox/server.ts'

const INSTANT: SandboxOptions['timing'] = {
  tokenDelayMs: 0,
  videoDelayMs: 0,
  imageDelayMs: 0,
  lifecycleStepMs: 0,
}

export interface InProcessSandbox {
  url: string
  /** Every request the console made, as `METHOD /path?query`, in order. */
  requests: string[]
  close(): Promise<void>
}

/**
 * Starts a sandbox and routes the global fetch to it. Call `close()` in `afterAll`: it restores
 * fetch and stops the server.
 */
export async function startInProcessSandbox(): Promise<InProcessSandbox> {
  const sandbox = await startSandbox({ port: 0, testMode: true, timing: INSTANT })
  const realFetch = globalThis.fetch
  const requests: string[] = []
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init: RequestInit = {}) => {
    const path = String(input)
    if (!path.startsWith('/')) throw new Error(`The console called ${path}, not a same-origin path`)
    requests.push(`${init.method ?? 'GET'} ${path}`)
    const headers = new Headers(init.headers)
    headers.set('X-API-Key', sandbox.apiKey)
    return realFetch(new URL(path, sandbox.url), { ...init, headers })
  })
  return {
    url: sandbox.url,
    requests,
    async close() {
      vi.unstubAllGlobals()
      await sandbox.close()
    },
  }
}
