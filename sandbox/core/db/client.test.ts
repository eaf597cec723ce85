// openDatabase(): an in-memory database starts from the cached empty-cluster image, and is then
// exactly what initdb would give: no tables of ours, and independent of every other one. A new
// data folder starts from the same image; a folder that holds a cluster opens as it is.
import { readdirSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { SANDBOX_TIMEOUTS } from '../test-utils.ts'
import { emptyClusterImage, openDatabase, type Db } from './client.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

const opened: Db[] = []
afterAll(() => Promise.all(opened.map((db) => db.close())))

const open = async () => {
  const db = await openDatabase()
  opened.push(db)
  return db
}
const userTables = async (db: Db) =>
  (
    await db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
    )
  ).rows.map((r) => r.name)

describe('openDatabase in memory', () => {
  it('starts from an image of an empty cluster', async () => {
    const image = await emptyClusterImage()
    expect(image).not.toBeNull()
    expect(image!.size).toBeGreaterThan(1_000_000)
    const db = await open()
    expect(await userTables(db)).toEqual([])
    expect((await db.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v).toMatch(
      /^PostgreSQL/,
    )
  })

  it('gives each caller its own database', async () => {
    const [a, b] = await Promise.all([open(), open()])
    await a.exec('CREATE TABLE only_in_a (id int)')
    expect(await userTables(a)).toEqual(['only_in_a'])
    expect(await userTables(b)).toEqual([])
    // A later database starts from the image, not from what an earlier one changed.
    expect(await userTables(await open())).toEqual([])
  })
})

describe('openDatabase in a folder', () => {
  it('starts an empty folder from the image, then reopens what was written', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sandbox-db-'))
    try {
      const first = await openDatabase(dir)
      expect(await userTables(first)).toEqual([])
      await first.exec('CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)')
      await first.close()
      expect(readdirSync(dir)).toContain('PG_VERSION')
      const again = await openDatabase(dir)
      expect((await again.query<{ n: number }>('SELECT n FROM kept')).rows).toEqual([{ n: 42 }])
      await again.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
