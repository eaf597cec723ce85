// 10,000 agents scroll: seeds 10,000 characters straight into an in-memory sandbox's database,
// opens /agents in Chromium (production build behind the real proxy) and scrolls to the end,
// loading every page of the API on the way. Reports the longest main-thread task while scrolling
// (PerformanceObserver "longtask"), frames dropped, the most list rows ever in the DOM (the
// virtualization bound) and the time until the last agent is on screen.
//
// Build folder: dist/ (built by the bundle section when it runs first), or BENCH_DIST=<folder>.
import { SEED } from '../../sandbox/core/seed.ts'
import {
  droppedFrames,
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

/** Scrolls by `step` px per frame until `lastName` is rendered; resolves with the timings. */
function scrollToEnd({
  step,
  lastName,
  timeoutMs,
}: {
  step: number
  lastName: string
  timeoutMs: number
}): Promise<{
  ok: boolean
  start: number
  end: number
  loaded: string
  frames: number[]
  maxRows: number
  maxLinks: number
}> {
  const probe = { frames: [] as number[], maxRows: 0, maxLinks: 0 }
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
        resolve({ ok: true, start, end: now, loaded, ...probe })
        return
      }
      if (now - start > timeoutMs) {
        resolve({ ok: false, start, end: now, loaded, ...probe })
        return
      }
      window.scrollBy(0, step)
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
}

async function seedAgents(db: Sandbox['ctx']['db']) {
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
    const skipped = skipWithoutChromium({
      agentsScrollLongestTaskMs: [LONG_TASK_TARGET_MS, 'ms'],
      agentsScrollMaxDomRows: [DOM_ROWS_TARGET, 'rows'],
    })
    if (skipped) return skipped
    const seed = (sandbox: Sandbox) => seedAgents(sandbox.ctx.db)
    return withConsoleInChromium(root, seed, async ({ origin, browser, seedMs }) => {
      console.log(`  seeded ${AGENTS} agents in ${fmt(seedMs, 0)} ms`)
      const page = await openProbedPage(browser, VIEWPORT)
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
      const during = tasksBetween(await longTasks(page), scroll.start, scroll.end)
      const longest = longestTaskMs(during)
      const longTaskTotal = totalTaskMs(during)
      const dropped = droppedFrames(scroll.frames)
      const sortedFrames = [...scroll.frames].sort((a, b) => a - b)
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
        ['frames / dropped', `${scroll.frames.length} / ${dropped}`],
        ['frame interval p95 / max', `${fmt(p95Frame)} / ${fmt(sortedFrames.at(-1) ?? 0)} ms`],
        ['long tasks while scrolling', `${during.length} (total ${fmt(longTaskTotal, 0)} ms)`],
        ['longest task while scrolling', `${fmt(longest)} ms`],
        ['most rows / links in the DOM', `${scroll.maxRows} / ${scroll.maxLinks}`],
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
          frames: scroll.frames.length,
          droppedFrames: dropped,
          p95FrameMs: round1(p95Frame),
          longTasks: during.length,
          longTaskTotalMs: Math.round(longTaskTotal),
          longestTaskMs: round1(longest),
          maxDomRows: scroll.maxRows,
          maxDomLinks: scroll.maxLinks,
        },
        targets: {
          agentsScrollLongestTaskMs: check(
            scroll.ok ? longest : null,
            LONG_TASK_TARGET_MS,
            'max',
            'ms',
            note,
          ),
          agentsScrollMaxDomRows: check(scroll.maxRows, DOM_ROWS_TARGET, 'max', 'rows', note),
        },
        lines: table(rows),
      }
    })
  },
}
