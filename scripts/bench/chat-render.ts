// Chat render: what a streamed reply costs the browser's main thread with a short and a long
// conversation on screen (issue #5: "with 10 and with 500 messages loaded, stream a 2,000-token
// reply"). The production build runs behind the real proxy in front of an in-memory sandbox, in
// Debian's Chromium.
//
// How the 2,000-token reply is made: the sandbox's responder writes short replies (a few
// sentences), but after a tool result it quotes the result's fields verbatim (responder.ts
// `toolSummary`). So each conversation is seeded (into IndexedDB, as the app stores it) ending in
// a reply that asks for a tool; the bench enters a long markdown document (prose, lists, code) as
// the result and sends it, and max_tokens 2000 cuts the streamed answer at exactly 2,000 tokens.
// The pace is the sandbox's token delay (TOKEN_DELAY_MS per 1–2-token chunk, ≈ 90 tokens/s,
// a fast hosted model).
//
// `npm run bench -- --only chat-render` (BENCH_CHAT_RENDER_DIST=dist-x: skip the build, use dist-x;
// BENCH_CHAT_RENDER_TRACE=dir: write a Chrome trace of each stream there).
//
// Figures, per conversation size (median of the rounds):
// - per-token cost: the renderer main thread's busy time (CDP Performance.getMetrics
//   `TaskDuration`: script, style, layout, paint, parsing of the stream) from Send until the
//   reply is finished, divided by the reply's output tokens;
// - long tasks (PerformanceObserver 'longtask', installed before the page's own scripts): their
//   total and the longest while streaming; the longest while loading the conversation is shown too.
//   These are wall time: on a shared machine a task that waited for a core looks long. So the
//   longest task by thread (CPU) time, from a Chrome trace of the stream, is reported next to it.
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, CDPSession, Page } from '@playwright/test'
import { startSandbox } from '../../sandbox/server.ts'
import { INSTANT_TIMING } from '../../sandbox/core/timing.ts'
import { createConsoleServer } from '../../server/app.ts'
import { runCommand } from './children.ts'
import { launchChromium } from './chromium.ts'
import { check, type BenchSection } from './section.ts'
import { fmt, round, table } from './stats.ts'

const SIZES = [10, 500] as const
const REPLY_TOKENS = 2000
const TOKEN_DELAY_MS = 15
const MODEL = 'openai/gpt-4o-mini'
const TOOL = 'fetch_report'
const LONG_TASK_MS = 50
const RATIO_TARGET = 1.5
const DIST = 'dist-bench-chat-render'

// ---------------------------------------------------------------------------------------------
// Material: deterministic, varied text (not one word repeated, which tokenizes unrealistically).

const WORDS = (
  'the a request stream token render model agent reply cache layout browser message thread ' +
  'queue window frame update value index table row column function parser buffer network ' +
  'latency budget credit balance invoice runtime deploy container image voice video prompt ' +
  'system schema field error retry limit batch worker signal event handler state store ' +
  'measure compare improve reduce increase keep split merge read write send receive'
).split(' ')

function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function sentence(rand: () => number): string {
  const n = 8 + Math.floor(rand() * 12)
  const words = Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)] ?? 'x')
  if (rand() < 0.3) words[Math.floor(rand() * n)] = `**${words[0]}**`
  if (rand() < 0.3) words[Math.floor(rand() * n)] = '`value`'
  const text = words.join(' ')
  return text.charAt(0).toUpperCase() + text.slice(1) + '.'
}

const paragraph = (rand: () => number, sentences: number) =>
  Array.from({ length: sentences }, () => sentence(rand)).join(' ')

const CODE_TS =
  '```ts\nexport async function fetchJson(url: string): Promise<unknown> {\n  const response = await fetch(url)\n  if (!response.ok) throw new Error(`HTTP ${response.status}`)\n  return response.json()\n}\n```'
const CODE_PY =
  '```python\ndef fibonacci(n: int) -> list[int]:\n    seq = [0, 1]\n    while len(seq) < n:\n        seq.append(seq[-1] + seq[-2])\n    return seq[:n]\n```'

