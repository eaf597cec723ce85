// Container logs: 10,000 lines streamed into an open container page. Chromium opens
// /containers/<demo>?tab=logs on the production build behind the real proxy, in front of an
// in-memory sandbox; the lines are written into the sandbox's log table in bursts while the page
// is live, and reach it through the real SSE stream (a poll every 2 s, up to 2,000 lines each).
// Reported beside a reference run of 100 lines in the same process (after a warm-up run, whose
// figures are kept in the JSON): the longest main-thread task
// while streaming (PerformanceObserver "longtask"), the most log rows ever in the DOM (the
// virtualization bound), the lines the page holds (its ring buffer) and the JS heap after a GC.
//
// Build folder: dist/ (built by the bundle section when it runs first), or BENCH_DIST=<folder>.
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
  totalTaskMs,
  withConsoleInChromium,
} from './console-stack.ts'
import { check, type BenchSection } from './section.ts'
import { fmt, table } from './stats.ts'

const LINES = 10_000
const REFERENCE_LINES = 100
/** Lines written per burst, and the pause between bursts (500 lines every 250 ms ≈ 2,000/s). */
const BURST = 500
const BURST_GAP_MS = 250
const LONG_TASK_TARGET_MS = 50
const DOM_ROWS_TARGET = 100
/** The page's ring buffer (src/features/containers/hooks/log-stream-store.ts). */
const HELD_TARGET = 5_000
const STREAM_TIMEOUT_MS = 120_000
const VIEWPORT = { width: 1280, height: 900 }

declare global {
  interface Window {
    __logRows: { max: number; sampling: boolean }
  }
}

