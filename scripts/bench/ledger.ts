// Billing ledger: 10,000 ledger rows written straight into an in-memory sandbox's database, then
// /billing/transactions opened in Chromium (production build behind the real proxy). Beside it,
// in the same run and on the same stack, the page with 20 rows as a reference (measured first,
// before the other rows are added). Reports, per case: time from navigation to the first table
// rows, the time a type filter and a text filter take to show their rows (the text filter
// includes the search box's 250 ms pause in typing), the longest main-thread task from the first
// rows to the end of the filters (PerformanceObserver "longtask"; the app's start before the
// first rows apart), and the most table rows ever in the DOM (the virtualization bound).
//
// `npm run bench -- --only ledger`. Build folder: dist/ (built when absent), or BENCH_DIST=<folder>.
import type { Browser } from '@playwright/test'
import { SEED } from '../../sandbox/core/seed.ts'
import {
  longestTaskMs,
  longTasks,
  openProbedPage,
  round1,
  type Sandbox,
  skipWithoutChromium,
  tasksBetween,
  withConsoleInChromium,
} from './console-stack.ts'
import { check, type BenchSection } from './section.ts'
import { fmt, table } from './stats.ts'

const LONG_TASK_TARGET_MS = 50
const DOM_ROWS_TARGET = 80
const VIEWPORT = { width: 1280, height: 800 }
const REFERENCE_ROWS = 20
const MEASURED_ROWS = 10_000
const OPERATIONS = [
  'Chat completion: openai/gpt-4o-mini',
  'Image generation (1x): google/gemini-2.5-flash-image',
  'Text-to-speech (120 chars): eleven_flash_v2_5',
  'Embeddings: text-embedding-3-small',
]

/**
 * `count` more ledger rows, older than every row already there: mostly reservation + refund
 * pairs of metered operations, a purchase every 50 rows. One second apart.
 */
async function seedLedger(db: Sandbox['ctx']['db'], count: number, offset: number) {
  const ops = `ARRAY[${OPERATIONS.map((o) => `'${o}'`).join(',')}]`
  await db.query(
    `INSERT INTO credit_transactions (organization_id, amount, type, description, metadata, created_at)
     SELECT $1,
            CASE WHEN i % 50 = 0 THEN 10
                 WHEN i % 2 = 0 THEN -0.0100 - (i % 7) * 0.001
                 ELSE 0.0020 + (i % 5) * 0.0005 END,
            CASE WHEN i % 50 = 0 THEN 'credit' WHEN i % 2 = 0 THEN 'debit' ELSE 'refund' END,
            CASE WHEN i % 50 = 0 THEN 'Balance top-up - $10.00'
                 WHEN i % 2 = 0 THEN (${ops})[1 + (i / 2) % ${OPERATIONS.length}] || ' (reserved)'
                 ELSE (${ops})[1 + ((i + 1) / 2) % ${OPERATIONS.length}] || ' (refund)' END,
            '{}'::jsonb,
            now() - interval '1 day' - i * interval '1 second'
       FROM generate_series($2::int + 1, $2::int + $3::int) AS i`,
    [SEED.organizationId, offset, count],
  )
}

/** Waits until the status line under the filters says `match` (page clock at that moment). */
function waitForStatus({ match, timeoutMs }: { match: string; timeoutMs: number }) {
  return new Promise<{ ok: boolean; at: number; text: string }>((resolve) => {
    const start = performance.now()
    const tick = () => {
      const text =
        [...document.querySelectorAll('main [role="status"]')]
          .map((e) => e.textContent ?? '')
          .find((t) => t.includes('rows')) ?? ''
      if (text.includes(match)) return resolve({ ok: true, at: performance.now(), text })
      if (performance.now() - start > timeoutMs) {
        return resolve({ ok: false, at: performance.now(), text })
      }
      requestAnimationFrame(tick)
    }
    tick()
  })
}

interface CaseResult {
  rows: number
  firstRowsMs: number
  typeFilterMs: number
  textFilterMs: number
  longTasks: number
  longestTaskMs: number
  longestBootTaskMs: number
  maxDomRows: number
  filtersOk: boolean
}