/** A long markdown document (≈ 3,000 tokens): headings, prose, lists and code blocks. */
function longDocument(): string {
  const rand = prng(7)
  const parts: string[] = []
  for (let s = 1; s <= 8; s++) {
    parts.push(`### Part ${s}`, paragraph(rand, 5))
    parts.push(Array.from({ length: 4 }, (_, i) => `${i + 1}. ${paragraph(rand, 1)}`).join('\n'))
    parts.push(paragraph(rand, 4))
    parts.push(s % 2 ? CODE_TS : CODE_PY)
  }
  return parts.join('\n\n')
}

/** A conversation as src/features/chat/storage/conversations.ts stores it, ending in a tool call. */
function conversation(id: string, size: number) {
  const rand = prng(size)
  const now = Date.now()
  const stats = {
    source: MODEL,
    ttftMs: 240,
    durationMs: 3200,
    tokensPerSec: 60,
    inputTokens: 400,
    outputTokens: 150,
    costUsd: 0.0002,
    finishReason: 'stop',
  }
  const messages: Record<string, unknown>[] = []
  for (let i = 0; i < size - 1; i++) {
    const isUser = i % 2 === 0
    const content = isUser
      ? paragraph(rand, 1 + Math.floor(rand() * 2))
      : [
          paragraph(rand, 2),
          i % 6 === 1 ? CODE_TS : `- ${sentence(rand)}\n- ${sentence(rand)}`,
          paragraph(rand, 1),
        ].join('\n\n')
    messages.push({
      id: `m-${size}-${i}`,
      role: isUser ? 'user' : 'assistant',
      content,
      createdAt: now - (size - i) * 60_000,
      status: 'done',
      ...(isUser ? {} : { stats }),
    })
  }
  messages.push({
    id: `m-${size}-call`,
    role: 'assistant',
    content: '',
    createdAt: now,
    status: 'done',
    toolCalls: [{ id: 'call_bench_report', name: TOOL, arguments: '{"topic":"rendering"}' }],
    stats: { ...stats, finishReason: 'tool_calls' },
  })
  return {
    id,
    title: `Bench: ${size} messages`,
    target: { kind: 'model', modelId: MODEL },
    params: {
      system: '',
      temperature: null,
      topP: null,
      maxTokens: REPLY_TOKENS,
      stop: [],
      seed: null,
      tools: '',
      responseSchema: '',
    },
    messages,
    forks: [],
    room: null,
    createdAt: now - size * 60_000,
    updatedAt: now,
  }
}

// ---------------------------------------------------------------------------------------------
// One run in the browser

interface Run {
  size: number
  outputTokens: number
  streamMs: number
  busyMs: number
  scriptMs: number
  layoutStyleMs: number
  perTokenMs: number
  longTaskTotalMs: number
  longTaskCount: number
  longestTaskMs: number
  loadLongestTaskMs: number
  /** The renderer main thread's longest task while streaming by CPU time (Chrome trace), and its wall time. */
  longestTaskCpuMs: number
  longestTaskCpuWallMs: number
  /** Each long task while streaming: ms after Send, and its duration. */
  streamingTasks: { atMs: number; durationMs: number }[]
}

type LongTask = { start: number; duration: number }

// Runs before the app's scripts, so nothing the page does escapes the observer.
const OBSERVE_LONG_TASKS = `
  window.__longTasks = []
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true })
`

async function seed(page: Page, value: ReturnType<typeof conversation>): Promise<void> {
  await page.evaluate(
    (c) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('eliza-console-chat', 1)
        open.onupgradeneeded = () => {
          if (!open.result.objectStoreNames.contains('conversations'))
            open.result.createObjectStore('conversations')
        }
        open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'))
        open.onsuccess = () => {
          const tx = open.result.transaction('conversations', 'readwrite')
          tx.objectStore('conversations').put(c, c.id)
          tx.oncomplete = () => {
            open.result.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error ?? new Error('indexedDB put failed'))
        }
      }),
    value,
  )
}

