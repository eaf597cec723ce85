// A sandbox process killed mid-burst and started again (docs/billing.md §Reservations and
// restarts): the database opens, the balance equals the ledger and no reservation stays open.
// And one process per data folder: a second one on the same folder is refused with a message
// naming the folder and the holder's pid. Real child processes (`npm run sandbox`'s entry).
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { LOCK_FILE } from './db/lock.ts'
import { getBalance, openHolds } from './ledger.ts'
import { SEED } from './seed.ts'
import { openSandbox } from '../server.ts'
import { SANDBOX_TIMEOUTS } from './test-utils.ts'
import { INSTANT_TIMING } from './timing.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

const ROOT = path.resolve(import.meta.dirname, '../..')
const dirs: string[] = []
const children: ChildProcess[] = []
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-restart-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

interface Started {
  child: ChildProcess
  url: string
  apiKey: string
}

/** `sandbox/main.ts` on `dataDir`, in test mode (so a test can slow its streams down). */
function spawnSandbox(dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      SANDBOX_DATA_DIR: dataDir,
      SANDBOX_MEMORY: '',
      SANDBOX_TEST_MODE: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const started = new Promise<Started>((resolve, reject) => {
    const check = () => {
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1]
      const apiKey = /API key\s+(eliza_[0-9a-f]{64})/.exec(stdout)?.[1]
      if (url && apiKey) resolve({ child, url, apiKey })
    }
    child.stdout?.on('data', check)
    void exited.then((code) => reject(new Error(`sandbox exited (${code}): ${stderr}`)))
  })
  return { started, exited, output: () => ({ stdout, stderr }) }
}

describe('a SIGKILL in the middle of a burst of billed requests', () => {
  it('restarts with the balance equal to the ledger and every open reservation refunded', async () => {
    const dataDir = tempDir()
    const { started, exited } = spawnSandbox(dataDir)
    const { child, url, apiKey } = await started
    const headers = { 'X-API-Key': apiKey, 'Content-Type': 'application/json' }
    const BURST = 12
    // Two seconds a token: every stream is still running when the process is killed, however
    // slow the machine.
    const timing = await fetch(`${url}/__sandbox/timing`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ tokenDelayMs: 2000 }),
    })
    expect(timing.status).toBe(200)
    const burst = Array.from({ length: BURST }, (_, i) =>
      fetch(`${url}/api/v1/chat/completions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          model: 'openai/gpt-4o-mini',
          stream: true,
          messages: [{ role: 'user', content: `Write a long story about lighthouse ${i}` }],
        }),
      }).catch(() => null),
    )
    // Wait until every call has taken its reservation, then kill without any chance to clean up.
    await vi.waitFor(
      async () => {
        const res = await fetch(`${url}/api/credits/transactions?limit=100`, { headers })
        const { transactions } = (await res.json()) as { transactions: { description: string }[] }
        const reserved = transactions.filter((t) => t.description.endsWith(' (reserved)'))
        expect(reserved.length).toBe(BURST)
      },
      { timeout: 20_000, interval: 50 },
    )
    child.kill('SIGKILL')
    expect(await exited).toBeNull()
    await Promise.all(burst)

    const again = await openSandbox({ dataDir, testMode: true, timing: INSTANT_TIMING })
    try {
      const db = again.ctx.db
      expect(await openHolds(db)).toEqual([])
      const { rows } = await db.query<{
        id: string
        amount: string
        description: string
        metadata: Record<string, unknown>
      }>('SELECT id, amount, description, metadata FROM credit_transactions')
      const sum = rows.reduce((n, r) => n + Math.round(Number(r.amount) * 1e6), 0) / 1e6
      const balance = await getBalance(db, SEED.organizationId)
      expect(balance).toBeCloseTo(sum, 6)
      // Every reservation is closed by a settlement of the finished call or a refund on start.
      const closing = new Set(rows.map((r) => String(r.metadata.reservationId)))
      const reservations = rows.filter((r) => r.description.endsWith(' (reserved)'))
      expect(reservations).toHaveLength(BURST)
      for (const r of reservations) expect(closing.has(r.id)).toBe(true)
      const released = rows.filter((r) => r.metadata.type === 'reservation_released')
      expect(released).toHaveLength(BURST)
      expect(balance).toBe(5)
      // A call that never answered costs nothing: its refund is the whole reservation.
      for (const refund of released) {
        const reservation = reservations.find((r) => r.id === refund.metadata.reservationId)
        expect(Number(refund.amount)).toBe(-Number(reservation?.amount))
      }
      // The console's own view agrees.
      const res = await again.app.request('/api/v1/credits/balance?fresh=true', {
        headers: { 'X-API-Key': again.apiKey },
      })
      expect(await res.json()).toEqual({ balance })
    } finally {
      await again.close()
    }
  }, 120_000)
})

describe('one process per data folder', () => {
  it('refuses a second process with the folder and the holder pid, and frees it on exit', async () => {
    const dataDir = tempDir()
    const first = spawnSandbox(dataDir)
    const { child } = await first.started
    const second = spawnSandbox(dataDir)
    await expect(second.started).rejects.toThrow(/exited \(1\)/)
    const { stderr } = second.output()
    expect(stderr).toContain(`The sandbox data folder ${path.resolve(dataDir)} is in use`)
    expect(stderr).toContain(`process ${child.pid}`)
    // The first one is untouched and still serves.
    expect(child.exitCode).toBeNull()
    // A clean stop removes the lock, so the folder opens again at once.
    child.kill('SIGTERM')
    expect(await first.exited).toBe(0)
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false)
    const third = spawnSandbox(dataDir)
    const { apiKey } = await third.started
    expect(apiKey).toMatch(/^eliza_/)
  }, 120_000)

  it('refuses a second sandbox in the same process and takes over a lock left by a dead one', async () => {
    const dataDir = tempDir()
    const first = await openSandbox({ dataDir })
    try {
      await expect(openSandbox({ dataDir })).rejects.toThrow(
        `The sandbox data folder ${path.resolve(dataDir)} is in use by process ${process.pid} (this process)`,
      )
    } finally {
      await first.close()
    }
    // A SIGKILLed holder leaves its lock behind: the next start takes it over.
    const killed = spawnSandbox(dataDir)
    const { child } = await killed.started
    child.kill('SIGKILL')
    await killed.exited
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(true)
    const next = await openSandbox({ dataDir })
    await next.close()
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false)
  }, 120_000)
})
