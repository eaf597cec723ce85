// Open reservations (docs/billing.md §Reservations and restarts): every billed call records its
// reservation while it runs and closes it when it settles, refunds or fails, so only a process
// that died mid-call leaves one open (restart.test.ts covers that start).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { getBalance, openHolds } from './ledger.ts'
import { SEED } from './seed.ts'
import { a2aMessage, openTestSandbox, SANDBOX_TIMEOUTS, type TestSandbox } from './test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())

const post = (path: string, body: unknown, signal?: AbortSignal) =>
  sb.call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  })

async function ledgerSum(): Promise<number> {
  const { rows } = await sb.ctx.db.query<{ total: string }>(
    'SELECT coalesce(sum(amount), 0) AS total FROM credit_transactions WHERE organization_id = $1',
    [SEED.organizationId],
  )
  return Number(rows[0]?.total)
}

describe('reservations', () => {
  it.each([
    [
      'chat',
      '/api/v1/chat/completions',
      { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] },
    ],
    ['embeddings', '/api/v1/embeddings', { model: 'openai/text-embedding-3-small', input: 'Hi' }],
    ['image', '/api/v1/generate-image', { prompt: 'A lighthouse' }],
    ['video', '/api/v1/generate-video', { prompt: 'A lighthouse' }],
    ['speech', '/api/v1/voice/tts', { text: 'Hello there' }],
    ['A2A', '/api/a2a', a2aMessage('Hi')],
  ])('a finished %s call leaves none open', async (_, path, body) => {
    const res = await post(path, body)
    expect(res.status).toBe(200)
    await res.arrayBuffer()
    expect(await openHolds(sb.ctx.db)).toEqual([])
    expect(await getBalance(sb.ctx.db, SEED.organizationId)).toBeCloseTo(await ledgerSum(), 6)
  })

  it('is open while a stream runs and closed by its abort', async () => {
    sb.ctx.timing = { ...sb.ctx.timing, tokenDelayMs: 200 }
    try {
      const abort = new AbortController()
      const res = await post(
        '/api/v1/chat/completions',
        { model: 'openai/gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'Hi' }] },
        abort.signal,
      )
      expect(res.status).toBe(200)
      const open = await openHolds(sb.ctx.db)
      expect(open).toHaveLength(1)
      expect(open[0]).toMatchObject({ organizationId: SEED.organizationId })
      abort.abort()
      await res.body?.cancel().catch(() => undefined)
      await vi.waitFor(async () => expect(await openHolds(sb.ctx.db)).toEqual([]))
      expect(await getBalance(sb.ctx.db, SEED.organizationId)).toBeCloseTo(await ledgerSum(), 6)
    } finally {
      sb.ctx.timing = { ...sb.ctx.initialTiming }
    }
  })
})