/**
 * Top-level tasks of the page's renderer main thread in a Chrome trace, with wall and thread
 * time. Long-task entries are wall time: on a busy machine a task that waited for a core looks
 * long; thread time is the work the page itself did.
 */
export function mainThreadTasks(trace: Buffer): { wallMs: number; cpuMs: number }[] {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[]
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents
  const mainThreads = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  )
  const byThread = new Map<string, { wallMs: number; cpuMs: number }[]>()
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`
    if (e.name !== 'RunTask' || e.ph !== 'X' || !mainThreads.has(thread)) continue
    const list = byThread.get(thread) ?? []
    list.push({ wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 })
    byThread.set(thread, list)
  }
  // The page's renderer is the busiest one.
  return [...byThread.values()].sort((a, b) => b.length - a.length)[0] ?? []
}

type TraceEvent = {
  name: string
  ph: string
  pid: number
  tid: number
  dur?: number
  tdur?: number
  args?: { name?: string }
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[]
  }
  return Object.fromEntries(list.map((m) => [m.name, m.value]))
}

const longTasks = (page: Page) =>
  page.evaluate(() => (window as unknown as { __longTasks: LongTask[] }).__longTasks.slice())

async function runOnce(
  browser: Browser,
  origin: string,
  size: number,
  doc: string,
  traceDir: string | undefined,
): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  try {
    const page = await context.newPage()
    await page.addInitScript(OBSERVE_LONG_TASKS)
    const id = crypto.randomUUID()
    // IndexedDB belongs to the origin: open it once, seed, then load the conversation's page.
    await page.goto(`${origin}/`, { waitUntil: 'networkidle' })
    await seed(page, conversation(id, size))
    await page.goto(`${origin}/chat/${id}`, { waitUntil: 'networkidle' })
    const result = page.getByRole('textbox', { name: `Result of ${TOOL}` })
    await result.waitFor({ timeout: 60_000 })
    await result.fill(JSON.stringify({ report: doc }))
    const loadTasks = await longTasks(page)

    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
    const stop = page.getByRole('button', { name: 'Stop' })
    // RunTask events carry each task's thread (CPU) time next to its wall time.
    // A trace written for DevTools also needs the timeline's events and JS samples.
    const categories = traceDir
      ? ['disabled-by-default-devtools.timeline', 'devtools.timeline', 'v8', 'blink']
      : ['disabled-by-default-devtools.timeline']
    await browser.startTracing(page, { categories })
    const before = await metrics(cdp)
    const startedAt = await page.evaluate(() => performance.now())
    await page.getByRole('button', { name: 'Send results' }).click()
    await stop.waitFor({ state: 'visible', timeout: 30_000 })
    await stop.waitFor({ state: 'detached', timeout: 300_000 })
    const after = await metrics(cdp)
    const endedAt = await page.evaluate(() => performance.now())
    const trace = await browser.stopTracing()
    if (traceDir) fs.writeFileSync(path.join(traceDir, `chat-render-${size}.json`), trace)
    const cpuTasks = mainThreadTasks(trace)

    const reply = page.getByRole('log', { name: 'Conversation' }).getByRole('article').last()
    const statsText = await reply.getByLabel('Reply statistics').innerText()
    const out = /Tokens out:\s*([\d,]+)/.exec(statsText)?.[1]
    if (!out) throw new Error(`no output token count in the reply's statistics: ${statsText}`)
    const outputTokens = Number(out.replace(/,/g, ''))
    if (!/Finish:\s*length/.test(statsText))
      throw new Error(`the reply did not run to max_tokens: ${statsText}`)

    const streaming = (await longTasks(page)).filter(
      (t) => t.start + t.duration >= startedAt && t.start <= endedAt,
    )
    const delta = (name: string) => ((after[name] ?? 0) - (before[name] ?? 0)) * 1000
    const busyMs = delta('TaskDuration')
    return {
      size,
      outputTokens,
      streamMs: endedAt - startedAt,
      busyMs,
      scriptMs: delta('ScriptDuration'),
      layoutStyleMs: delta('LayoutDuration') + delta('RecalcStyleDuration'),
      perTokenMs: busyMs / outputTokens,
      longTaskTotalMs: streaming.reduce((n, t) => n + t.duration, 0),
      longTaskCount: streaming.length,
      longestTaskMs: Math.max(0, ...streaming.map((t) => t.duration)),
      loadLongestTaskMs: Math.max(0, ...loadTasks.map((t) => t.duration)),
      longestTaskCpuMs: Math.max(0, ...cpuTasks.map((t) => t.cpuMs)),
      longestTaskCpuWallMs: cpuTasks.reduce((a, t) => (t.cpuMs > a.cpuMs ? t : a), {
        cpuMs: 0,
        wallMs: 0,
      }).wallMs,
      streamingTasks: streaming.map((t) => ({
        atMs: Math.round(t.start - startedAt),
        durationMs: Math.round(t.duration),
      })),
    }
  } finally {
    await context.close()
  }
}

