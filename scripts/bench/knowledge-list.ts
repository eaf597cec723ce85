// Knowledge list: 1,000 documents seeded straight into an in-memory sandbox's database, /knowledge
// opened in Chromium (production build behind the real proxy) and scrolled to the last document
// while the page loads the list's pages (100 documents each). Beside it, in the same run, the same
// page with 10 documents as a reference. Reports, per case: time to the first rows, the longest
// main-thread task from the first rows to the last row (PerformanceObserver "longtask": it covers
// the other pages arriving, being parsed and sorted, and the scroll; the app's own start before
// the first rows is reported apart), frames dropped while scrolling, and the most list rows ever
// in the DOM (the virtualization bound).
//
// `npm run bench -- --only knowledge-list`. Build folder: dist/ (built when absent), or
// BENCH_DIST=<folder>.
import type { Browser } from '@playwright/test'
import { SEED } from '../../sandbox/core/seed.ts'
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
const DOM_ROWS_TARGET = 60
/** Pixels scrolled per animation frame: a fast, steady fling (≈ 24,000 px/s at 60 Hz). */
const STEP_PX = 400
const SCROLL_TIMEOUT_MS = 120_000
const VIEWPORT = { width: 1280, height: 800 }
const [, MANY_AGENT, FEW_AGENT] = SEED.agentIds
const CASES = [
  { label: 'reference', agentId: FEW_AGENT, documents: 10 },
  { label: 'measured', agentId: MANY_AGENT, documents: 1000 },
] as const

const WORDS = (
  'agent deploy container knowledge fragment pricing credit balance runtime image voice video ' +
  'prompt schema field error retry limit batch upload document query search answer policy ' +
  'refund invoice support release note guide setup install configure monitor alert log'
).split(' ')

const pad = (n: number) => String(n).padStart(4, '0')
/** Newest first: document 0001 is the newest, the last one the oldest. */
const nameOf = (i: number) => `bench-doc-${pad(i)}.md`

/** `count` documents of about 1.5 KB of varied words each, one minute apart, for `agentId`. */
async function seedDocuments(db: Sandbox['ctx']['db'], agentId: string, count: number) {
  const words = `ARRAY[${WORDS.map((w) => `'${w}'`).join(',')}]`
  await db.query(
    `INSERT INTO knowledge_documents (id, agent_id, organization_id, uploaded_by, text, metadata, created_at)
     SELECT gen_random_uuid(), $1, $2, $3, t.text,
            jsonb_build_object('type', 'document', 'originalFilename', 'bench-doc-' || lpad(i::text, 4, '0') || '.md',
                               'contentType', 'text/markdown', 'fileExt', 'md',
                               'fileSize', octet_length(t.text), 'source', 'rag-service-main-upload'),
            now() - i * interval '1 minute'
       FROM generate_series(1, $4::int) AS i,
            LATERAL (SELECT '# Document ' || i || E'\\n\\n' ||
                            string_agg((${words})[1 + (i * 7 + k * 13) % ${WORDS.length}], ' ') AS text
                       FROM generate_series(1, 220) AS k) AS t`,
    [agentId, SEED.organizationId, SEED.userId, count],
  )
}

