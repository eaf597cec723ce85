// Lighthouse on every page, mobile (its default: a mid-range phone, 4× CPU slowdown, slow 4G,
// simulated) and desktop: Performance, Accessibility and Best Practices scores, and the layout
// shift, largest paint and blocking time behind the Performance score. The production build
// behind the real proxy, in front of an in-memory sandbox with its seed data.
//
// Each page is audited `--rounds` times per form factor (default 3) and the median is reported:
// one run on a shared 2-core machine can lose ten points to a neighbour's burst.
//
//   npm run bench -- --only lighthouse
//   BENCH_LIGHTHOUSE_PAGES=/,/chat npm run bench -- --only lighthouse --rounds 1
import http from 'node:http'
import { launch } from 'chrome-launcher'
import lighthouse, { desktopConfig, type Flags, type Result } from 'lighthouse'
import { CONSOLE_PAGES } from '../../e2e/pages.ts'
import { CHROMIUM } from './chromium.ts'
import { closeServer, listen, skipWithoutChromium, withConsoleStack } from './console-stack.ts'
import { check, type BenchSection, type TargetCheck } from './section.ts'
import { median } from './stats.ts'

/** Every page of the console, one route each (the sidebar's order). */
export const PAGES = CONSOLE_PAGES

const FORMS = ['mobile', 'desktop'] as const
const REFERENCE = '(reference)'
type Form = (typeof FORMS)[number]

const PERFORMANCE_TARGET = 95
const CATEGORY_TARGET = 100

interface Audit {
  performance: number
  accessibility: number
  bestPractices: number
  cls: number
  lcpMs: number
  tbtMs: number
  fcpMs: number
  /** Audits of the three categories that did not pass, for the reader to act on. */
  failing: string[]
}

function read(lhr: Result): Audit {
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100)
  const value = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN
  const failing = Object.values(lhr.categories).flatMap((category) =>
    category.auditRefs
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a && a.score !== null && a.score < 0.9)
      .map((a) => `${a!.id} ${a!.displayValue ?? a!.score}`),
  )
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    cls: value('cumulative-layout-shift'),
    lcpMs: value('largest-contentful-paint'),
    tbtMs: value('total-blocking-time'),
    fcpMs: value('first-contentful-paint'),
    failing,
  }
}

const r3 = (n: number) => Math.round(n * 1000) / 1000

// The reference audited in the same run: a static page with a heading, a paragraph and a few
// hundred bytes of script. What it scores is this machine's ceiling at that moment (a busy
// machine costs every page points), so the console's pages are also given as a ratio to it.
const REFERENCE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Reference</title><link rel="icon" href="data:,">
<meta name="description" content="A static reference page for the bench.">
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#111;background:#fff}</style></head>
<body><main><h1>Reference page</h1><p id="p">A static page with a little script.</p></main>
<script src="/ref.js"></script></body></html>`
const REFERENCE_JS = `document.getElementById('p').textContent += ' Script ran.'`

async function startReference(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const js = req.url === '/ref.js'
    res.writeHead(js || req.url === '/' ? 200 : 404, {
      'content-type': js ? 'text/javascript' : 'text/html; charset=utf-8',
    })
    res.end(js ? REFERENCE_JS : REFERENCE_HTML)
  })
  const port = await listen(server)
  return { origin: `http://127.0.0.1:${port}`, close: () => closeServer(server) }
}

/**
 * One Lighthouse run. A run whose trace came out broken (`runtimeError`, e.g. NO_NAVSTART on a
 * busy machine) is tried again, up to three times in all, so one bad trace does not lose a page.
 */
async function audit(url: string, port: number, form: Form): Promise<Result> {
  const flags: Flags = {
    port,
    logLevel: 'error',
    output: 'json',
    onlyCategories: ['performance', 'accessibility', 'best-practices'],
  }
  let problem = ''
  for (let attempt = 1; attempt <= 3; attempt++) {
    const run = await lighthouse(url, flags, form === 'desktop' ? desktopConfig : undefined)
    if (!run) throw new Error(`Lighthouse returned nothing for ${url}`)
    if (!run.lhr.runtimeError) return run.lhr
    problem = `${run.lhr.runtimeError.code} ${run.lhr.runtimeError.message}`
    console.log(`  ${url} (${form}): ${problem}; trying again`)
  }
  throw new Error(`${url}: ${problem}`)
}

