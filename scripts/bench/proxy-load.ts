// Proxy under load: streaming chats through our proxy beside the same streams straight to the
// upstream ("direct"), through nginx and through a bare Node TCP relay (the references).
//
//   burst  200 streaming chats opened at once, per target, in interleaved rounds: errors, time to
//          first byte (TTFB) p50/p99 and time to the end of the stream.
//   soak   every target at the same steady rate (20 chats/s each, requests interleaved) for five
//          minutes (BENCH_SOAK_SECONDS): errors and TTFB p50/p99 per 15 s window, and each
//          process's resident memory every 15 s, to see it stay flat.
//
// The upstream (upstream-child.ts) answers POST /api/v1/chat/completions with 40 chunks 25 ms
// apart (a one-second reply shaped like the cloud's); the load comes from this process, which
// does nothing else meanwhile.
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import { startNodeChild, stop } from './children.ts'
import { startNginx } from './nginx.ts'
import { check, type BenchSection, type TargetCheck } from './section.ts'
import { fmt, median, percentile, round, table } from './stats.ts'

const BURST = 200
const SOAK_RATE_PER_SECOND = 20
const WINDOW_SECONDS = 15
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 300)
const STREAM_TIMEOUT_MS = 30_000
const BODY = JSON.stringify({
  model: 'openai/gpt-4o-mini',
  stream: true,
  messages: [{ role: 'user', content: 'Say hello in forty tokens.' }],
})

interface Target {
  name: 'direct' | 'nginx' | 'relay' | 'proxy'
  port: number
  /** Processes whose memory is sampled (nginx: master and worker). */
  pids: number[]
  agent: http.Agent
}

interface StreamResult {
  ok: boolean
  ttfbMs: number
  totalMs: number
  error?: string
}

/** One streaming chat: POST, then read to the end; TTFB is the first body byte. */
function streamChat(target: Target): Promise<StreamResult> {
  const started = performance.now()
  return new Promise((resolve) => {
    let ttfb = Number.NaN
    let settled = false
    const done = (ok: boolean, error?: string) => {
      if (settled) return
      settled = true
      resolve({ ok, ttfbMs: ttfb, totalMs: performance.now() - started, error })
    }
    const req = http.request(
      {
        host: '127.0.0.1',
        port: target.port,
        method: 'POST',
        path: '/api/v1/chat/completions',
        agent: target.agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(BODY),
          accept: 'text/event-stream',
          // Our proxy accepts only its own host names and same-origin requests.
          origin: `http://127.0.0.1:${target.port}`,
          'x-api-key': 'bench-key',
        },
      },
      (res) => {
        let tail = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          if (Number.isNaN(ttfb)) ttfb = performance.now() - started
          tail = (tail + chunk).slice(-32)
        })
        res.once('end', () => {
          const complete = res.statusCode === 200 && tail.includes('[DONE]')
          done(complete, complete ? undefined : `status ${res.statusCode}, stream incomplete`)
        })
        res.once('error', (err) => done(false, err.message))
      },
    )
    req.setTimeout(STREAM_TIMEOUT_MS, () => req.destroy(new Error('timeout')))
    req.once('error', (err) => done(false, err.message))
    req.end(BODY)
  })
}

function rssMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1])
    return Number.isFinite(kb) ? round(kb / 1024, 1) : null
  } catch {
    return null
  }
}

/** The processes' resident memory summed (null when none could be read, e.g. not Linux). */
function memoryOf(pids: readonly number[]): number | null {
  const values = pids.map(rssMb).filter((v): v is number => v !== null)
  return values.length
    ? round(
        values.reduce((a, b) => a + b, 0),
        1,
      )
    : null
}

function childrenOf(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number)
  } catch {
    return []
  }
}

