// Proxy overhead: one trivial upstream, measured straight ("direct"), through nginx (the reference),
// through a Node TCP relay that parses nothing (the cost of the extra hop alone, relay-child.ts) and
// through our proxy, in interleaved rounds so drift on a noisy 2-core machine hits all four alike.
// Processes: upstream (+ SSE reader), proxy, relay, nginx, load generator; only the one-at-a-time
// client runs in this process, which is otherwise idle meanwhile.
import type { ChildProcess } from 'node:child_process'
import { ask, startNodeChild, stop } from './children.ts'
import { pickLoadTool, runLoad, type LoadResult } from './load.ts'
import { startNginx } from './nginx.ts'
import { check, type BenchOptions, type BenchSection, type TargetCheck } from './section.ts'
import { alternatingLatencies, type SequentialResult } from './sequential.ts'
import { fmt, median, percentile, round, table } from './stats.ts'

const TARGET_NAMES = ['direct', 'nginx', 'relay', 'proxy'] as const
type TargetName = (typeof TARGET_NAMES)[number]

const SEQUENTIAL_TOTAL = 3000
const SEQUENTIAL_WARMUP = 200
const SSE_TOTAL = 200
/** Frames dropped at the start of each stream (connection set-up, first write). */
const SSE_SKIP = 2
const WARMUP_SECONDS = 1

interface Target {
  name: TargetName
  port: number
}

interface Samples {
  load: LoadResult[]
  sequentialUs: number[]
  sequentialErrors: number
  sseMs: number[]
}

export interface MeasuredTarget {
  url: string
  load: {
    /** Median of the rounds. */
    rps: number
    bestRps: number
    p50Ms: number
    p99Ms: number
    errors: number
    non2xx: number
    rounds: LoadResult[]
  }
  oneAtATime: { requests: number; errors: number; p50Us: number; p99Us: number }
  sse: { frames: number; medianMs: number; p99Ms: number }
}

type TargetData = MeasuredTarget | { skipped: string } | { error: string }

const isMeasured = (t: TargetData | undefined): t is MeasuredTarget =>
  t !== undefined && 'load' in t

async function preflight(port: number): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/api/bench`)
  const body = await res.text()
  if (res.status !== 200 || !body.includes('bench-upstream')) {
    throw new Error(`GET /api/bench answered ${res.status}: ${body.slice(0, 200)}`)
  }
}

function summarise(port: number, s: Samples): MeasuredTarget {
  const rpsList = s.load.map((r) => r.rps)
  return {
    url: `http://127.0.0.1:${port}/api/bench`,
    load: {
      rps: round(median(rpsList), 0),
      bestRps: round(Math.max(...rpsList), 0),
      p50Ms: round(median(s.load.map((r) => r.p50Ms)), 3),
      p99Ms: round(median(s.load.map((r) => r.p99Ms)), 3),
      errors: s.load.reduce((n, r) => n + r.errors, 0),
      non2xx: s.load.reduce((n, r) => n + r.non2xx, 0),
      rounds: s.load.map((r) => ({ ...r, rps: round(r.rps, 0) })),
    },
    oneAtATime: {
      requests: s.sequentialUs.length,
      errors: s.sequentialErrors,
      p50Us: round(percentile(s.sequentialUs, 50), 1),
      p99Us: round(percentile(s.sequentialUs, 99), 1),
    },
    sse: {
      frames: s.sseMs.length,
      medianMs: round(median(s.sseMs), 3),
      p99Ms: round(percentile(s.sseMs, 99), 3),
    },
  }
}