export const lighthouseSection: BenchSection = {
  key: 'lighthouse',
  title: 'Lighthouse (every page, mobile and desktop)',
  async run({ root, rounds }) {
    const skipped = skipWithoutChromium({ lighthouseWorstMobilePerformance: [95, 'score'] })
    if (skipped) return skipped
    const pages = process.env.BENCH_LIGHTHOUSE_PAGES?.split(',') ?? [...PAGES]
    return withConsoleStack(root, async ({ origin }) => {
      const chrome = await launch({
        chromePath: CHROMIUM,
        chromeFlags: [
          '--headless=new',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
        ],
      })
      const results: Record<string, Record<Form, Audit & { runs: number[] }>> = {}
      const reference = await startReference()
      try {
        for (const page of [REFERENCE, ...pages]) {
          results[page] = {} as Record<Form, Audit & { runs: number[] }>
          for (const form of FORMS) {
            const audits: Audit[] = []
            for (let i = 0; i < rounds; i++) {
              const url = page === REFERENCE ? `${reference.origin}/` : origin + page
              audits.push(read(await audit(url, chrome.port, form)))
            }
            // The run whose Performance score is the median stands for the page; all scores kept.
            const byScore = [...audits].sort((a, b) => a.performance - b.performance)
            const mid = byScore[Math.floor((byScore.length - 1) / 2)]!
            results[page][form] = { ...mid, runs: audits.map((a) => a.performance) }
            console.log(
              `  ${form.padEnd(7)} ${page.padEnd(13)} perf ${audits.map((a) => a.performance).join('/')}` +
                `  a11y ${mid.accessibility}  bp ${mid.bestPractices}  CLS ${r3(mid.cls)}` +
                `  LCP ${Math.round(mid.lcpMs)} ms  TBT ${Math.round(mid.tbtMs)} ms`,
            )
          }
        }
      } finally {
        await chrome.kill()
        await reference.close()
      }

      const lines = [
        `median of ${rounds} run(s) per page and form factor; mobile = Lighthouse's default (simulated mid-range phone, slow 4G)`,
        `reference = a static page served beside the console in the same run; ÷ref = Performance ÷ the reference's`,
        'page           form     perf  ÷ref  a11y  bp   CLS    LCP ms  TBT ms  FCP ms  runs',
      ]
      for (const page of [REFERENCE, ...pages])
        for (const form of FORMS) {
          const a = results[page]![form]
          const ref = results[REFERENCE]![form].performance
          lines.push(
            `${page.padEnd(14)} ${form.padEnd(8)} ${String(a.performance).padStart(4)}  ${(ref ? a.performance / ref : 0).toFixed(2).padStart(4)}  ${String(a.accessibility).padStart(4)}  ${String(a.bestPractices).padStart(3)}  ${r3(a.cls).toFixed(3).padStart(5)}  ${String(Math.round(a.lcpMs)).padStart(6)}  ${String(Math.round(a.tbtMs)).padStart(6)}  ${String(Math.round(a.fcpMs)).padStart(6)}  ${a.runs.join('/')}`,
          )
          if (a.failing.length) lines.push(`    below 0.9: ${a.failing.join(', ')}`)
        }

      const all = pages.flatMap((p) => FORMS.map((f) => ({ page: p, form: f, a: results[p]![f] })))
      const worst = (form: Form, pick: (a: Audit) => number, max = false) => {
        const rows = all.filter((r) => r.form === form)
        const sorted = [...rows].sort((x, y) =>
          max ? pick(y.a) - pick(x.a) : pick(x.a) - pick(y.a),
        )
        return sorted[0]!
      }
      const targets: Record<string, TargetCheck> = {}
      // The worst page per form factor and category; Performance aims at 95, the others at 100.
      const categories = [
        ['Performance', (a: Audit) => a.performance, PERFORMANCE_TARGET],
        ['Accessibility', (a: Audit) => a.accessibility, CATEGORY_TARGET],
        ['BestPractices', (a: Audit) => a.bestPractices, CATEGORY_TARGET],
      ] as const
      for (const form of FORMS) {
        for (const [name, pick, target] of categories) {
          const w = worst(form, pick)
          targets[`lighthouse.${form}.worst${name}`] = check(
            pick(w.a),
            target,
            'min',
            'score',
            w.page,
          )
        }
        const cls = worst(form, (a) => a.cls, true)
        targets[`lighthouse.${form}.worstCls`] = check(r3(cls.a.cls), 0, 'max', '', cls.page)
      }
      const medianMobile = median(
        all.filter((r) => r.form === 'mobile').map((r) => r.a.performance),
      )
      const refMobile = results[REFERENCE]!.mobile.performance
      lines.push(
        `median mobile Performance over ${pages.length} pages: ${medianMobile} (reference ${refMobile}, ratio ${(medianMobile / refMobile).toFixed(2)})`,
      )
      const { [REFERENCE]: referenceResult, ...pageResults } = results
      return {
        data: { rounds, reference: referenceResult, pages: pageResults },
        targets,
        lines,
      }
    })
  },
}