const summary = (results: readonly StreamResult[]) => {
  const ok = results.filter((r) => r.ok)
  return {
    streams: results.length,
    errors: results.length - ok.length,
    ttfbP50Ms: round(median(ok.map((r) => r.ttfbMs)), 2),
    ttfbP99Ms: round(
      percentile(
        ok.map((r) => r.ttfbMs),
        99,
      ),
      2,
    ),
    totalP50Ms: round(median(ok.map((r) => r.totalMs)), 1),
    totalP99Ms: round(
      percentile(
        ok.map((r) => r.totalMs),
        99,
      ),
      1,
    ),
    firstError: results.find((r) => !r.ok)?.error ?? null,
  }
}
type Summary = ReturnType<typeof summary>

async function burst(targets: readonly Target[], rounds: number) {
  const results = new Map<string, StreamResult[]>(targets.map((t) => [t.name, []]))
  for (let r = 0; r < rounds; r++) {
    const order = targets.map((_, i) => targets[(i + r) % targets.length]!)
    for (const t of order) {
      const batch = await Promise.all(Array.from({ length: BURST }, () => streamChat(t)))
      results.get(t.name)!.push(...batch)
      const s = summary(batch)
      console.log(
        `  burst round ${r + 1}/${rounds} ${t.name.padEnd(6)} ${BURST} streams: errors ${s.errors}` +
          `  TTFB p50 ${fmt(s.ttfbP50Ms, 1)} ms p99 ${fmt(s.ttfbP99Ms, 1)} ms  end p99 ${fmt(s.totalP99Ms, 0)} ms`,
      )
    }
  }
  return Object.fromEntries([...results].map(([name, list]) => [name, summary(list)]))
}

interface SoakWindow {
  atSeconds: number
  perTarget: Record<string, Summary & { rssMb: number | null }>
}

async function soak(targets: readonly Target[], seconds: number): Promise<SoakWindow[]> {
  const windows: SoakWindow[] = [
    {
      atSeconds: 0,
      perTarget: Object.fromEntries(
        targets.map((t) => [t.name, { ...summary([]), rssMb: memoryOf(t.pids) }]),
      ),
    },
  ]
  let pending = new Map<string, Promise<StreamResult>[]>(targets.map((t) => [t.name, []]))
  const started = performance.now()
  const intervalMs = 1000 / SOAK_RATE_PER_SECOND
  const total = Math.floor((seconds * 1000) / intervalMs)
  let sent = 0
  let nextWindow = WINDOW_SECONDS
  while (sent < total) {
    const elapsed = performance.now() - started
    const due = Math.min(Math.floor(elapsed / intervalMs) + 1, total)
    for (; sent < due; sent++) for (const t of targets) pending.get(t.name)!.push(streamChat(t))
    if (elapsed >= nextWindow * 1000 || sent === total) {
      // A window's streams are those started in it; they are awaited without stopping the load.
      const closing = pending
      pending = new Map(targets.map((t) => [t.name, []]))
      const at = Math.round(elapsed / 1000)
      const memory = Object.fromEntries(targets.map((t) => [t.name, memoryOf(t.pids)]))
      const window: SoakWindow = { atSeconds: at, perTarget: {} }
      windows.push(window)
      void Promise.all(
        targets.map(async (t) => {
          window.perTarget[t.name] = {
            ...summary(await Promise.all(closing.get(t.name)!)),
            rssMb: memory[t.name] ?? null,
          }
        }),
      ).then(() =>
        console.log(
          `  soak ${String(at).padStart(3)} s  ` +
            targets
              .map((t) => {
                const w = window.perTarget[t.name]!
                return `${t.name} TTFB p50 ${fmt(w.ttfbP50Ms, 1)} p99 ${fmt(w.ttfbP99Ms, 1)} ms err ${w.errors} rss ${fmt(w.rssMb, 0)} MB`
              })
              .join(' | '),
        ),
      )
      nextWindow += WINDOW_SECONDS
    }
    await new Promise((r) => setTimeout(r, Math.max(1, intervalMs / 2)))
  }
  // Let the last streams finish before the summary is read.
  await new Promise((r) => setTimeout(r, 3000))
  return windows
}

