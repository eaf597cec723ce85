// A2A console: what one call to the platform endpoint costs in the sandbox, as the console makes
// it (JSON-RPC over POST /api/a2a, docs/a2a.md). An in-memory sandbox with instant timing answers
// `rounds × 40` sequential calls of each kind; reported as median and p95 in milliseconds:
// message/send check_balance (no billing), message/send chat_completion (reserve, generate,
// settle: the billed path) and tasks/get of a task with history. The target is the handler's own
// overhead, so the console's wait is the upstream's, not ours.
//
// `npm run bench -- --only a2a`.
import { openSandbox } from '../../sandbox/server.ts'
import { INSTANT_TIMING } from '../../sandbox/core/timing.ts'
import { check, type BenchSection } from './section.ts'
import { fmt, median, percentile, round, table } from './stats.ts'

const CALLS_PER_ROUND = 40
/** p95 of one billed message/send in the sandbox, ms. */
const SEND_P95_TARGET_MS = 100

type Case = { name: string; body: (i: number) => unknown }

const message = (parts: unknown[], taskId?: string) => ({
  message: { role: 'user', parts },
  ...(taskId ? { metadata: { taskId } } : {}),
})

const CASES: Case[] = [
  {
    name: 'message/send check_balance',
    body: (i) => ({
      jsonrpc: '2.0',
      id: i,
      method: 'message/send',
      params: message([{ type: 'data', data: { skill: 'check_balance' } }]),
    }),
  },
  {
    name: 'message/send chat_completion',
    body: (i) => ({
      jsonrpc: '2.0',
      id: i,
      method: 'message/send',
      params: message([
        { type: 'text', text: 'Summarise our refund policy in one line.' },
        { type: 'data', data: { skill: 'chat_completion', model: 'openai/gpt-4o-mini' } },
      ]),
    }),
  },
  {
    name: 'tasks/get',
    body: (i) => ({ jsonrpc: '2.0', id: i, method: 'tasks/get', params: { id: 'bench-task' } }),
  },
]

export const a2aSection: BenchSection = {
  key: 'a2a',
  title: 'A2A: POST /api/a2a in the sandbox (sequential calls)',
  async run({ rounds }) {
    const sandbox = await openSandbox({ testMode: true, timing: INSTANT_TIMING })
    const call = async (body: unknown) => {
      const res = await sandbox.app.request('/api/a2a', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-API-Key': sandbox.apiKey },
        body: JSON.stringify(body),
      })
      const text = await res.text()
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`)
    }
    try {
      // The task tasks/get reads, and one warm-up call of each kind (JIT, first queries).
      await call({
        jsonrpc: '2.0',
        id: 0,
        method: 'message/send',
        params: message([{ type: 'text', text: 'warm up' }], 'bench-task'),
      })
      for (const c of CASES) await call(c.body(0))
      sandbox.ctx.limiter.clear()
      const data: Record<string, { calls: number; medianMs: number; p95Ms: number }> = {}
      const rows: string[][] = [['call', 'n', 'median ms', 'p95 ms']]
      for (const c of CASES) {
        const times: number[] = []
        for (let i = 1; i <= rounds * CALLS_PER_ROUND; i++) {
          // The organization's 100 calls a minute would refuse the run: empty the window (outside
          // the timed part).
          if (i % 50 === 0) sandbox.ctx.limiter.clear()
          const start = performance.now()
          await call(c.body(i))
          times.push(performance.now() - start)
        }
        const entry = {
          calls: times.length,
          medianMs: round(median(times), 2),
          p95Ms: round(percentile(times, 95), 2),
        }
        data[c.name] = entry
        rows.push([c.name, String(entry.calls), fmt(entry.medianMs, 2), fmt(entry.p95Ms, 2)])
      }
      const billed = data['message/send chat_completion']?.p95Ms ?? null
      const targets = {
        a2aBilledSendP95Ms: check(billed, SEND_P95_TARGET_MS, 'max', 'ms'),
      }
      return {
        data,
        targets,
        lines: [
          ...table(rows),
          `billed message/send p95 ${fmt(billed, 2)} ms (target ≤ ${SEND_P95_TARGET_MS} ms)`,
        ],
      }
    } finally {
      await sandbox.close()
    }
  },
}
