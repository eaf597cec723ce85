// Bundle size: `vite build`, then the gzip size (zlib level 9) of the JS the browser really loads
// for `/` (Chromium through our proxy serving dist/), and of all JS and CSS in dist/assets.
import fs from 'node:fs'
import { CHROMIUM, launchChromium } from './chromium.ts'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import zlib from 'node:zlib'
import { startSandbox } from '../../sandbox/server.ts'
import { INSTANT_TIMING } from '../../sandbox/core/timing.ts'
import { createConsoleServer } from '../../server/app.ts'
import {
  FRAMEWORK_GROUPS,
  firstPageBreakdown,
  zodFloorGzipBytes,
  type Breakdown,
} from './bundle-breakdown.ts'
import { runCommand } from './children.ts'
import { check, type BenchSection } from './section.ts'
import { fmt, table } from './stats.ts'

const KB = 1024
const FIRST_PAGE_TARGET_KB = 120

interface FileSize {
  file: string
  bytes: number
  gzipBytes: number
}

function sizeOf(dist: string, file: string): FileSize {
  const bytes = fs.readFileSync(path.join(dist, file))
  return { file, bytes: bytes.length, gzipBytes: zlib.gzipSync(bytes, { level: 9 }).length }
}

function total(files: readonly FileSize[]) {
  const bytes = files.reduce((n, f) => n + f.bytes, 0)
  const gzipBytes = files.reduce((n, f) => n + f.gzipBytes, 0)
  return { files: files.length, bytes, gzipBytes, gzipKb: Math.round((gzipBytes / KB) * 10) / 10 }
}

function listFiles(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? listFiles(full, base) : [path.relative(base, full)]
  })
}

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  return (server.address() as AddressInfo).port
}

/** Paths (relative to dist) of every `.js` response Chromium receives while opening `/`. */
async function firstPageScripts(dist: string): Promise<{ scripts: string[]; foreign: string[] }> {
  // The real overview, as a user first sees it: an in-memory sandbox answers the page's API
  // calls (a stub answering `{}` would fail every card and load the error-state chunks too).
  const sandbox = await startSandbox({ port: 0, timing: INSTANT_TIMING })
  const app = createConsoleServer({
    upstream: { origin: sandbox.url, apiKey: sandbox.apiKey, embedded: false },
    bodyLimit: 1024 * 1024,
    staticDir: dist,
    log: () => {},
  })
  const browser = await launchChromium()
  try {
    const port = await listen(app.server)
    const origin = `http://127.0.0.1:${port}`
    const page = await browser.newPage()
    const urls = new Set<string>()
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.endsWith('.js')) urls.add(response.url())
    })
    await page.goto(`${origin}/`, { waitUntil: 'networkidle' })
    const scripts: string[] = []
    const foreign: string[] = []
    for (const url of urls) {
      const u = new URL(url)
      const file = decodeURIComponent(u.pathname).replace(/^\/+/, '')
      const inDist = u.origin === origin && fs.existsSync(path.join(dist, file))
      if (inDist && !path.relative(dist, path.join(dist, file)).startsWith('..')) scripts.push(file)
      else foreign.push(url)
    }
    return { scripts: scripts.sort(), foreign }
  } finally {
    await browser.close()
    await app.close()
    await sandbox.close()
  }
}

