import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Db } from './client.ts'

export interface Migration {
  version: number
  name: string
  sql: string
}

const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations')
const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/

/**
 * Reads `db/migrations/NNNN_name.sql`. Versions must run 1, 2, 3… without gaps, so a
 * missing or duplicated file is an error rather than a silently skipped schema change.
 */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE_NAME.exec(file)
      if (!match?.[1] || !match[2]) throw new Error(`Bad migration file name: ${file}`)
      return {
        version: Number(match[1]),
        name: match[2],
        sql: readFileSync(path.join(dir, file), 'utf8'),
      }
    })
    .sort((a, b) => a.version - b.version)
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${i + 1} is missing (found ${m.version})`)
  })
  return migrations
}

const checksum = (sql: string) => createHash('sha256').update(sql).digest('hex')

/**
 * Applies every migration not yet recorded in `migrations`, in order, each in its own DB
 * transaction together with its bookkeeping row, so a failed migration leaves no trace.
 * An applied migration whose file has since changed is refused: the data folder was built
 * from a different schema and must be recreated.
 * @returns the versions applied by this call.
 */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<number[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`)
  const { rows } = await db.query<{ version: number; checksum: string }>(
    'SELECT version, checksum FROM migrations ORDER BY version',
  )
  const applied = new Map(rows.map((r) => [r.version, r.checksum]))
  const done: number[] = []
  for (const m of migrations) {
    const sum = checksum(m.sql)
    const existing = applied.get(m.version)
    if (existing !== undefined) {
      if (existing !== sum) {
        throw new Error(
          `Migration ${m.version} (${m.name}) changed after it was applied; delete the sandbox data folder`,
        )
      }
      continue
    }
    await db.transaction(async (tx) => {
      await tx.exec(m.sql)
      await tx.query('INSERT INTO migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        sum,
      ])
    })
    done.push(m.version)
  }
  return done
}