async function run(options: BenchOptions) {
  const { root, rounds, seconds, connections } = options
  const { tool, version: toolVersion } = await pickLoadTool()
  console.log(`  load tool: ${tool} ${toolVersion}`)
  const children: ChildProcess[] = []
  let closeNginx: (() => Promise<void>) | null = null
  try {
    const upstream = await startNodeChild<{ port: number }>(root, 'upstream-child.ts', [])
    children.push(upstream.child)
    const upstreamPort = upstream.ready.port
    const proxy = await startNodeChild<{ port: number }>(root, 'proxy-child.ts', [
      `http://127.0.0.1:${upstreamPort}`,
    ])
    children.push(proxy.child)
    const relay = await startNodeChild<{ port: number }>(root, 'relay-child.ts', [
      String(upstreamPort),
    ])
    children.push(relay.child)
    const nginx = await startNginx(`127.0.0.1:${upstreamPort}`)
    let nginxVersion: string | null = null
    const data: Partial<Record<TargetName, TargetData>> = {}
    const targets: Target[] = [{ name: 'direct', port: upstreamPort }]
    if ('skipped' in nginx) {
      console.log(`  nginx: SKIPPED (${nginx.skipped})`)
      data.nginx = { skipped: nginx.skipped }
    } else {
      closeNginx = nginx.close
      nginxVersion = nginx.version
      targets.push({ name: 'nginx', port: nginx.port })
    }
    targets.push(
      { name: 'relay', port: relay.ready.port },
      { name: 'proxy', port: proxy.ready.port },
    )

    for (const t of [...targets]) {
      try {
        await preflight(t.port)
      } catch (err) {
        if (t.name === 'direct') throw err
        console.log(`  ${t.name}: ERROR ${(err as Error).message}`)
        data[t.name] = { error: (err as Error).message }
        targets.splice(targets.indexOf(t), 1)
      }
    }

    // Warm-up (JIT, pools, nginx's upstream keep-alive), not recorded.
    const ports = targets.map((t) => t.port)
    for (const t of targets) {
      await runLoad(root, tool, `http://127.0.0.1:${t.port}/api/bench`, connections, WARMUP_SECONDS)
    }
    await alternatingLatencies(ports, '/api/bench', 0, SEQUENTIAL_WARMUP)

    const samples = new Map<TargetName, Samples>(
      targets.map((t) => [t.name, { load: [], sequentialUs: [], sequentialErrors: 0, sseMs: [] }]),
    )
    const perRoundSequential = Math.ceil(SEQUENTIAL_TOTAL / rounds)
    const perRoundFrames = Math.ceil(SSE_TOTAL / rounds)
    for (let r = 0; r < rounds; r++) {
      // Rotate the order each round, so no target always runs first (or right after another).
      const order = targets.map((_, i) => targets[(i + r) % targets.length] as Target)
      const loads = new Map<TargetName, LoadResult>()
      for (const t of order) {
        const load = await runLoad(
          root,
          tool,
          `http://127.0.0.1:${t.port}/api/bench`,
          connections,
          seconds,
        )
        loads.set(t.name, load)
      }
      // One at a time: the targets alternate request by request.
      const sequential = await alternatingLatencies(ports, '/api/bench', perRoundSequential, 20)
      for (const t of order) {
        const sse = await ask<{ delaysMs: number[] }>(upstream.child, {
          type: 'sse',
          url: `http://127.0.0.1:${t.port}/api/sse?n=${perRoundFrames + SSE_SKIP}`,
          skip: SSE_SKIP,
        })
        const s = samples.get(t.name) as Samples
        const load = loads.get(t.name) as LoadResult
        const seq = sequential[targets.indexOf(t)] as SequentialResult
        s.load.push(load)
        s.sequentialUs.push(...seq.samplesUs)
        s.sequentialErrors += seq.errors
        s.sseMs.push(...sse.delaysMs)
        const errors = load.errors + load.non2xx + seq.errors
        console.log(
          `  round ${r + 1}/${rounds} ${t.name.padEnd(6)} ${fmt(load.rps, 0).padStart(7)} req/s` +
            `  p50 ${fmt(load.p50Ms, 2)} ms  1-at-a-time p50 ${fmt(median(seq.samplesUs), 0)} µs` +
            `  SSE median ${fmt(median(sse.delaysMs), 2)} ms` +
            (errors > 0 ? `  errors ${errors}` : ''),
        )
      }
    }
    for (const t of targets) data[t.name] = summarise(t.port, samples.get(t.name) as Samples)
    return { tool, toolVersion, nginxVersion, data }
  } finally {
    await closeNginx?.()
    await Promise.all(children.map((c) => stop(c)))
  }
}

function pct(part: number | undefined, whole: number | undefined): number | null {
  return part === undefined || whole === undefined ? null : round((part / whole) * 100, 1)
}

function perRound(a: MeasuredTarget | undefined, b: MeasuredTarget | undefined): number[] | null {
  if (!a || !b) return null
  return a.load.rounds.map((r, i) => round((r.rps / (b.load.rounds[i]?.rps ?? NaN)) * 100, 1))
}

function diff(a: number | undefined, b: number | undefined): number | null {
  return a === undefined || b === undefined ? null : round(a - b, 1)
}

