// Helpers for the sandbox's own tests: an in-memory sandbox with its internals exposed.
import type { Hono } from 'hono'
import type { SandboxContext } from './context.ts'
import { clearMemoryState } from './control.ts'
import { familyTables, seedFamilies } from './families.ts'
import { resetData } from './seed.ts'
import { openSandbox, type SandboxOptions } from '../server.ts'
import { INSTANT_TIMING } from './timing.ts'

export interface TestSandbox {
  ctx: SandboxContext
  /** The Hono app itself (its `routes`, or `request` without the key). */
  app: Hono
  apiKey: string
  /**
   * `app.request` with the sandbox key as `X-API-Key`; `key: null` sends no credentials and
   * `key: 'x'` sends that value instead.
   */
  call(path: string, init?: RequestInit & { key?: string | null }): Promise<Response>
  /** Fresh seed data and empty in-memory state, as POST /__sandbox/reset does. */
  reset(): Promise<void>
  close(): Promise<void>
}

export async function openTestSandbox(opts: SandboxOptions = {}): Promise<TestSandbox> {
  // Instant pace unless a test asks otherwise: no test waits for a realistic stream.
  const sandbox = await openSandbox({ testMode: true, timing: INSTANT_TIMING, ...opts })
  return {
    ctx: sandbox.ctx,
    app: sandbox.app,
    apiKey: sandbox.apiKey,
    call(path, { key = sandbox.apiKey, headers, ...init } = {}) {
      const h = new Headers(headers)
      if (key !== null && !h.has('x-api-key')) h.set('X-API-Key', key)
      return Promise.resolve(sandbox.app.request(path, { ...init, headers: h }))
    },
    async reset() {
      clearMemoryState(sandbox.ctx)
      sandbox.ctx.timing = { ...sandbox.ctx.initialTiming }
      await resetData(sandbox.ctx.db, sandbox.apiKey, familyTables())
      await seedFamilies(sandbox.ctx.db)
    },
    close: sandbox.close,
  }
}

/** A well-formed key that the sandbox does not know. */
export const UNKNOWN_KEY = `eliza_${'0'.repeat(64)}`

/**
 * Timeouts for files that start PGlite: initdb runs in WASM, about 2 s on an idle machine and
 * several times that on a loaded one. Use with `vi.setConfig(SANDBOX_TIMEOUTS)` before any hook.
 */
export const SANDBOX_TIMEOUTS = { testTimeout: 30_000, hookTimeout: 60_000 }

/** A JSON-RPC `message/send` to `/api/a2a` asking `skill` (default a chat completion) about `text`. */
export function a2aMessage(text: string, data: Record<string, unknown> = {}) {
  return {
    jsonrpc: '2.0',
    id: 1,
    method: 'message/send',
    params: {
      message: {
        role: 'user',
        parts: [
          { type: 'text', text },
          {
            type: 'data',
            data: { skill: 'chat_completion', model: 'openai/gpt-4o-mini', ...data },
          },
        ],
      },
    },
  }
}