/** Scrolls by `step` px per frame until `lastName` is rendered and every page is loaded. */
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
  status: string
  frames: number[]
  maxRows: number
}> {
  const probe = { frames: [] as number[], maxRows: 0 }
  return new Promise((resolve) => {
    const start = performance.now()
    let previous = start
    const tick = (now: number) => {
      probe.frames.push(now - previous)
      previous = now
      const list = document.querySelector('ul[aria-label="Documents"]')
      probe.maxRows = Math.max(probe.maxRows, list ? list.children.length : 0)
      const status =
        [...document.querySelectorAll('main [role="status"]')]
          .map((e) => e.textContent ?? '')
          .find((t) => t.includes('document')) ?? ''
      const names = list ? [...list.querySelectorAll('button')].map((b) => b.textContent) : []
      if (names.includes(lastName) && !status.includes('loaded')) {
        resolve({ ok: true, start, end: now, status, ...probe })
        return
      }
      if (now - start > timeoutMs) {
        resolve({ ok: false, start, end: now, status, ...probe })
        return
      }
      window.scrollBy(0, step)
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
}

interface CaseResult {
  documents: number
  firstRowsMs: number
  reachedLast: boolean
  timeToLastMs: number
  listRequests: number
  frames: number
  droppedFrames: number
  longTasks: number
  longestTaskMs: number
  longestTaskCpuMs: number
  longestBootTaskMs: number
  maxDomRows: number
  status: string
}

async function runCase(
  browser: Browser,
  origin: string,
  agentId: string,
  documents: number,
): Promise<CaseResult> {
  const page = await openProbedPage(browser, VIEWPORT)
  try {
    let requests = 0
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/knowledge') requests++
    })
    const opened = performance.now()
    await page.goto(`${origin}/knowledge?agent=${agentId}`)
    await page.getByRole('list', { name: 'Documents' }).getByRole('button').first().waitFor()
    const firstRowsMs = performance.now() - opened
    const firstRowsAt = await page.evaluate(() => performance.now())
    // RunTask events carry each task's thread (CPU) time beside its wall time: on a busy machine
    // a task that waited for a core looks long, its thread time is the page's own work.
    await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline'] })
    const scroll = await page.evaluate(scrollToEnd, {
      step: STEP_PX,
      lastName: nameOf(documents),
      timeoutMs: SCROLL_TIMEOUT_MS,
    })
    const cpuTasks = mainThreadTasks(await browser.stopTracing())
    const tasks = await longTasks(page)
    // After the first rows until the last one: the other pages arriving, parsed and sorted,
    // and the scroll. Before them is the app's own start, reported apart.
    const during = tasksBetween(tasks, firstRowsAt, scroll.end)
    const boot = tasks.filter((t) => t.start < firstRowsAt)
    return {
      documents,
      firstRowsMs: Math.round(firstRowsMs),
      reachedLast: scroll.ok,
      timeToLastMs: Math.max(0, Math.round(scroll.end - scroll.start)),
      listRequests: requests,
      frames: scroll.frames.length,
      droppedFrames: droppedFrames(scroll.frames),
      longTasks: during.length,
      longestTaskMs: round1(longestTaskMs(during)),
      longestTaskCpuMs: round1(cpuTasks.reduce((m, t) => Math.max(m, t.cpuMs), 0)),
      longestBootTaskMs: round1(longestTaskMs(boot)),
      maxDomRows: scroll.maxRows,
      status: scroll.status,
    }
  } finally {
    await page.close()
  }
}

export const knowledgeListSection: BenchSection = {
  key: 'knowledge-list',
  title: 'Knowledge list: 1,000 documents against 10 (Chromium)',
  async run({ root }) {
    const skipped = skipWithoutChromium({
      knowledgeListLongestTaskMs: [LONG_TASK_TARGET_MS, 'ms'],
      knowledgeListLongestTaskCpuMs: [LONG_TASK_TARGET_MS, 'ms'],
      knowledgeListMaxDomRows: [DOM_ROWS_TARGET, 'rows'],
    })
    if (skipped) return skipped
    const seed = async (sandbox: Sandbox) => {
      for (const c of CASES) await seedDocuments(sandbox.ctx.db, c.agentId as string, c.documents)
    }
    return withConsoleInChromium(root, seed, async ({ origin, browser, seedMs }) => {
      console.log(
        `  seeded ${CASES.map((c) => c.documents).join(' + ')} documents in ${fmt(seedMs, 0)} ms`,
      )
      const results: Record<string, CaseResult> = {}
      for (const c of CASES) {
        results[c.label] = await runCase(browser, origin, c.agentId as string, c.documents)
      }
      const ref = results.reference as CaseResult
      const big = results.measured as CaseResult
      const note = big.reachedLast
        ? undefined
        : `the last document did not appear in ${SCROLL_TIMEOUT_MS} ms`
      const row = (label: string, pick: (r: CaseResult) => string) => [label, pick(ref), pick(big)]
      const rows = [
        ['', `${ref.documents} documents`, `${big.documents} documents`],
        row('first rows after navigation', (r) => `${r.firstRowsMs} ms`),
        row('list requests (pages)', (r) => String(r.listRequests)),
        row(
          'time to the last document',
          (r) => `${r.timeToLastMs} ms${r.reachedLast ? '' : ' (NOT REACHED)'}`,
        ),
        row('frames / dropped while scrolling', (r) => `${r.frames} / ${r.droppedFrames}`),
        row(
          'longest task before the first rows (app start)',
          (r) => `${fmt(r.longestBootTaskMs)} ms`,
        ),
        row('long tasks, first rows to last row', (r) => String(r.longTasks)),
        row('longest task, first rows to last row', (r) => `${fmt(r.longestTaskMs)} ms`),
        row('  the same by thread (CPU) time', (r) => `${fmt(r.longestTaskCpuMs)} ms`),
        row('most rows in the DOM', (r) => String(r.maxDomRows)),
        row('status line at the end', (r) => r.status),
      ]
      return {
        data: { seedMs: Math.round(seedMs), stepPxPerFrame: STEP_PX, ...results },
        targets: {
          knowledgeListLongestTaskMs: check(
            big.reachedLast ? big.longestTaskMs : null,
            LONG_TASK_TARGET_MS,
            'max',
            'ms',
            note ??
              `wall time of longtask entries; reference with ${ref.documents} documents: ${fmt(ref.longestTaskMs)} ms`,
          ),
          knowledgeListLongestTaskCpuMs: check(
            big.reachedLast ? big.longestTaskCpuMs : null,
            LONG_TASK_TARGET_MS,
            'max',
            'ms',
            note ??
              'thread time of the longest main-thread task (Chrome trace): the work, without waits for a core',
          ),
          knowledgeListMaxDomRows: check(big.maxDomRows, DOM_ROWS_TARGET, 'max', 'rows', note),
        },
        lines: table(rows),
      }
    })
  },
}
