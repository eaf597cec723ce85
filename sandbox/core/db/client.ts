import { randomUUID } from 'node:crypto'
import { openAsBlob, readFileSync } from 'node:fs'
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { PGlite, type Transaction } from '@electric-sql/pglite'

export type Db = PGlite
/** Anything that can run a query: the database itself or an open transaction. */
export type Queryable = Pick<Transaction, 'query' | 'exec'>

/**
 * Opens PGlite in `dataDir` (created if missing), or in memory when `dataDir` is undefined.
 * A new database (in memory, or an empty folder) starts from a cached image of a freshly
 * initialised, empty cluster (see {@link emptyClusterImage}), which halves its start: `initdb`
 * in WebAssembly is most of it (measured 2.9–3.7 s against 1.1–1.7 s).
 */
export async function openDatabase(dataDir?: string): Promise<Db> {
  if (dataDir !== undefined) {
    await mkdir(dataDir, { recursive: true })
    if ((await readdir(dataDir)).length > 0) return PGlite.create({ dataDir, startParams })
  }
  const image = await emptyClusterImage()
  return PGlite.create({ dataDir, startParams, ...(image && { loadDataDir: image }) })
}

/**
 * PGlite's own start parameters plus a small buffer pool. Postgres's default of 128 MB of shared
 * buffers is allocated in the WebAssembly heap and touched at start, so it is resident for the
 * whole life of the process; the sandbox's tables are a few megabytes, and 8 MB holds them.
 * Measured: 355 → 230 MB resident for a bare PGlite on a data folder (docs/sandbox.md §Memory).
 */
const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=8MB']

const CACHE_DIR = path.resolve(import.meta.dirname, '../../../node_modules/.cache/sandbox-pglite')

/** The installed PGlite's version (its `exports` map hides `package.json`, so walk up from its entry). */
function pgliteVersion(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'))
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string
        version: string
      }
      if (manifest.name === '@electric-sql/pglite') return manifest.version
    } catch {
      // no manifest here: keep walking up
    }
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error('@electric-sql/pglite: package.json not found')
    dir = parent
  }
}

let imagePromise: Promise<Blob | null> | null = null

/**
 * The data directory of a new, empty PGlite cluster as a tarball, made once per PGlite version
 * and kept in `node_modules/.cache/`. It holds no migration or seed data (those run on every
 * open as before), so it is the exact state `initdb` would produce. A cache that cannot be read
 * or written is not an error: the database is then initialised from scratch.
 */
export function emptyClusterImage(): Promise<Blob | null> {
  imagePromise ??= loadOrMakeImage().catch(() => null)
  return imagePromise
}

async function loadOrMakeImage(): Promise<Blob | null> {
  const file = path.join(CACHE_DIR, `empty-${pgliteVersion()}.tar`)
  try {
    // Backed by the file, not a copy in memory: a process that opens one database does not keep
    // the 40 MB image for the rest of its life.
    return await openAsBlob(file)
  } catch {
    // not made yet: make it below
  }
  const db = await PGlite.create()
  try {
    const image = await db.dumpDataDir('none')
    // Several test workers may make it at once: each writes its own file, the rename is atomic.
    // A cache that cannot be written (read-only install, full disk) still leaves this process
    // the image it just made.
    const partial = `${file}.${randomUUID()}.partial`
    try {
      await mkdir(CACHE_DIR, { recursive: true })
      await writeFile(partial, Buffer.from(await image.arrayBuffer()))
      await rename(partial, file)
    } catch {
      // not cached: the next process makes it again
    } finally {
      await rm(partial, { force: true }).catch(() => {})
    }
    return image
  } finally {
    await db.close()
  }
}
