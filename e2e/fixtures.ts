// Shared fixtures: every test runs on its worker's own stack (env.ts) and starts on a freshly reset
// sandbox, and every response and console message the page sees is checked for the canary key (the key
// must never reach the browser).
import { test as base, expect, type APIRequestContext } from '@playwright/test'
import { CANARY_SECRET, stackAt, type Stack } from './env.ts'

export interface FaultSpec {
  path?: string
  method?: string
  count?: number
  status?: number
  body?: unknown
  shape?: 'json' | 'html' | 'empty'
  headers?: Record<string, string>
  hang?: boolean
  cutAfterChunks?: number
  latencyMs?: number
}

export class SandboxControl {
  constructor(private readonly http: APIRequestContext) {}
  async reset() {
    const res = await this.http.post('/__sandbox/reset')
    expect(res.ok(), 'sandbox reset').toBe(true)
  }
  async fault(spec: FaultSpec) {
    const res = await this.http.post('/__sandbox/faults', { data: spec })
    expect(res.ok(), 'fault injection').toBe(true)
  }
  async clearFaults() {
    const res = await this.http.delete('/__sandbox/faults')
    expect(res.ok(), 'clear faults').toBe(true)
  }
  async setBalance(balance: number) {
    const res = await this.http.put('/__sandbox/balance', { data: { balance } })
    expect(res.ok(), 'set balance').toBe(true)
  }
  async setTiming(
    timing: Partial<
      Record<
        'tokenDelayMs' | 'videoDelayMs' | 'imageDelayMs' | 'lifecycleStepMs' | 'logIntervalMs',
        number
      >
    >,
  ) {
    const res = await this.http.put('/__sandbox/timing', { data: timing })
    expect(res.ok(), 'set timing').toBe(true)
  }
  async state(): Promise<Record<string, unknown>> {
    const res = await this.http.get('/__sandbox/state')
    expect(res.ok(), 'sandbox state').toBe(true)
    return (await res.json()) as Record<string, unknown>
  }
}

export const test = base.extend<{ sandbox: SandboxControl; leakGuard: void }, { stack: Stack }>({
  stack: [
    // Playwright reads a fixture's dependencies from its first parameter, so it must be a pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => use(stackAt(workerInfo.parallelIndex)),
    { scope: 'worker' },
  ],
  baseURL: async ({ stack }, use) => use(stack.baseUrl),
  sandbox: async ({ playwright, stack }, use) => {
    const http = await playwright.request.newContext({ baseURL: stack.sandboxUrl })
    const control = new SandboxControl(http)
    await control.reset()
    await use(control)
    await http.dispose()
  },
  leakGuard: [
    async ({ page, sandbox: _sandbox }, use) => {
      const leaks: string[] = []
      const pending: Promise<void>[] = []
      page.on('console', (msg) => {
        if (msg.text().includes(CANARY_SECRET)) leaks.push(`console: ${msg.text()}`)
      })
      page.on('response', (res) => {
        const headers = JSON.stringify(res.headers())
        if (headers.includes(CANARY_SECRET)) leaks.push(`header of ${res.url()}`)
        // A body that never ends (a background refetch left open when the test finished) or is gone
        // (navigation, aborted stream) holds nothing more to check: wait at most a few seconds.
        const read = res.body().then(
          (body) => {
            if (body.includes(CANARY_SECRET)) leaks.push(`body of ${res.url()}`)
          },
          () => undefined,
        )
        pending.push(Promise.race([read, new Promise<void>((r) => setTimeout(r, 3_000))]))
      })
      await use()
      await Promise.all(pending)
      expect(leaks, 'the canary key reached the browser').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }
