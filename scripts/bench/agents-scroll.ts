// 10,000 agents scroll: seeds 10,000 characters straight into an in-memory sandbox's database,
// opens /agents in Chromium (production build behind the real proxy) and scrolls to the end,
// loading every page of the API on the way. Reports the longest main-thread task while scrolling
// (PerformanceObserver "longtask"), frames dropped, the most list rows ever in the DOM (the
// virtualization bound) and the time until the last agent is on screen.
//
// Build folder: dist/ (built by the bundle section when it runs first), or BENCH_DIST=<folder>.
import fs from 'node:fs'
import { CHROMIUM, launchChromium } from './chromium.ts'
import path from 'node:path'
import { SEED } from '../../sandbox/seed.ts'
import { openSandbox } from '../../sandbox/server.ts'
import { INSTANT_TIMING } from '../../sandbox/timing.ts'
import { ensureBuild, startConsoleStack } from './console-stack.ts'
import { check, type BenchSection } from './section.ts'
import { fmt, table } from './stats.ts'

const AGENTS = 10_000
const LONG_TASK_TARGET_MS = 50
const DOM_ROWS_TARGET = 100
/** Pixels scrolled per animation frame: a fast, steady fling (≈ 24,000 px/s at 60 Hz). */
const STEP_PX = 400
const SCROLL_TIMEOUT_MS = 240_000
const VIEWPORT = { width: 1280, height: 800 }

const pad = (n: number) => String(n).padStart(5, '0')
/** Oldest last: the list's default order (newest first) ends with this one. */
const LAST_NAME = `Bench agent ${pad(AGENTS)}`

/** What the page measures about itself (installed before any of its scripts run). */
interface PageProbe {
  longTasks: { start: number; duration: number }[]
  frames: number[]
  maxRows: number
  maxLinks: number
}

declare global {
  interface Window {
    __probe: PageProbe
  }
}

function installProbe() {
  const probe: PageProbe = { longTasks: [], frames: [], maxRows: 0, maxLinks: 0 }
  window.__probe = probe
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      probe.longTasks.push({ start: e.startTime, duration: e.duration })
    }
  }).observe({ type: 'longtask', buffered: true })
}