export const proxySection: BenchSection = {
  key: 'proxy',
  title: 'Proxy overhead',
  async run(options) {
    const { tool, toolVersion, nginxVersion, data } = await run(options)
    const direct = isMeasured(data.direct) ? data.direct : undefined
    const nginx = isMeasured(data.nginx) ? data.nginx : undefined
    const relay = isMeasured(data.relay) ? data.relay : undefined
    const proxy = isMeasured(data.proxy) ? data.proxy : undefined
    const derived = {
      proxyRpsPctOfDirect: pct(proxy?.load.rps, direct?.load.rps),
      proxyRpsPctOfNginx: pct(proxy?.load.rps, nginx?.load.rps),
      nginxRpsPctOfDirect: pct(nginx?.load.rps, direct?.load.rps),
      proxyAddedP50Us: diff(proxy?.oneAtATime.p50Us, direct?.oneAtATime.p50Us),
      proxyAddedP99Us: diff(proxy?.oneAtATime.p99Us, direct?.oneAtATime.p99Us),
      nginxAddedP50Us: diff(nginx?.oneAtATime.p50Us, direct?.oneAtATime.p50Us),
      nginxAddedP99Us: diff(nginx?.oneAtATime.p99Us, direct?.oneAtATime.p99Us),
      // The hop alone (a Node process copying bytes), and what our HTTP handling adds on top of it.
      relayAddedP50Us: diff(relay?.oneAtATime.p50Us, direct?.oneAtATime.p50Us),
      proxyOverRelayP50Us: diff(proxy?.oneAtATime.p50Us, relay?.oneAtATime.p50Us),
      proxySseMedianMs: proxy?.sse.medianMs ?? null,
      // Paired within each round (same background load), as a check on the medians above.
      proxyRpsPctOfNginxPerRound: perRound(proxy, nginx),
      proxyRpsPctOfDirectPerRound: perRound(proxy, direct),
    }
    const targets: Record<string, TargetCheck> = {
      proxyAddedP50Us: check(derived.proxyAddedP50Us, 100, 'max', 'µs'),
      proxyRpsPctOfNginx: check(
        derived.proxyRpsPctOfNginx,
        50,
        'min',
        '%',
        nginx ? undefined : 'nginx not measured',
      ),
      proxySseMedianMs: check(derived.proxySseMedianMs, 1, 'max', 'ms'),
    }

    const rows: string[][] = [
      [
        'target',
        'req/s',
        'best',
        'p50 ms',
        'p99 ms',
        'errors',
        '1-by-1 p50 µs',
        'p99 µs',
        'added p50 µs',
        'SSE med ms',
        'SSE p99 ms',
      ],
    ]
    const notMeasured: string[] = []
    for (const name of TARGET_NAMES) {
      const t = data[name]
      if (!isMeasured(t)) {
        const reason = t === undefined ? 'not run' : 'skipped' in t ? t.skipped : `ERROR ${t.error}`
        notMeasured.push(`${name}: ${reason}`)
        continue
      }
      rows.push([
        name,
        fmt(t.load.rps, 0),
        fmt(t.load.bestRps, 0),
        fmt(t.load.p50Ms, 3),
        fmt(t.load.p99Ms, 3),
        String(t.load.errors + t.load.non2xx + t.oneAtATime.errors),
        fmt(t.oneAtATime.p50Us, 0),
        fmt(t.oneAtATime.p99Us, 0),
        name === 'direct' ? '' : fmt(diff(t.oneAtATime.p50Us, direct?.oneAtATime.p50Us), 0),
        fmt(t.sse.medianMs, 3),
        fmt(t.sse.p99Ms, 3),
      ])
    }
    const lines = [
      `${tool} -c${options.connections} ${options.seconds}s × ${options.rounds} interleaved rounds;` +
        ' req/s = median of rounds (best also shown), latency p50/p99 = median of rounds;',
      `1-by-1 = ${SEQUENTIAL_TOTAL} sequential GETs per target on one keep-alive connection each, targets alternating request by request, pooled over rounds;` +
        ` SSE = ${SSE_TOTAL} frames, receive − send time in the upstream's process.`,
      ...table(rows),
      ...notMeasured,
      `proxy throughput: ${fmt(derived.proxyRpsPctOfDirect)}% of direct, ${fmt(derived.proxyRpsPctOfNginx)}% of nginx` +
        ` (nginx: ${fmt(derived.nginxRpsPctOfDirect)}% of direct)`,
      `added p50, one at a time: nginx ${fmt(derived.nginxAddedP50Us, 0)} µs, Node TCP relay (the hop alone)` +
        ` ${fmt(derived.relayAddedP50Us, 0)} µs, our proxy ${fmt(derived.proxyAddedP50Us, 0)} µs` +
        ` (= relay + ${fmt(derived.proxyOverRelayP50Us, 0)} µs of HTTP work)`,
    ]
    return {
      data: {
        tool: `${tool} ${toolVersion}`,
        nginx: nginxVersion,
        rounds: options.rounds,
        secondsPerRound: options.seconds,
        connections: options.connections,
        statistic:
          'requests/s: median of the rounds (bestRps: highest round); load p50/p99: median of the rounds; ' +
          'one-at-a-time and SSE percentiles: all rounds pooled',
        targets: data,
        derived,
      },
      targets,
      lines,
    }
  },
}
