// The A2A tests' shared setup: a sandbox reset before each test, and JSON-RPC helpers.
import { afterAll, beforeAll, beforeEach, expect, vi } from 'vitest'
import { SEED } from '../core/seed.ts'
import { openTestSandbox, SANDBOX_TIMEOUTS, type TestSandbox } from '../core/test-utils.ts'

export const [SUPPORT_BOT, LORE_KEEPER] = SEED.agentIds
export const JSON_HEADERS = { 'Content-Type': 'application/json' }

/** Opens one sandbox for the file, reset (and out of strict mode) before each test. */
export function useA2aSandbox() {
  vi.setConfig(SANDBOX_TIMEOUTS)
  let sb: TestSandbox
  beforeAll(async () => {
    sb = await openTestSandbox()
  })
  afterAll(() => sb.close())
  beforeEach(async () => {
    sb.ctx.strict = false
    await sb.reset()
  })
  const current = () => sb

  function rpc(body: unknown, init: { key?: string | null; path?: string } = {}) {
    return current().call(init.path ?? '/api/a2a', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: typeof body === 'string' ? body : JSON.stringify(body),
      key: init.key,
    })
  }

  const send = (parts: unknown[], metadata?: Record<string, unknown>, id: number | string = 1) =>
    rpc({
      jsonrpc: '2.0',
      id,
      method: 'message/send',
      params: { message: { role: 'user', parts }, ...(metadata ? { metadata } : {}) },
    })

  const skill = (name: string, args: Record<string, unknown> = {}, text?: string) =>
    send([
      ...(text ? [{ type: 'text', text }] : []),
      { type: 'data', data: { skill: name, ...args } },
    ])

  const ledgerRows = async () =>
    (
      await current().ctx.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM credit_transactions',
      )
    ).rows[0]?.n

  return { sb: current, rpc, send, skill, dataOf, ledgerRows }
}

/** The data object of the agent's reply. */
export async function dataOf(res: Response) {
  const body = await res.json()
  expect(res.status, JSON.stringify(body)).toBe(200)
  return body.result.status.message.parts[0].data
}