async function run(root: string, rounds: number) {
  const children: ChildProcess[] = []
  let closeNginx: (() => Promise<void>) | null = null
  try {
    const upstream = await startNodeChild<{ port: number }>(root, 'upstream-child.ts', [])
    children.push(upstream.child)
    const up = upstream.ready.port
    const proxy = await startNodeChild<{ port: number }>(root, 'proxy-child.ts', [
      `http://127.0.0.1:${up}`,
    ])
    children.push(proxy.child)
    const relay = await startNodeChild<{ port: number }>(root, 'relay-child.ts', [String(up)])
    children.push(relay.child)
    const agent = () => new http.Agent({ keepAlive: true, maxSockets: BURST + 50 })
    const targets: Target[] = [
      { name: 'direct', port: up, pids: [upstream.child.pid!], agent: agent() },
    ]
    const nginx = await startNginx(`127.0.0.1:${up}`)
    let nginxNote: string | null = null
    if ('skipped' in nginx) {
      nginxNote = nginx.skipped
      console.log(`  nginx: SKIPPED (${nginx.skipped})`)
    } else {
      closeNginx = nginx.close
      targets.push({
        name: 'nginx',
        port: nginx.port,
        pids: [nginx.pid, ...childrenOf(nginx.pid)],
        agent: agent(),
      })
    }
    targets.push(
      { name: 'relay', port: relay.ready.port, pids: [relay.child.pid!], agent: agent() },
      { name: 'proxy', port: proxy.ready.port, pids: [proxy.child.pid!], agent: agent() },
    )
    // Warm-up (JIT, sockets), not recorded.
    for (const t of targets) await Promise.all(Array.from({ length: 20 }, () => streamChat(t)))
    const burstResults = await burst(targets, rounds)
    console.log(`  soak: ${SOAK_SECONDS} s at ${SOAK_RATE_PER_SECOND} chats/s per target`)
    const windows = await soak(targets, SOAK_SECONDS)
    for (const t of targets) t.agent.destroy()
    return { burst: burstResults, windows, nginxNote, targets: targets.map((t) => t.name) }
  } finally {
    await closeNginx?.()
    await Promise.all(children.map((c) => stop(c)))
  }
}

const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || !b ? null : round(a / b, 2)

