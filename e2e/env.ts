// Ports and the canary key of the end-to-end run. The canary is a well-formed key that the sandbox is
// seeded with and the proxy holds; the key-leak checks assert it never reaches the browser or a log.
// Each Playwright worker has its own stack (an in-memory sandbox and a proxy in front of it), so tests
// that reset the sandbox never meet another worker's. Stack i uses ports E2E_PROXY_PORT + 2i and + 2i + 1.
// E2E_PROXY_PORT and CONSOLE_STATIC_DIR let two runs (e.g. two engineers) work side by side.
export const PROXY_PORT = Number(process.env.E2E_PROXY_PORT ?? 4100)
/** Workers, and so stacks: one by default (on two cores, two workers measured slower: Chromium is CPU-bound). */
export const STACK_COUNT = Math.max(1, Number(process.env.E2E_WORKERS ?? 1))
export const DIST_DIR = process.env.CONSOLE_STATIC_DIR ?? 'dist'
export const CANARY_SECRET = '5ca1ab1e0ddba11c0ffee0dd5eed5a1e' + 'deadbeefcafef00dfeedfacebadc0de5'
export const CANARY_KEY = `eliza_${CANARY_SECRET}`

export interface Stack {
  proxyPort: number
  sandboxPort: number
  baseUrl: string
  sandboxUrl: string
  /** Where servers.ts writes everything the proxy prints, for the leak check. */
  logDir: string
}

export function stackAt(index: number): Stack {
  const proxyPort = PROXY_PORT + 2 * index
  const sandboxPort = proxyPort + 1
  return {
    proxyPort,
    sandboxPort,
    baseUrl: `http://127.0.0.1:${proxyPort}`,
    sandboxUrl: `http://127.0.0.1:${sandboxPort}`,
    logDir: `.e2e-logs/${proxyPort}`,
  }
}

export const STACKS = Array.from({ length: STACK_COUNT }, (_, i) => stackAt(i))
