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
import fs from 'node:fs'
import path from 'node:path'
import type { Browser } from '@playwright/test'
import { SEED } from '../../sandbox/seed.ts'
import { openSandbox } from '../../sandbox/server.ts'
import { INSTANT_TIMING } from '../../sandbox/timing.ts'
import { mainThreadTasks } from './chat-render.ts'
import { CHROMIUM, launchChromium } from './chromium.ts'
import { ensureBuild, startConsoleStack } from './console-stack.ts'
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

type Db = Awaited<ReturnType<typeof openSandbox>>['ctx']['db']

/** `count` documents of about 1.5 KB of varied words each, one minute apart, for `agentId`. */
async function seedDocuments(db: Db, agentId: string, count: number) {
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

interface PageProbe {
  longTasks: { start: number; duration: number }[]
  frames: number[]
  maxRows: number
}

declare global {
  interface Window {
    __knowledgeProbe: PageProbe
  }
}

function installProbe() {
  const probe: PageProbe = { longTasks: [], frames: [], maxRows: 0 }
  window.__knowledgeProbe = probe
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      probe.longTasks.push({ start: e.startTime, duration: e.duration })
    }
  }).observe({ type: 'longtask', buffered: true })
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
}): Promise<{ ok: boolean; start: number; end: number; status: string }> {
  const probe = window.__knowledgeProbe
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
        resolve({ ok: true, start, end: now, status })
        return
      }
      if (now - start > timeoutMs) {
        resolve({ ok: false, start, end: now, status })
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
  const page = await browser.newPage({ viewport: VIEWPORT })
  try {
    // tsx compiles with esbuild's keepNames: the functions sent to the page call `__name`.
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn' })
    await page.addInitScript(installProbe)
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
    const probe = await page.evaluate(() => window.__knowledgeProbe)
    // After the first rows until the last one: the other pages arriving, parsed and sorted,
    // and the scroll. Before them is the app's own start, reported apart.
    const during = probe.longTasks.filter((t) => t.start >= firstRowsAt && t.start <= scroll.end)
    const boot = probe.longTasks.filter((t) => t.start < firstRowsAt)
    const longest = (tasks: { duration: number }[]) =>
      Math.round(tasks.reduce((m, t) => Math.max(m, t.duration), 0) * 10) / 10
    const frameMs = 1000 / 60
    return {
      documents,
      firstRowsMs: Math.round(firstRowsMs),
      reachedLast: scroll.ok,
      timeToLastMs: Math.max(0, Math.round(scroll.end - scroll.start)),
      listRequests: requests,
      frames: probe.frames.length,
      droppedFrames: probe.frames.reduce((n, f) => n + Math.max(0, Math.round(f / frameMs) - 1), 0),
      longTasks: during.length,
      longestTaskMs: longest(during),
      longestTaskCpuMs: Math.round(cpuTasks.reduce((m, t) => Math.max(m, t.cpuMs), 0) * 10) / 10,
      longestBootTaskMs: longest(boot),
      maxDomRows: probe.maxRows,
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
    if (!fs.existsSync(CHROMIUM)) {
      const note = `${CHROMIUM} is missing (Debian: apt-get install -y chromium)`
      return {
        data: { skipped: note },
        targets: {
          knowledgeListLongestTaskMs: check(null, LONG_TASK_TARGET_MS, 'max', 'ms', note),
          knowledgeListLongestTaskCpuMs: check(null, LONG_TASK_TARGET_MS, 'max', 'ms', note),
          knowledgeListMaxDomRows: check(null, DOM_ROWS_TARGET, 'max', 'rows', note),
        },
        lines: [`SKIPPED: ${note}`],
      }
    }
    const dist = path.resolve(root, process.env.BENCH_DIST ?? 'dist')
    await ensureBuild(root, dist)

    const sandbox = await openSandbox({ timing: INSTANT_TIMING })
    const seedStarted = performance.now()
    for (const c of CASES) await seedDocuments(sandbox.ctx.db, c.agentId as string, c.documents)
    const seedMs = performance.now() - seedStarted
    console.log(
      `  seeded ${CASES.map((c) => c.documents).join(' + ')} documents in ${fmt(seedMs, 0)} ms`,
    )
    const stack = await startConsoleStack(sandbox, dist)
    const browser = await launchChromium()
    try {
      const results: Record<string, CaseResult> = {}
      for (const c of CASES) {
        results[c.label] = await runCase(browser, stack.origin, c.agentId as string, c.documents)
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
    } finally {
      await browser.close()
      await stack.close()
      await sandbox.close()
    }
  },
}
