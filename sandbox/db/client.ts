import { mkdir } from 'node:fs/promises'
import { PGlite, type Transaction } from '@electric-sql/pglite'

export type Db = PGlite
/** Anything that can run a query: the database itself or an open transaction. */
export type Queryable = Pick<Transaction, 'query' | 'exec'>

/** Opens PGlite in `dataDir` (created if missing), or in memory when `dataDir` is undefined. */
export async function openDatabase(dataDir?: string): Promise<Db> {
  if (dataDir === undefined) return PGlite.create()
  await mkdir(dataDir, { recursive: true })
  return PGlite.create({ dataDir })
}