/** Counts the rendered log rows on every frame until stopped. */
function startSampling() {
  const probe = { max: 0, sampling: true }
  window.__logRows = probe
  const tick = () => {
    const rows = document.querySelector('[role="log"] > div')?.children.length ?? 0
    probe.max = Math.max(probe.max, rows)
    if (probe.sampling) requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
  return performance.now()
}

/** Stops the count; the page's clock then, and the most rows seen. */
function stopSampling() {
  window.__logRows.sampling = false
  return { end: performance.now(), maxRows: window.__logRows.max }
}

const LEVELS = ['[INFO]', '[INFO]', '[INFO]', '[DEBUG]', '[WARN]', '[ERROR]'] as const

/** Writes `count` lines in bursts, timestamps after everything the table holds. */
async function writeLines(db: Sandbox['ctx']['db'], prefix: string, count: number) {
  for (let from = 1; from <= count; from += BURST) {
    const to = Math.min(count, from + BURST - 1)
    await db.query(
      `INSERT INTO container_logs (container_id, timestamp, line)
       SELECT $1, now() + interval '1 hour' + i * interval '1 millisecond',
              ($4::text[])[1 + i % 6] || ' ' || $5 || ' ' || i ||
              ': POST /api/messages 200 ' || (10 + i % 900) || 'ms room=' || md5(i::text)
         FROM generate_series($2::int, $3::int) AS i`,
      [SEED.containerId, from, to, LEVELS, prefix],
    )
    await new Promise((resolve) => setTimeout(resolve, BURST_GAP_MS))
  }
}

interface RunFigures {
  lines: number
  reached: boolean
  streamMs: number
  longTasks: number
  longTaskTotalMs: number
  longestTaskMs: number
  maxDomRows: number
  linesHeld: number
  heapBeforeMb: number
  heapAfterMb: number
}

async function streamRun(
  browser: Browser,
  origin: string,
  sandbox: Sandbox,
  lines: number,
  prefix: string,
): Promise<RunFigures> {
  const page = await openProbedPage(browser, VIEWPORT)
  try {
    const cdp = await page.context().newCDPSession(page)
    const heapMb = async () => {
      await cdp.send('HeapProfiler.collectGarbage')
      const { usedSize } = await cdp.send('Runtime.getHeapUsage')
      return usedSize / 1024 / 1024
    }
    await page.goto(`${origin}/containers/${SEED.containerId}?tab=logs`)
    await page.getByRole('log', { name: 'Logs' }).waitFor()
    await page.getByRole('status').filter({ hasText: /^Live/ }).waitFor({ timeout: 30_000 })
    const heapBeforeMb = await heapMb()

    const start = await page.evaluate(startSampling)
    const last = `${prefix} ${lines}:`
    const writing = writeLines(sandbox.ctx.db, prefix, lines)
    let reached = true
    try {
      // Following: the newest line is rendered once it has arrived.
      await page
        .getByRole('log', { name: 'Logs' })
        .getByText(last, { exact: false })
        .waitFor({ timeout: STREAM_TIMEOUT_MS })
    } catch {
      reached = false
    }
    await writing
    const { end, maxRows } = await page.evaluate(stopSampling)
    const during = tasksBetween(await longTasks(page), start, end)
    const countText =
      (await page
        .getByText(/^\d[\d,]* lines?/)
        .first()
        .textContent()) ?? ''
    const linesHeld = Number(countText.split(' ')[0]?.replace(/\D/g, '') ?? 0)
    const heapAfterMb = await heapMb()
    return {
      lines,
      reached,
      streamMs: Math.round(end - start),
      longTasks: during.length,
      longTaskTotalMs: Math.round(totalTaskMs(during)),
      longestTaskMs: round1(longestTaskMs(during)),
      maxDomRows: maxRows,
      linesHeld,
      heapBeforeMb: round1(heapBeforeMb),
      heapAfterMb: round1(heapAfterMb),
    }
  } finally {
    await page.close()
  }
}

export const containerLogsSection: BenchSection = {
  key: 'containerLogs',
  title: `Container logs: ${LINES.toLocaleString('en-US')} lines streamed into the page (Chromium)`,
  async run({ root }) {
    const skipped = skipWithoutChromium({
      containerLogsLongestTaskMs: [LONG_TASK_TARGET_MS, 'ms'],
      containerLogsMaxDomRows: [DOM_ROWS_TARGET, 'rows'],
      containerLogsLinesHeld: [HELD_TARGET, 'lines'],
    })
    if (skipped) return skipped
    return withConsoleInChromium(root, null, async ({ sandbox, origin, browser }) => {
      // The first page of the browser also compiles the app's code: measured, reported, not compared.
      const warmup = await streamRun(browser, origin, sandbox, REFERENCE_LINES, 'warm-up line')
      const reference = await streamRun(browser, origin, sandbox, REFERENCE_LINES, 'reference line')
      const full = await streamRun(browser, origin, sandbox, LINES, 'bench line')
      const note = full.reached
        ? undefined
        : `the last line did not appear in ${STREAM_TIMEOUT_MS} ms`
      const row = (label: string, f: (r: RunFigures) => string) => [label, f(reference), f(full)]
      const rows = [
        ['', `${REFERENCE_LINES} lines`, `${LINES.toLocaleString('en-US')} lines`],
        row('all lines shown (newest rendered)', (r) => (r.reached ? 'yes' : 'NO')),
        row('streaming time', (r) => `${fmt(r.streamMs, 0)} ms`),
        row('long tasks (total)', (r) => `${r.longTasks} (${fmt(r.longTaskTotalMs, 0)} ms)`),
        row('longest task', (r) => `${fmt(r.longestTaskMs)} ms`),
        row('most log rows in the DOM', (r) => String(r.maxDomRows)),
        row('lines held by the page', (r) => r.linesHeld.toLocaleString('en-US')),
        row(
          'JS heap after GC, before → after',
          (r) => `${fmt(r.heapBeforeMb)} → ${fmt(r.heapAfterMb)} MB`,
        ),
      ]
      return {
        data: { warmup, reference, full, burst: BURST, burstGapMs: BURST_GAP_MS },
        targets: {
          containerLogsLongestTaskMs: check(
            full.reached ? full.longestTaskMs : null,
            LONG_TASK_TARGET_MS,
            'max',
            'ms',
            note,
          ),
          containerLogsMaxDomRows: check(full.maxDomRows, DOM_ROWS_TARGET, 'max', 'rows', note),
          containerLogsLinesHeld: check(full.linesHeld, HELD_TARGET, 'max', 'lines', note),
        },
        lines: table(rows),
      }
    })
  },
}