async function runCase(browser: Browser, origin: string, rows: number): Promise<CaseResult> {
  const page = await openProbedPage(browser, VIEWPORT)
  try {
    const opened = performance.now()
    await page.goto(`${origin}/billing/transactions`)
    const table = page.getByRole('table', { name: 'Transactions' })
    await table.getByRole('row').nth(1).waitFor()
    const firstRowsMs = performance.now() - opened
    const firstRowsAt = await page.evaluate(() => performance.now())
    const domRows = () =>
      page.evaluate(() => document.querySelectorAll('[role="table"] [role="row"]').length)
    let maxDomRows = await domRows()

    // Type filter: applied at once (no debounce).
    const typeStart = await page.evaluate(() => performance.now())
    await page.getByRole('combobox', { name: 'Type' }).selectOption('credit')
    const typed = await page.evaluate(waitForStatus, { match: 'rows match', timeoutMs: 30_000 })
    maxDomRows = Math.max(maxDomRows, await domRows())
    await page.getByRole('combobox', { name: 'Type' }).selectOption('all')
    await page.evaluate(waitForStatus, {
      match: `${rows.toLocaleString('en-US')} rows.`,
      timeoutMs: 30_000,
    })

    // Text filter: includes the search box's pause in typing.
    const textStart = await page.evaluate(() => performance.now())
    await page.getByRole('searchbox', { name: 'Search descriptions' }).fill('speech')
    const searched = await page.evaluate(waitForStatus, { match: 'rows match', timeoutMs: 30_000 })
    maxDomRows = Math.max(maxDomRows, await domRows())

    const tasks = await longTasks(page)
    const during = tasksBetween(tasks, firstRowsAt, searched.at)
    const boot = tasks.filter((t) => t.start < firstRowsAt)
    return {
      rows,
      firstRowsMs: Math.round(firstRowsMs),
      typeFilterMs: Math.round(typed.at - typeStart),
      textFilterMs: Math.round(searched.at - textStart),
      longTasks: during.length,
      longestTaskMs: round1(longestTaskMs(during)),
      longestBootTaskMs: round1(longestTaskMs(boot)),
      maxDomRows,
      filtersOk: typed.ok && searched.ok,
    }
  } finally {
    await page.close()
  }
}

export const ledgerSection: BenchSection = {
  key: 'ledger',
  title: 'Billing ledger: 10,000 rows against 20 (Chromium)',
  async run({ root }) {
    const skipped = skipWithoutChromium({
      ledgerLongestTaskMs: [LONG_TASK_TARGET_MS, 'ms'],
      ledgerMaxDomRows: [DOM_ROWS_TARGET, 'rows'],
    })
    if (skipped) return skipped
    // The seeded signup grant is one row; the reference adds the rest of its 20.
    const seed = (sandbox: Sandbox) => seedLedger(sandbox.ctx.db, REFERENCE_ROWS - 1, 0)
    return withConsoleInChromium(root, seed, async ({ sandbox, origin, browser }) => {
      const ref = await runCase(browser, origin, REFERENCE_ROWS)
      const seedStarted = performance.now()
      await seedLedger(sandbox.ctx.db, MEASURED_ROWS - REFERENCE_ROWS, REFERENCE_ROWS - 1)
      console.log(
        `  seeded ${MEASURED_ROWS - REFERENCE_ROWS} more rows in ${fmt(performance.now() - seedStarted, 0)} ms`,
      )
      const big = await runCase(browser, origin, MEASURED_ROWS)
      const note = big.filtersOk ? undefined : 'a filter did not show its rows within 30 s'
      const row = (label: string, pick: (r: CaseResult) => string) => [label, pick(ref), pick(big)]
      const rows = [
        ['', `${ref.rows} rows`, `${big.rows.toLocaleString('en-US')} rows`],
        row('first rows after navigation', (r) => `${r.firstRowsMs} ms`),
        row('type filter → rows shown', (r) => `${r.typeFilterMs} ms`),
        row('text filter → rows shown (incl. 250 ms pause)', (r) => `${r.textFilterMs} ms`),
        row(
          'longest task before the first rows (app start)',
          (r) => `${fmt(r.longestBootTaskMs)} ms`,
        ),
        row('long tasks, first rows to end of filters', (r) => String(r.longTasks)),
        row('longest task, first rows to end of filters', (r) => `${fmt(r.longestTaskMs)} ms`),
        row('most table rows in the DOM', (r) => String(r.maxDomRows)),
      ]
      return {
        data: { reference: ref, measured: big },
        targets: {
          ledgerLongestTaskMs: check(
            big.filtersOk ? big.longestTaskMs : null,
            LONG_TASK_TARGET_MS,
            'max',
            'ms',
            note ?? `reference with ${ref.rows} rows: ${fmt(ref.longestTaskMs)} ms`,
          ),
          ledgerMaxDomRows: check(big.maxDomRows, DOM_ROWS_TARGET, 'max', 'rows', note),
        },
        lines: table(rows),
      }
    })
  },
}
