// Versioned migrations: applied once, in order, each atomically.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openDatabase, type Db } from './client.ts'
import { loadMigrations, migrate, type Migration } from './migrate.ts'
import { SANDBOX_TIMEOUTS } from '../test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let db: Db
beforeAll(async () => {
  db = await openDatabase()
})
afterAll(() => db.close())

const tables = async () =>
  (
    await db.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    )
  ).rows.map((r) => r.tablename)

describe('migrate', () => {
  it('applies the real migrations once and is idempotent', async () => {
    const all = loadMigrations()
    expect(all[0]).toMatchObject({ version: 1, name: 'initial' })
    expect(await migrate(db)).toEqual(all.map((m) => m.version))
    const after = await tables()
    expect(after).toEqual(
      expect.arrayContaining([
        'organizations',
        'users',
        'api_keys',
        'credit_transactions',
        'user_characters',
        'containers',
        'migrations',
      ]),
    )
    expect(await migrate(db)).toEqual([])
    expect(await tables()).toEqual(after)
    const { rows } = await db.query<{ version: number }>(
      'SELECT version FROM migrations ORDER BY version',
    )
    expect(rows.map((r) => r.version)).toEqual(all.map((m) => m.version))
  })

  it('applies new migrations in order after the recorded ones', async () => {
    const base = loadMigrations()
    const next: Migration[] = [
      ...base,
      { version: base.length + 1, name: 'a', sql: 'CREATE TABLE t_a (id int PRIMARY KEY)' },
      { version: base.length + 2, name: 'b', sql: 'ALTER TABLE t_a ADD COLUMN note text' },
    ]
    expect(await migrate(db, next)).toEqual([base.length + 1, base.length + 2])
    await db.query("INSERT INTO t_a VALUES (1, 'ok')")
    expect(await migrate(db, next)).toEqual([])
  })

  it('rolls back a failing migration completely', async () => {
    const base = loadMigrations()
    const version = base.length + 3
    const bad: Migration[] = [
      ...base,
      { version: base.length + 1, name: 'a', sql: 'CREATE TABLE t_a (id int PRIMARY KEY)' },
      { version: base.length + 2, name: 'b', sql: 'ALTER TABLE t_a ADD COLUMN note text' },
      { version, name: 'bad', sql: 'CREATE TABLE t_bad (id int); SELECT * FROM missing_table' },
    ]
    await expect(migrate(db, bad)).rejects.toThrow(/missing_table/)
    expect(await tables()).not.toContain('t_bad')
    const { rows } = await db.query('SELECT 1 FROM migrations WHERE version = $1', [version])
    expect(rows).toHaveLength(0)
  })

  it('refuses an applied migration whose SQL changed', async () => {
    const [first, ...rest] = loadMigrations()
    if (!first) throw new Error('no migrations')
    await expect(
      migrate(db, [{ ...first, sql: `${first.sql}\n-- edited` }, ...rest]),
    ).rejects.toThrow(/changed after it was applied/)
  })
})

describe('loadMigrations', () => {
  it('refuses gaps and bad names', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-migrations-'))
    try {
      writeFileSync(path.join(dir, '0001_one.sql'), 'SELECT 1')
      writeFileSync(path.join(dir, '0003_three.sql'), 'SELECT 1')
      expect(() => loadMigrations(dir)).toThrow(/Migration 2 is missing/)
      writeFileSync(path.join(dir, '0002_Two.sql'), 'SELECT 1')
      expect(() => loadMigrations(dir)).toThrow(/Bad migration file name/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