export const proxyLoadSection: BenchSection = {
  key: 'proxyLoad',
  title: 'Proxy under load (200 streaming chats at once, then a steady soak)',
  async run({ root, rounds }) {
    const { burst: b, windows, nginxNote, targets: names } = await run(root, rounds)
    const soakWindows = windows.slice(1)
    const pooled = (name: string, pick: (w: Summary) => number) =>
      median(
        soakWindows
          .map((w) => w.perTarget[name])
          .filter(Boolean)
          .map((w) => pick(w!)),
      )
    const soakErrors = (name: string) =>
      soakWindows.reduce((n, w) => n + (w.perTarget[name]?.errors ?? 0), 0)
    const memory = (name: string) => windows.map((w) => w.perTarget[name]?.rssMb ?? null)
    const proxyMemory = memory('proxy').filter((v): v is number => v !== null)
    // Flat: the last quarter of the samples against the third (the first half is warm-up: the
    // heap grows to its working size and the first major collections run).
    const quarter = Math.max(1, Math.floor(proxyMemory.length / 4))
    const early = median(proxyMemory.slice(-2 * quarter, -quarter))
    const late = median(proxyMemory.slice(-quarter))
    const growthPct = proxyMemory.length >= 4 ? round(((late - early) / early) * 100, 1) : null

    const rows: string[][] = [
      [
        'target',
        'burst err',
        'TTFB p50 ms',
        'p99 ms',
        'end p99 ms',
        'soak err',
        'soak TTFB p50',
        'p99',
        'rss start→end MB',
      ],
    ]
    for (const name of names) {
      const s = b[name]!
      const mem = memory(name)
      rows.push([
        name,
        String(s.errors),
        fmt(s.ttfbP50Ms, 2),
        fmt(s.ttfbP99Ms, 2),
        fmt(s.totalP99Ms, 0),
        String(soakErrors(name)),
        fmt(
          pooled(name, (w) => w.ttfbP50Ms),
          2,
        ),
        fmt(
          pooled(name, (w) => w.ttfbP99Ms),
          2,
        ),
        `${fmt(mem[0], 0)}→${fmt(mem[mem.length - 1], 0)}`,
      ])
    }
    /** The proxy's soak figure over a reference's (medians of the 15 s windows). */
    const soakRatio = (reference: string, pick: (w: Summary) => number) =>
      ratio(pooled('proxy', pick), pooled(reference, pick))
    const derived = {
      burstTtfbP50ProxyOverNginx: ratio(b.proxy?.ttfbP50Ms, b.nginx?.ttfbP50Ms),
      burstTtfbP99ProxyOverNginx: ratio(b.proxy?.ttfbP99Ms, b.nginx?.ttfbP99Ms),
      burstTtfbP50ProxyOverRelay: ratio(b.proxy?.ttfbP50Ms, b.relay?.ttfbP50Ms),
      burstTtfbP99ProxyOverRelay: ratio(b.proxy?.ttfbP99Ms, b.relay?.ttfbP99Ms),
      soakTtfbP50ProxyOverNginx: soakRatio('nginx', (w) => w.ttfbP50Ms),
      soakTtfbP99ProxyOverNginx: soakRatio('nginx', (w) => w.ttfbP99Ms),
      soakTtfbP50ProxyOverRelay: soakRatio('relay', (w) => w.ttfbP50Ms),
      soakTtfbP99ProxyOverRelay: soakRatio('relay', (w) => w.ttfbP99Ms),
      proxyMemoryGrowthPct: growthPct,
    }
    const lines = [
      `burst: ${BURST} concurrent streaming chats per target × ${rounds} interleaved rounds (40 chunks, 25 ms apart);` +
        ` soak: ${SOAK_SECONDS} s at ${SOAK_RATE_PER_SECOND} chats/s per target, TTFB = median over ${WINDOW_SECONDS} s windows`,
      ...table(rows),
      ...(nginxNote ? [`nginx: not measured (${nginxNote})`] : []),
      `proxy ÷ nginx, TTFB: burst p50 ${fmt(derived.burstTtfbP50ProxyOverNginx, 2)}× p99 ${fmt(derived.burstTtfbP99ProxyOverNginx, 2)}×;` +
        ` soak p50 ${fmt(derived.soakTtfbP50ProxyOverNginx, 2)}× p99 ${fmt(derived.soakTtfbP99ProxyOverNginx, 2)}×`,
      `proxy ÷ relay, TTFB: burst p50 ${fmt(derived.burstTtfbP50ProxyOverRelay, 2)}× p99 ${fmt(derived.burstTtfbP99ProxyOverRelay, 2)}×;` +
        ` soak p50 ${fmt(derived.soakTtfbP50ProxyOverRelay, 2)}× p99 ${fmt(derived.soakTtfbP99ProxyOverRelay, 2)}×`,
      `proxy memory every ${WINDOW_SECONDS} s (MB): ${memory('proxy')
        .map((v) => fmt(v, 0))
        .join(' ')}` + ` (late vs early: ${fmt(growthPct)}%)`,
    ]
    const proxyErrors = (b.proxy?.errors ?? 0) + soakErrors('proxy')
    const targets: Record<string, TargetCheck> = {
      proxyLoadErrors: check(proxyErrors, 0, 'max', 'errors'),
      proxySoakMemoryGrowthPct: check(growthPct, 10, 'max', '%'),
    }
    return {
      data: {
        burst: b,
        soak: { seconds: SOAK_SECONDS, ratePerTarget: SOAK_RATE_PER_SECOND, windows },
        derived,
      },
      targets,
      lines,
    }
  },
}
