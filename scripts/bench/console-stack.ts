// What the browser sections of the bench share (agents-scroll.ts, knowledge-list.ts,
// container-logs.ts): the production build behind the real proxy in front of an in-memory
// sandbox, Debian's Chromium on it (or a skipped section without it), pages that record their
// long tasks from the first script on, and the figures read from them.
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { createAdaptorServer } from '@hono/node-server'
import type { Browser, Page } from '@playwright/test'
import { openSandbox } from '../../sandbox/server.ts'
import { INSTANT_TIMING } from '../../sandbox/core/timing.ts'
import { createConsoleServer } from '../../server/app.ts'
import { runCommand } from './children.ts'
import { CHROMIUM, launchChromium } from './chromium.ts'
import { check, type SectionResult } from './section.ts'

export async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  return (server.address() as AddressInfo).port
}

export const closeServer = (server: http.Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })

/** The newest modification time of the files a build is made from (src/, public/, configs). */
function newestSourceMs(root: string): number {
  const walk = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
      const full = path.join(dir, entry.name)
      return Math.max(newest, entry.isDirectory() ? walk(full) : fs.statSync(full).mtimeMs)
    }, 0)
  const files = ['index.html', 'vite.config.ts', 'package.json'].map((f) => path.join(root, f))
  return Math.max(
    walk(path.join(root, 'src')),
    walk(path.join(root, 'public')),
    ...files.map((f) => fs.statSync(f).mtimeMs),
  )
}

/** Builds into `dist` unless it already holds a build newer than every source file. */
export async function ensureBuild(root: string, dist: string): Promise<void> {
  const index = path.join(dist, 'index.html')
  const outDir = path.relative(root, dist)
  if (fs.existsSync(index)) {
    if (fs.statSync(index).mtimeMs >= newestSourceMs(root)) return
    console.log(`  ${outDir}/ is older than the sources: vite build --outDir ${outDir}`)
  } else console.log(`  ${outDir}/ has no build: vite build --outDir ${outDir}`)
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

export type Sandbox = Awaited<ReturnType<typeof openSandbox>>

/** Serves `dist` through the proxy, forwarding /api/ to `sandbox` over real HTTP. */
export async function startConsoleStack(sandbox: Sandbox, dist: string) {
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
  const origin = `http://127.0.0.1:${await listen(proxy.server)}`
  return {
    origin,
    async close() {
      await proxy.close()
      await closeServer(upstream)
    },
  }
}

/**
 * A section's answer when Debian's Chromium is absent (null when it is there): each of its
 * targets (all of them maxima: `name: [target, unit]`) not measured, with the reason.
 */
export function skipWithoutChromium(
  targets: Record<string, readonly [target: number, unit: string]>,
): SectionResult | null {
  if (fs.existsSync(CHROMIUM)) return null
  const note = `${CHROMIUM} is missing (no Chromium found: set CHROMIUM_PATH, or run npm test once, which installs one)`
  return {
    data: { skipped: note },
    targets: Object.fromEntries(
      Object.entries(targets).map(([name, [target, unit]]) => [
        name,
        check(null, target, 'max', unit, note),
      ]),
    ),
    lines: [`SKIPPED: ${note}`],
  }
}

/**
 * Runs `measure` against the console: the build in dist/ (built when absent) or
 * BENCH_DIST=<folder>, an in-memory sandbox at instant pace filled by `seed` before the servers
 * start (its time is `seedMs`), the proxy in front of it. Everything is closed afterwards.
 */
export async function withConsoleStack<T>(
  root: string,
  measure: (stack: { sandbox: Sandbox; origin: string; seedMs: number }) => Promise<T>,
  seed: ((sandbox: Sandbox) => Promise<void>) | null = null,
): Promise<T> {
  const dist = path.resolve(root, process.env.BENCH_DIST ?? 'dist')
  await ensureBuild(root, dist)
  const sandbox = await openSandbox({ timing: INSTANT_TIMING })
  let stack: Awaited<ReturnType<typeof startConsoleStack>> | undefined
  try {
    const seedStarted = performance.now()
    await seed?.(sandbox)
    const seedMs = performance.now() - seedStarted
    stack = await startConsoleStack(sandbox, dist)
    return await measure({ sandbox, origin: stack.origin, seedMs })
  } finally {
    await stack?.close()
    await sandbox.close()
  }
}

/** {@link withConsoleStack} with Debian's Chromium launched on it (`browser`). */
export function withConsoleInChromium<T>(
  root: string,
  seed: ((sandbox: Sandbox) => Promise<void>) | null,
  measure: (stack: {
    sandbox: Sandbox
    origin: string
    browser: Browser
    seedMs: number
  }) => Promise<T>,
): Promise<T> {
  return withConsoleStack(
    root,
    async (stack) => {
      const browser = await launchChromium()
      try {
        return await measure({ ...stack, browser })
      } finally {
        await browser.close()
      }
    },
    seed,
  )
}

export interface LongTask {
  start: number
  duration: number
}

declare global {
  interface Window {
    __longTasks: LongTask[]
  }
}

function observeLongTasks() {
  const tasks: LongTask[] = []
  window.__longTasks = tasks
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true })
}

/** A new page whose long tasks are recorded from before the app's first script (`longTasks`). */
export async function openProbedPage(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<Page> {
  const page = await browser.newPage({ viewport })
  // tsx compiles with esbuild's keepNames: the functions sent to the page call `__name`.
  await page.addInitScript({ content: 'globalThis.__name = (fn) => fn' })
  await page.addInitScript(observeLongTasks)
  return page
}

/** The page's long tasks so far, by its own clock (`performance.now()`). */
export const longTasks = (page: Page): Promise<LongTask[]> =>
  page.evaluate(() => window.__longTasks)

/** The tasks that started between `from` and `to` (page clock, inclusive). */
export const tasksBetween = (tasks: readonly LongTask[], from: number, to: number) =>
  tasks.filter((t) => t.start >= from && t.start <= to)

export const longestTaskMs = (tasks: readonly { duration: number }[]) =>
  tasks.reduce((m, t) => Math.max(m, t.duration), 0)

export const totalTaskMs = (tasks: readonly { duration: number }[]) =>
  tasks.reduce((n, t) => n + t.duration, 0)

/** Frames not drawn, from frame intervals: an interval of k vsyncs (60 Hz) means k-1 dropped. */
export function droppedFrames(intervals: readonly number[]): number {
  const frameMs = 1000 / 60
  return intervals.reduce((n, f) => n + Math.max(0, Math.round(f / frameMs) - 1), 0)
}

export const round1 = (n: number) => Math.round(n * 10) / 10