/** The middle value, or the mean of the two middle ones. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  if (sorted.length === 0) return Number.NaN
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

function summary(runs: Run[]) {
  const m = (f: (r: Run) => number) => round(median(runs.map(f)), 3)
  return {
    rounds: runs.length,
    outputTokens: m((r) => r.outputTokens),
    streamSeconds: round(median(runs.map((r) => r.streamMs)) / 1000, 1),
    busyMs: m((r) => r.busyMs),
    scriptMs: m((r) => r.scriptMs),
    layoutStyleMs: m((r) => r.layoutStyleMs),
    perTokenMs: m((r) => r.perTokenMs),
    longTaskTotalMs: m((r) => r.longTaskTotalMs),
    longTaskCount: m((r) => r.longTaskCount),
    // The worst over all rounds, not the median: the target is "no task over 50 ms".
    longestTaskMs: round(Math.max(...runs.map((r) => r.longestTaskMs)), 1),
    loadLongestTaskMs: round(Math.max(...runs.map((r) => r.loadLongestTaskMs)), 1),
    longestTaskCpuMs: round(Math.max(...runs.map((r) => r.longestTaskCpuMs)), 1),
  }
}

export const chatRenderSection: BenchSection = {
  key: 'chat-render',
  title: 'Chat render (Chromium, streamed 2,000-token reply)',
  async run({ root, rounds }) {
    // BENCH_CHAT_RENDER_DIST=<folder> measures an existing build instead of building one.
    const prebuilt = process.env.BENCH_CHAT_RENDER_DIST
    const dist = path.resolve(root, prebuilt ?? DIST)
    if (!prebuilt) {
      const build = await runCommand(
        path.join(root, 'node_modules', '.bin', 'vite'),
        ['build', '--outDir', DIST, '--emptyOutDir'],
        { cwd: root, timeoutMs: 180_000 },
      )
      if (build.code !== 0) {
        const tail = (build.stdout + build.stderr).trim().split('\n').slice(-20).join('\n')
        throw new Error(`vite build failed (${build.code}):\n${tail}`)
      }
    }
    const sandbox = await startSandbox({
      port: 0,
      timing: { ...INSTANT_TIMING, tokenDelayMs: TOKEN_DELAY_MS },
    })
    const app = createConsoleServer({
      upstream: { origin: sandbox.url, apiKey: sandbox.apiKey, embedded: false },
      bodyLimit: 8 * 1024 * 1024,
      staticDir: dist,
      log: () => {},
    })
    const browser = await launchChromium()
    const runs = new Map<number, Run[]>(SIZES.map((s) => [s, []]))
    try {
      await new Promise<void>((resolve, reject) => {
        app.server.once('error', reject)
        app.server.listen(0, '127.0.0.1', () => resolve())
      })
      const address = app.server.address()
      if (!address || typeof address === 'string') throw new Error('proxy has no port')
      const origin = `http://127.0.0.1:${address.port}`
      const doc = longDocument()
      // BENCH_CHAT_RENDER_TRACE=<folder>: also write a Chrome trace of each stream (DevTools).
      const traceDir = process.env.BENCH_CHAT_RENDER_TRACE
      // Interleaved (10, 500, 10, 500, …) so drift in the machine's load hits both sizes alike.
      const count = Math.min(rounds, 2)
      for (let i = 0; i < count; i++) {
        for (const size of SIZES) {
          const r = await runOnce(browser, origin, size, doc, traceDir)
          console.log(
            `  ${size} messages: ${r.outputTokens} tokens in ${fmt(r.streamMs / 1000, 1)}s, ` +
              `${fmt(r.perTokenMs, 3)} ms/token, longest task CPU ${fmt(r.longestTaskCpuMs, 0)} ms ` +
              `(wall ${fmt(r.longestTaskCpuWallMs, 0)}), long tasks (ms after Send: ms) ` +
              (r.streamingTasks.map((t) => `${t.atMs}: ${t.durationMs}`).join(', ') || 'none'),
          )
          runs.get(size)?.push(r)
        }
      }
    } finally {
      await browser.close()
      await app.close()
      await sandbox.close()
    }

    const small = summary(runs.get(SIZES[0]) ?? [])
    const large = summary(runs.get(SIZES[1]) ?? [])
    const ratio = small.perTokenMs > 0 ? round(large.perTokenMs / small.perTokenMs, 2) : null
    const longest = Math.max(small.longestTaskMs, large.longestTaskMs)
    const row = (label: string, s: typeof small) => [
      label,
      fmt(s.outputTokens, 0),
      fmt(s.streamSeconds, 1),
      fmt(s.busyMs, 0),
      fmt(s.perTokenMs, 3),
      `${fmt(s.longTaskTotalMs, 0)} (${fmt(s.longTaskCount, 0)})`,
      fmt(s.longestTaskMs, 0),
      fmt(s.longestTaskCpuMs, 0),
      fmt(s.loadLongestTaskMs, 0),
    ]
    const lines = [
      `production build behind the proxy, in-memory sandbox, ${TOKEN_DELAY_MS} ms per 1–2-token chunk; ` +
        `median of ${small.rounds} round(s); per token = main-thread busy time (CDP TaskDuration) ` +
        `from Send to the end of the reply ÷ output tokens`,
      ...table([
        [
          'conversation',
          'tokens',
          'stream s',
          'busy ms',
          'ms/token',
          'long tasks ms (n)',
          'longest ms',
          'longest CPU ms',
          'longest at load ms',
        ],
        row(`${SIZES[0]} messages`, small),
        row(`${SIZES[1]} messages`, large),
      ]),
      `per-token cost, ${SIZES[1]} vs ${SIZES[0]} messages: ${ratio === null ? '—' : `${fmt(ratio, 2)}×`}`,
    ]
    return {
      data: {
        tokenDelayMs: TOKEN_DELAY_MS,
        replyTokens: REPLY_TOKENS,
        [`messages${SIZES[0]}`]: small,
        [`messages${SIZES[1]}`]: large,
        perTokenRatio: ratio,
        runs: [...runs.values()].flat(),
      },
      targets: {
        chatPerTokenRatio500vs10: check(ratio, RATIO_TARGET, 'max', '×'),
        chatLongestTaskWhileStreamingMs: check(
          longest,
          LONG_TASK_MS,
          'max',
          'ms',
          'wall time of PerformanceObserver longtask entries (all > 50 ms, so any entry misses)',
        ),
        chatLongestTaskCpuWhileStreamingMs: check(
          Math.max(small.longestTaskCpuMs, large.longestTaskCpuMs),
          LONG_TASK_MS,
          'max',
          'ms',
          'thread time of the longest main-thread task (Chrome trace): the work, without waits for a core',
        ),
      },
      lines,
    }
  },
}