/** Scrolls by `step` px per frame until `lastName` is rendered; resolves with the timings. */
function scrollToEnd({
  step,
  lastName,
  timeoutMs,
}: {
  step: number
  lastName: string
  timeoutMs: number
}): Promise<{ ok: boolean; start: number; end: number; loaded: string }> {
  const probe = window.__probe
  const selector = `a[aria-label="${lastName}"]`
  return new Promise((resolve) => {
    const start = performance.now()
    let previous = start
    const tick = (now: number) => {
      probe.frames.push(now - previous)
      previous = now
      const list = document.querySelector('ul[aria-label="Agents"]')
      const rows = list ? list.children.length : 0
      const links = list ? list.querySelectorAll('a').length : 0
      probe.maxRows = Math.max(probe.maxRows, rows)
      probe.maxLinks = Math.max(probe.maxLinks, links)
      const loaded = document.querySelector('main [role="status"]')?.textContent ?? ''
      if (document.querySelector(selector)) {
        resolve({ ok: true, start, end: now, loaded })
        return
      }
      if (now - start > timeoutMs) {
        resolve({ ok: false, start, end: now, loaded })
        return
      }
      window.scrollBy(0, step)
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
}

async function seedAgents(db: Awaited<ReturnType<typeof openSandbox>>['ctx']['db']) {
  // One statement: names, usernames and bios numbered; created one minute apart, a year ago and
  // older, so the demo agents come first and "Bench agent 10000" last (newest first).
  await db.query(
    `INSERT INTO user_characters (organization_id, user_id, name, username, bio, category,
                                  is_public, created_at, updated_at)
     SELECT $1, $2, 'Bench agent ' || lpad(i::text, 5, '0'), 'bench-' || i,
            jsonb_build_array('Seeded agent number ' || i || ' for the scroll benchmark.'),
            (ARRAY['assistant','creative','gaming','learning'])[1 + i % 4], i % 3 = 0,
            now() - interval '365 days' - i * interval '1 minute',
            now() - interval '365 days' - i * interval '1 minute'
       FROM generate_series(1, $3::int) AS i`,
    [SEED.organizationId, SEED.userId, AGENTS],
  )
}

export const agentsScrollSection: BenchSection = {
  key: 'agentsScroll',
  title: `Agents list: scroll ${AGENTS.toLocaleString('en-US')} agents (Chromium)`,
  async run({ root }) {
    if (!fs.existsSync(CHROMIUM)) {
      const note = `${CHROMIUM} is missing (Debian: apt-get install -y chromium)`
      return {
        data: { skipped: note },
        targets: {
          agentsScrollLongestTaskMs: check(null, LONG_TASK_TARGET_MS, 'max', 'ms', note),
          agentsScrollMaxDomRows: check(null, DOM_ROWS_TARGET, 'max', 'rows', note),
        },
        lines: [`SKIPPED: ${note}`],
      }
    }
    const dist = path.resolve(root, process.env.BENCH_DIST ?? 'dist')
    await ensureBuild(root, dist)

    const sandbox = await openSandbox({ timing: INSTANT_TIMING })
    const seedStarted = performance.now()
    await seedAgents(sandbox.ctx.db)
    const seedMs = performance.now() - seedStarted
    console.log(`  seeded ${AGENTS} agents in ${fmt(seedMs, 0)} ms`)
    const stack = await startConsoleStack(sandbox, dist)
    const browser = await launchChromium()
    try {
      const origin = stack.origin
      const page = await browser.newPage({ viewport: VIEWPORT })
      // tsx compiles with esbuild's keepNames: the functions sent to the page call `__name`.
      await page.addInitScript({ content: 'globalThis.__name = (fn) => fn' })
      await page.addInitScript(installProbe)
      let requests = 0
      page.on('request', (r) => {
        if (new URL(r.url()).pathname === '/api/my-agents/characters') requests++
      })
      const opened = performance.now()
      await page.goto(`${origin}/agents`)
      await page.getByRole('list', { name: 'Agents' }).getByRole('link').first().waitFor()
      const firstRowsMs = performance.now() - opened

      const scroll = await page.evaluate(scrollToEnd, {
        step: STEP_PX,
        lastName: LAST_NAME,
        timeoutMs: SCROLL_TIMEOUT_MS,
      })
      const probe = await page.evaluate(() => window.__probe)
      const during = probe.longTasks.filter((t) => t.start >= scroll.start && t.start <= scroll.end)
      const longest = during.reduce((m, t) => Math.max(m, t.duration), 0)
      const longTaskTotal = during.reduce((n, t) => n + t.duration, 0)
      const frameMs = 1000 / 60
      // A frame interval of k vsyncs means k-1 frames were not drawn.
      const dropped = probe.frames.reduce((n, f) => n + Math.max(0, Math.round(f / frameMs) - 1), 0)
      const sortedFrames = [...probe.frames].sort((a, b) => a - b)
      const p95Frame = sortedFrames[Math.floor(sortedFrames.length * 0.95)] ?? 0
      const scrollMs = scroll.end - scroll.start
      const note = scroll.ok
        ? undefined
        : `the last agent did not appear in ${SCROLL_TIMEOUT_MS} ms`

      const rows = [
        ['', 'value'],
        ['agents seeded', `${AGENTS} (+3 demo) in ${fmt(seedMs, 0)} ms`],
        ['first rows after navigation', `${fmt(firstRowsMs, 0)} ms`],
        [
          'time to reach the last agent',
          `${fmt(scrollMs, 0)} ms${scroll.ok ? '' : ' (NOT REACHED)'}`,
        ],
        ['list requests (pages)', String(requests)],
        ['frames / dropped', `${probe.frames.length} / ${dropped}`],
        ['frame interval p95 / max', `${fmt(p95Frame)} / ${fmt(sortedFrames.at(-1) ?? 0)} ms`],
        ['long tasks while scrolling', `${during.length} (total ${fmt(longTaskTotal, 0)} ms)`],
        ['longest task while scrolling', `${fmt(longest)} ms`],
        ['most rows / links in the DOM', `${probe.maxRows} / ${probe.maxLinks}`],
        ['status line at the end', scroll.loaded],
      ]
      return {
        data: {
          agents: AGENTS,
          seedMs: Math.round(seedMs),
          firstRowsMs: Math.round(firstRowsMs),
          reachedLast: scroll.ok,
          timeToLastMs: Math.round(scrollMs),
          stepPxPerFrame: STEP_PX,
          listRequests: requests,
          frames: probe.frames.length,
          droppedFrames: dropped,
          p95FrameMs: Math.round(p95Frame * 10) / 10,
          longTasks: during.length,
          longTaskTotalMs: Math.round(longTaskTotal),
          longestTaskMs: Math.round(longest * 10) / 10,
          maxDomRows: probe.maxRows,
          maxDomLinks: probe.maxLinks,
        },
        targets: {
          agentsScrollLongestTaskMs: check(
            scroll.ok ? longest : null,
            LONG_TASK_TARGET_MS,
            'max',
            'ms',
            note,
          ),
          agentsScrollMaxDomRows: check(probe.maxRows, DOM_ROWS_TARGET, 'max', 'rows', note),
        },
        lines: table(rows),
      }
    } finally {
      await browser.close()
      await stack.close()
      await sandbox.close()
    }
  },
}
