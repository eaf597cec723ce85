// Test-mode control routes under /__sandbox/ (docs/architecture.md §11). Not part of the cloud: mounted
// only when the sandbox runs with `testMode`, and never behind auth, faults or rate limits.
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { SandboxContext } from './context.ts'
import { FAMILIES, familyTables, seedFamilies } from './families.ts'
import { faultInput } from './faults.ts'
import { getBalance, setBalance } from './ledger.ts'
import { resetData, SEED } from './seed.ts'
import { timingInput } from './timing.ts'

const balanceInput = z.object({ balance: z.number().finite().min(0) })

async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json()
  } catch {
    return undefined
  }
}

const invalid = (c: Context, issues: unknown) =>
  c.json({ error: 'Invalid request', details: issues }, 400)

/** Clears what lives outside the DB, so a reset really starts from scratch. */
export function clearMemoryState(ctx: SandboxContext) {
  ctx.faults.clear()
  ctx.limiter.clear()
  ctx.balanceCache.clear()
  for (const family of FAMILIES) family.clear?.(ctx)
}

export function controlRoutes(ctx: SandboxContext): Hono {
  const app = new Hono()

  app.post('/__sandbox/reset', async (c) => {
    clearMemoryState(ctx)
    ctx.timing = { ...ctx.initialTiming }
    await resetData(ctx.db, ctx.apiKey, familyTables())
    await seedFamilies(ctx.db)
    return c.json({ ok: true })
  })

  app.post('/__sandbox/faults', async (c) => {
    const parsed = faultInput.safeParse((await readJson(c)) ?? {})
    if (!parsed.success) return invalid(c, parsed.error.issues)
    return c.json({ id: ctx.faults.add(parsed.data) })
  })
  app.get('/__sandbox/faults', (c) => c.json({ faults: ctx.faults.list() }))
  app.delete('/__sandbox/faults', (c) => c.json({ ok: true, cleared: ctx.faults.clear() }))

  app.put('/__sandbox/timing', async (c) => {
    const parsed = timingInput.partial().safeParse(await readJson(c))
    if (!parsed.success) return invalid(c, parsed.error.issues)
    ctx.timing = { ...ctx.timing, ...parsed.data }
    return c.json({ ok: true, timing: ctx.timing })
  })

  app.put('/__sandbox/balance', async (c) => {
    const parsed = balanceInput.safeParse(await readJson(c))
    if (!parsed.success) return invalid(c, parsed.error.issues)
    const entry = await setBalance(ctx.db, SEED.organizationId, parsed.data.balance)
    // A test that sets the balance wants to see it: drop the auth record's cached balance
    // (docs/cloud/billing.md §1) instead of waiting ten minutes.
    ctx.balanceCache.clear()
    return c.json({ ok: true, balance: entry.balanceAfter, transactionId: entry.id })
  })

  app.get('/__sandbox/state', async (c) => {
    const { rows } = await ctx.db.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM organizations) AS organizations,
              (SELECT count(*)::int FROM users) AS users,
              (SELECT count(*)::int FROM api_keys) AS api_keys,
              (SELECT count(*)::int FROM user_characters) AS agents,
              (SELECT count(*)::int FROM containers) AS containers,
              (SELECT count(*)::int FROM credit_transactions) AS transactions`,
    )
    return c.json({
      organizationId: SEED.organizationId,
      balance: await getBalance(ctx.db, SEED.organizationId),
      counts: rows[0] ?? {},
      pendingFaults: ctx.faults.pending,
      strict: ctx.strict,
      testMode: ctx.testMode,
    })
  })

  return app
}
