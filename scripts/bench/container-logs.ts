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
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { Browser } from '@playwright/test'
import { createAdaptorServer } from '@hono/node-server'
import { SEED } from '../../sandbox/seed.ts'
import { openSandbox } from '../../sandbox/server.ts'
import { INSTANT_TIMING } from '../../sandbox/timing.ts'
import { createConsoleServer } from '../../server/app.ts'
import { CHROMIUM, launchChromium } from './chromium.ts'
import { runCommand } from './children.ts'
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

type Sandbox = Awaited<ReturnType<typeof openSandbox>>

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  return (server.address() as AddressInfo).port
}

const closeServer = (server: http.Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })

async function ensureBuild(root: string, dist: string): Promise<void> {
  if (fs.existsSync(path.join(dist, 'index.html'))) return
  const outDir = path.relative(root, dist)
  console.log(`  ${outDir}/ has no build: vite build --outDir ${outDir}`)
  const build = await runCommand(
    path.join(root, 'node_modules', '.bin', 'vite'),
    ['build', '--outDir', outDir],
    { cwd: root, timeoutMs: 180_000 },
  )
  if (build.code !== 0) {
    const tail = (build.stdout + build.stderr).trim().split('\n').slice(-20).join('\n')
    throw new Error(`vite build failed (${build.code}):\n${tail}`)
  }
}

interface PageProbe {
  longTasks: { start: number; duration: number }[]
  maxRows: number
  sampling: boolean
}

declare global {
  interface Window {
    __logProbe: PageProbe
  }
}

function installProbe() {
  const probe: PageProbe = { longTasks: [], maxRows: 0, sampling: false }
  window.__logProbe = probe
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      probe.longTasks.push({ start: e.startTime, duration: e.duration })
    }
  }).observe({ type: 'longtask', buffered: true })
}

/** Counts the rendered log rows on every frame until stopped. */
function startSampling() {
  const probe = window.__logProbe
  probe.sampling = true
  const tick = () => {
    const rows = document.querySelector('[role="log"] > div')?.children.length ?? 0
    probe.maxRows = Math.max(probe.maxRows, rows)
    if (probe.sampling) requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
  return performance.now()
}

function stopSampling() {
  window.__logProbe.sampling = false
  return performance.now()
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
  const page = await browser.newPage({ viewport: VIEWPORT })
  try {
    // tsx compiles with esbuild's keepNames: the functions sent to the page call `__name`.
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn' })
    await page.addInitScript(installProbe)
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
    const end = await page.evaluate(stopSampling)
    const probe = await page.evaluate(() => window.__logProbe)
    const during = probe.longTasks.filter((t) => t.start >= start && t.start <= end)
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
      longTaskTotalMs: Math.round(during.reduce((n, t) => n + t.duration, 0)),
      longestTaskMs: Math.round(during.reduce((m, t) => Math.max(m, t.duration), 0) * 10) / 10,
      maxDomRows: probe.maxRows,
      linesHeld,
      heapBeforeMb: Math.round(heapBeforeMb * 10) / 10,
      heapAfterMb: Math.round(heapAfterMb * 10) / 10,
    }
  } finally {
    await page.close()
  }
}

export const containerLogsSection: BenchSection = {
  key: 'containerLogs',
  title: `Container logs: ${LINES.toLocaleString('en-US')} lines streamed into the page (Chromium)`,
  async run({ root }) {
    if (!fs.existsSync(CHROMIUM)) {
      const note = `${CHROMIUM} is missing (Debian: apt-get install -y chromium)`
      return {
        data: { skipped: note },
        targets: {
          containerLogsLongestTaskMs: check(null, LONG_TASK_TARGET_MS, 'max', 'ms', note),
          containerLogsMaxDomRows: check(null, DOM_ROWS_TARGET, 'max', 'rows', note),
          containerLogsLinesHeld: check(null, HELD_TARGET, 'max', 'lines', note),
        },
        lines: [`SKIPPED: ${note}`],
      }
    }
    const dist = path.resolve(root, process.env.BENCH_DIST ?? 'dist')
    await ensureBuild(root, dist)

    const sandbox = await openSandbox({ timing: INSTANT_TIMING })
    const upstream = createAdaptorServer({
      fetch: sandbox.app.fetch,
      overrideGlobalObjects: false,
    }) as http.Server
    const proxy = createConsoleServer({
      upstream: {
        origin: `http://127.0.0.1:${await listen(upstream)}`,
        apiKey: sandbox.apiKey,
        embedded: false,
      },
      bodyLimit: 1024 * 1024,
      staticDir: dist,
      log: () => {},
    })
    let browser: Browser | undefined
    try {
      browser = await launchChromium()
      const origin = `http://127.0.0.1:${await listen(proxy.server)}`
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
    } finally {
      await browser?.close()
      await proxy.close()
      await closeServer(upstream)
      await sandbox.close()
    }
  },
}
