// One process per data folder (docs/billing.md §Reservations and restarts): two sandboxes on one
// PGlite folder both started, and one side's writes were silently lost. The folder's lock file
// holds the owner's pid; it is created atomically (`wx`), taken over when that pid is gone
// (a crash or SIGKILL leaves it behind) and removed on close.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import path from 'node:path'

export const LOCK_FILE = 'sandbox.lock'

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The sandbox data folder ${dataDir} is in use by process ${pid}` +
        `${pid === process.pid ? ' (this process)' : ''}. ` +
        'Stop that process first, or give this one another folder (SANDBOX_DATA_DIR) or ' +
        'SANDBOX_MEMORY=1. ' +
        `If no sandbox is running, delete ${path.join(dataDir, LOCK_FILE)}.`,
    )
    this.name = 'DataDirLockedError'
  }
}

export interface DataDirLock {
  /** Removes the lock file if it is still this holder's. Idempotent. */
  release(): void
}

/** Lock files this process holds, so a pid reused after a restart (containers) is not "alive". */
const held = new Set<string>()

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false // not in `held`: left by an earlier life of this pid
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const readPid = (file: string): number | null => {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10)
    return Number.isInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
  }
}

/**
 * Takes `<dataDir>/sandbox.lock` for this process.
 * @throws DataDirLockedError when a live process (or another sandbox in this one) holds it.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const dir = path.resolve(dataDir)
  const file = path.join(dir, LOCK_FILE)
  mkdirSync(dir, { recursive: true })
  if (held.has(file)) throw new DataDirLockedError(dir, process.pid)
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644)
      try {
        writeSync(fd, `${process.pid}\n`)
      } finally {
        closeSync(fd)
      }
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error
    }
    const owner = readPid(file)
    if (owner !== null && isAlive(owner)) throw new DataDirLockedError(dir, owner)
    // Stale (its owner is gone, or it names none): remove it if it is still the same, then race
    // the other starters for it with `wx` again.
    if (readPid(file) === owner) {
      try {
        unlinkSync(file)
      } catch {
        // another starter removed it first
      }
    }
  }
  held.add(file)
  let released = false
  return {
    release() {
      if (released) return
      released = true
      held.delete(file)
      try {
        if (readPid(file) === process.pid) unlinkSync(file)
      } catch {
        // already gone
      }
    },
  }
}