export const bundleSection: BenchSection = {
  key: 'bundle',
  title: 'Bundle',
  async run({ root }) {
    const dist = path.join(root, 'dist')
    const started = performance.now()
    const build = await runCommand(path.join(root, 'node_modules', '.bin', 'vite'), ['build'], {
      cwd: root,
      timeoutMs: 180_000,
    })
    if (build.code !== 0) {
      const tail = (build.stdout + build.stderr).trim().split('\n').slice(-20).join('\n')
      throw new Error(`vite build failed (${build.code}):\n${tail}`)
    }
    const buildSeconds = Math.round((performance.now() - started) / 100) / 10
    console.log(`  vite build: ${buildSeconds}s`)

    const assets = listFiles(path.join(dist, 'assets')).map((f) => path.join('assets', f))
    const allJs = total(assets.filter((f) => f.endsWith('.js')).map((f) => sizeOf(dist, f)))
    const css = total(assets.filter((f) => f.endsWith('.css')).map((f) => sizeOf(dist, f)))

    let firstPage:
      (ReturnType<typeof total> & { scripts: FileSize[]; notInDist: string[] }) | null = null
    let firstPageNote: string | undefined
    let breakdown: Breakdown | null = null
    if (fs.existsSync(CHROMIUM)) {
      const { scripts, foreign } = await firstPageScripts(dist)
      console.log(`  first page (/) loaded ${scripts.length} script(s) in Chromium`)
      const sizes = scripts.map((f) => sizeOf(dist, f))
      firstPage = { ...total(sizes), scripts: sizes, notInDist: foreign }
      breakdown = await firstPageBreakdown(root, dist, scripts)
    } else {
      firstPageNote = `${CHROMIUM} is missing (no Chromium found: set CHROMIUM_PATH, or run npm test once, which installs one)`
      console.log(`  first page: SKIPPED (${firstPageNote})`)
    }

    const zodFloor = await zodFloorGzipBytes(root)
    const kb = (bytes: number) => fmt(bytes / KB, 1)
    const framework = breakdown
      ? breakdown.groups
          .filter((g) => FRAMEWORK_GROUPS.has(g.group))
          .reduce((n, g) => n + g.gzipBytes, 0)
      : null
    const breakdownLines = breakdown
      ? [
          "first-page JS by origin (each file's gzip shared by its groups' gzip-alone sizes):",
          ...table([
            ['', 'bytes', 'gzip KB'],
            ...breakdown.groups.map((g) => [g.group, String(g.bytes), kb(g.gzipBytes)]),
          ]).map((line) => `  ${line}`),
          `  other libraries: ${breakdown.otherLibraries.map((o) => `${o.name} ${kb(o.gzipBytes)}`).join(', ') || 'none'}`,
          ...(breakdown.unmapped.length
            ? [
                `  not attributed (no same-named file in the mapped build): ${breakdown.unmapped.join(', ')}`,
              ]
            : []),
          `floor: React + router + query ${kb(framework as number)} KB, and zod/mini alone needs` +
            ` ${kb(zodFloor)} KB (scripts/bench/zod-floor); that leaves` +
            ` ${kb(FIRST_PAGE_TARGET_KB * KB - (framework as number) - zodFloor)} KB of the` +
            ` ${FIRST_PAGE_TARGET_KB} KB target for everything else on the first page`,
        ]
      : []
    const rows = [
      ['', 'files', 'bytes', 'gzip bytes', 'gzip KB'],
      ...(firstPage
        ? [
            [
              'first-page JS (/)',
              String(firstPage.files),
              String(firstPage.bytes),
              String(firstPage.gzipBytes),
              kb(firstPage.gzipBytes),
            ],
          ]
        : [['first-page JS (/)', 'skipped']]),
      [
        'all JS (assets)',
        String(allJs.files),
        String(allJs.bytes),
        String(allJs.gzipBytes),
        kb(allJs.gzipBytes),
      ],
      [
        'CSS (assets)',
        String(css.files),
        String(css.bytes),
        String(css.gzipBytes),
        kb(css.gzipBytes),
      ],
    ]
    const lines = [
      `vite build ${buildSeconds}s; gzip = zlib level 9 of the files in dist/; 1 KB = ${KB} bytes`,
      ...table(rows),
      ...(firstPage
        ? [`first page loads: ${firstPage.scripts.map((s) => s.file).join(', ')}`]
        : []),
      ...breakdownLines,
    ]
    return {
      data: {
        buildSeconds,
        kbUnitBytes: KB,
        firstPageJs: firstPage ?? { skipped: firstPageNote },
        firstPageByOrigin: breakdown,
        frameworkGzipBytes: framework,
        zodFloorGzipBytes: zodFloor,
        allJs,
        css,
      },
      targets: {
        firstPageJsKb: check(
          firstPage ? firstPage.gzipKb : null,
          FIRST_PAGE_TARGET_KB,
          'max',
          'KB',
          firstPageNote,
        ),
      },
      lines,
    }
  },
}
