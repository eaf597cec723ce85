// Builds and serves the sandbox. The public contract used by the proxy, the tests and e2e.
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { createAdaptorServer } from '@hono/node-server'
import type { Hono } from 'hono'
import { createApp } from './core/app.ts'
import { BalanceCache } from './core/auth.ts'
import type { SandboxContext } from './core/context.ts'
import { clearMemoryState } from './core/control.ts'
import { openDatabase, type Db } from './core/db/client.ts'
import { lockDataDir } from './core/db/lock.ts'
import { seedFamilies } from './core/families.ts'
import { migrate } from './core/db/migrate.ts'
import { FaultRegistry } from './core/faults.ts'
import { generateApiKey, isApiKeyFormat } from './core/keys.ts'
import { refundOpenHolds } from './core/ledger.ts'
import { RateLimiter } from './core/rate-limit.ts'
import { seedIfEmpty } from './core/seed.ts'
import { REALISTIC_TIMING, type Timing } from './core/timing.ts'

export interface SandboxOptions {
  /** Folder for the sandbox's data (PGlite in `pgdata/`, the key in `api-key`); undefined = in-memory. */
  dataDir?: string
  /** Mounts the /__sandbox/* control routes. */
  testMode?: boolean
  /** SANDBOX_STRICT=1: every named extension off, answers exactly as the cloud. */
  strict?: boolean
  /** Seed/ensure this key instead of generating one (must match eliza_ + 64 hex). */
  apiKey?: string
  /** Pace of streams, generations and lifecycles; default realistic (timing.ts). */
  timing?: Partial<Timing>
}

export interface Sandbox {
  app: Hono
  apiKey: string
  close(): Promise<void>
}

const KEY_FILE = 'api-key'

/**
 * The DB keeps only the key's hash, so a generated key is kept in `<dataDir>/api-key` (mode
 * 0600) to stay the same across restarts. A key passed in is never written to disk.
 */
async function resolveApiKey(opts: SandboxOptions): Promise<string> {
  if (opts.apiKey !== undefined) {
    if (!isApiKeyFormat(opts.apiKey)) {
      throw new Error(
        'SandboxOptions.apiKey must be eliza_ followed by 64 lowercase hex characters',
      )
    }
    return opts.apiKey
  }
  if (opts.dataDir === undefined) return generateApiKey()
  const file = path.join(opts.dataDir, KEY_FILE)
  if (existsSync(file)) {
    const stored = (await readFile(file, 'utf8')).trim()
    if (!isApiKeyFormat(stored)) throw new Error(`${file} does not hold a valid sandbox API key`)
    return stored
  }
  const key = generateApiKey()
  await mkdir(opts.dataDir, { recursive: true })
  await writeFile(file, `${key}\n`, { mode: 0o600 })
  return key
}

export async function createSandbox(opts: SandboxOptions): Promise<Sandbox> {
  const { app, apiKey, close } = await openSandbox(opts)
  return { app, apiKey, close }
}

/** `createSandbox` plus its internals, for the sandbox's own tests. */
export async function openSandbox(
  opts: SandboxOptions,
): Promise<Sandbox & { ctx: SandboxContext }> {
  // One process per data folder: a second one is refused with the holder's pid (db/lock.ts).
  const lock = opts.dataDir === undefined ? null : lockDataDir(opts.dataDir)
  let apiKey: string
  let db: Db
  try {
    apiKey = await resolveApiKey(opts)
    db = await openDatabase(
      opts.dataDir === undefined ? undefined : path.join(opts.dataDir, 'pgdata'),
    )
  } catch (error) {
    lock?.release()
    throw error
  }
  try {
    await migrate(db)
    if (await seedIfEmpty(db, apiKey)) await seedFamilies(db)
    // Reservations a stopped process left open are refunded before any request (ledger.ts).
    const refunds = await refundOpenHolds(db)
    if (refunds.length > 0) {
      const total = refunds.reduce((sum, r) => sum + r.amount, 0)
      console.log(
        `[sandbox] refunded ${refunds.length} reservation(s) left open by a stopped process ($${total.toFixed(6)})`,
      )
    }
  } catch (error) {
    await db.close()
    lock?.release()
    throw error
  }
  const ctx: SandboxContext = {
    db,
    strict: opts.strict ?? false,
    testMode: opts.testMode ?? false,
    apiKey,
    limiter: new RateLimiter(),
    balanceCache: new BalanceCache(),
    faults: new FaultRegistry(),
    timing: { ...REALISTIC_TIMING, ...opts.timing },
    initialTiming: { ...REALISTIC_TIMING, ...opts.timing },
  }
  let closed = false
  return {
    app: createApp(ctx),
    apiKey,
    ctx,
    async close() {
      if (closed) return
      closed = true
      clearMemoryState(ctx) // releases requests held by a `hang` fault
      try {
        await db.close()
      } finally {
        lock?.release()
      }
    },
  }
}

export async function startSandbox(
  opts: SandboxOptions & { port?: number; host?: string },
): Promise<{ url: string; apiKey: string; close(): Promise<void> }> {
  const sandbox = await createSandbox(opts)
  const host = opts.host ?? '127.0.0.1'
  // Keep Node's own Request/Response: the proxy may share this process.
  const server = createAdaptorServer({ fetch: sandbox.app.fetch, overrideGlobalObjects: false })
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(opts.port ?? 4001, host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (error) {
    await sandbox.close()
    throw error
  }
  const { port } = server.address() as AddressInfo
  const urlHost = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${urlHost}:${port}`,
    apiKey: sandbox.apiKey,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Open keep-alive and hanging connections would otherwise hold close() forever.
        if ('closeAllConnections' in server) server.closeAllConnections()
      })
      await sandbox.close()
    },
  }
}
