// Discover list: 300 extra public agents and 150 extra public MCP servers seeded straight into an
// in-memory sandbox's database, /discover opened in Chromium (production build behind the real
// proxy) and scrolled to the end. The directory answers at most 100 per type (docs/discover.md
// §Paging), so the page merges two full answers (about 200 cards) and says the API cannot reach
// the rest. Reports time to the first cards, the longest main-thread task from the first cards to
// the end of the scroll, frames dropped while scrolling and the most card rows ever in the DOM.
//
// `npm run bench -- --only discover-list`. Build folder: dist/ (built when absent), or BENCH_DIST=<folder>.
import { DIRECTORY_SEED } from '../../sandbox/a2a/directory-seed.ts'
import { mainThreadTasks } from './chat-render.ts'
import {
  droppedFrames,
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
const DOM_ROWS_TARGET = 40
const STEP_PX = 400
const SCROLL_TIMEOUT_MS = 60_000
const VIEWPORT = { width: 1280, height: 800 }
const EXTRA_AGENTS = 300
const EXTRA_MCPS = 150

async function seedDirectory(db: Sandbox['ctx']['db']) {
  const org = DIRECTORY_SEED.organizations[0].id
  const user = DIRECTORY_SEED.users[0].id
  await db.query(
    `INSERT INTO user_characters (organization_id, user_id, name, username, bio, tags, category,
                                  is_public, popularity_score)
     SELECT $1, $2, 'Bench Agent ' || lpad(i::text, 4, '0'), 'bench-agent-' || i,
            jsonb_build_array('A benchmark agent number ' || i || ' with a two-line description.'),
            '["bench"]', 'bench', true, i
       FROM generate_series(1, $3::int) AS i`,
    [org, user, EXTRA_AGENTS],
  )
  await db.query(
    `INSERT INTO user_mcps (organization_id, created_by_user_id, name, slug, description, category,
                            tags, status, is_public, tools, pricing_type)
     SELECT $1, $2, 'Bench Server ' || lpad(i::text, 4, '0'), 'bench-server-' || i,
            'A benchmark MCP server number ' || i, 'bench', '["bench"]', 'live', true,
            '[{"name":"lookup"},{"name":"search"}]', 'free'
       FROM generate_series(1, $3::int) AS i`,
    [org, user, EXTRA_MCPS],
  )
}

/** Scrolls by `step` px per frame until the bottom of the page, with the list rendered. */
function scrollToEnd({ step, timeoutMs }: { step: number; timeoutMs: number }) {
  const probe = { frames: [] as number[], maxRows: 0 }
  return new Promise<{
    ok: boolean
    start: number
    end: number
    frames: number[]
    maxRows: number
  }>((resolve) => {
    const start = performance.now()
    let previous = start
    const tick = (now: number) => {
      probe.frames.push(now - previous)
      previous = now
      const list = document.querySelector('ul[aria-label="Services"]')
      probe.maxRows = Math.max(probe.maxRows, list ? list.children.length : 0)
      const atBottom =
        window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2
      if (list && atBottom) return resolve({ ok: true, start, end: now, ...probe })
      if (now - start > timeoutMs) return resolve({ ok: false, start, end: now, ...probe })
      window.scrollBy(0, step)
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
}

export const discoverListSection: BenchSection = {
  key: 'discover-list',
  title: 'Discover list: two full directory answers merged (Chromium)',
  async run({ root }) {
    const skipped = skipWithoutChromium({
      discoverListLongestTaskMs: [LONG_TASK_TARGET_MS, 'ms'],
      discoverListLongestTaskCpuMs: [LONG_TASK_TARGET_MS, 'ms'],
      discoverListMaxDomRows: [DOM_ROWS_TARGET, 'rows'],
    })
    if (skipped) return skipped
    return withConsoleInChromium(
      root,
      (sb) => seedDirectory(sb.ctx.db),
      async ({ origin, browser, seedMs }) => {
        const page = await openProbedPage(browser, VIEWPORT)
        try {
          let requests = 0
          page.on('request', (r) => {
            if (new URL(r.url()).pathname === '/api/v1/discovery') requests++
          })
          const opened = performance.now()
          await page.goto(`${origin}/discover`)
          await page.getByRole('list', { name: 'Services' }).getByRole('link').first().waitFor()
          const firstCardsMs = Math.round(performance.now() - opened)
          const firstAt = await page.evaluate(() => performance.now())
          const status =
            (await page
              .getByRole('status')
              .filter({ hasText: 'services' })
              .first()
              .textContent()) ?? ''
          const warned = await page
            .getByText('More services exist than the directory can return')
            .isVisible()
          // Thread (CPU) time beside wall time: on a busy machine a task that waited for a core
          // looks long; its thread time is the page's own work (as the knowledge-list bench does).
          await browser.startTracing(page, {
            categories: ['disabled-by-default-devtools.timeline'],
          })
          const scroll = await page.evaluate(scrollToEnd, {
            step: STEP_PX,
            timeoutMs: SCROLL_TIMEOUT_MS,
          })
          const cpuTasks = mainThreadTasks(await browser.stopTracing())
          const tasks = tasksBetween(await longTasks(page), firstAt, scroll.end)
          const result = {
            seedMs: Math.round(seedMs),
            firstCardsMs,
            directoryRequests: requests,
            status,
            truncationWarningShown: warned,
            reachedEnd: scroll.ok,
            scrollMs: Math.round(scroll.end - scroll.start),
            frames: scroll.frames.length,
            droppedFrames: droppedFrames(scroll.frames),
            longTasks: tasks.length,
            longestTaskMs: round1(longestTaskMs(tasks)),
            longestTaskCpuMs: round1(cpuTasks.reduce((m, t) => Math.max(m, t.cpuMs), 0)),
            maxDomRows: scroll.maxRows,
          }
          const note = scroll.ok ? undefined : `the end was not reached in ${SCROLL_TIMEOUT_MS} ms`
          return {
            data: result,
            targets: {
              discoverListLongestTaskMs: check(
                scroll.ok ? result.longestTaskMs : null,
                LONG_TASK_TARGET_MS,
                'max',
                'ms',
                note ??
                  'wall time of longtask entries from the first cards to the end of the scroll',
              ),
              discoverListLongestTaskCpuMs: check(
                scroll.ok ? result.longestTaskCpuMs : null,
                LONG_TASK_TARGET_MS,
                'max',
                'ms',
                note ??
                  'thread time of the longest main-thread task while scrolling (Chrome trace)',
              ),
              discoverListMaxDomRows: check(
                result.maxDomRows,
                DOM_ROWS_TARGET,
                'max',
                'rows',
                note,
              ),
            },
            lines: table([
              [
                'seeded',
                `${EXTRA_AGENTS} agents + ${EXTRA_MCPS} MCP servers in ${fmt(seedMs, 0)} ms`,
              ],
              ['first cards after navigation', `${firstCardsMs} ms`],
              ['directory requests', String(requests)],
              ['status line', status],
              ['"cannot reach further" shown', warned ? 'yes' : 'NO'],
              ['scroll to the end', `${result.scrollMs} ms${scroll.ok ? '' : ' (NOT REACHED)'}`],
              ['frames / dropped while scrolling', `${result.frames} / ${result.droppedFrames}`],
              ['long tasks / longest', `${result.longTasks} / ${fmt(result.longestTaskMs)} ms`],
              ['  longest by thread (CPU) time', `${fmt(result.longestTaskCpuMs)} ms`],
              ['most card rows in the DOM', String(result.maxDomRows)],
            ]),
          }
        } finally {
          await page.close()
        }
      },
    )
  },
}
