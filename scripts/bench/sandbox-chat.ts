// Sandbox chat: requests/s of small non-streaming completions at N connections, and time to first
// token of a streaming completion (median / p99), straight to the sandbox ("direct") and through
// the console's proxy, in interleaved rounds so machine drift hits both alike.
// Processes: the sandbox and the proxy each run this file as a child (`sandbox` / `proxy` role);
// the load generator (autocannon) is a third; this process only times the one-at-a-time streams.
// The sandbox's per-key rate limit (RELAXED, 200/min) is lifted in the child, since the load
// would otherwise measure 429s; everything else (auth, billing, tokenizer) runs as in production.
import type { ChildProcess } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { runCommand, startNodeChild, stop } from './children.ts'
import { check, type BenchOptions, type BenchSection } from './section.ts'
import { fmt, median, percentile, round, table } from './stats.ts'

const SCRIPT = 'sandbox-chat.ts'
const TTFT_PER_ROUND = 40
const BODY = JSON.stringify({
  model: 'openai/gpt-4o-mini',
  messages: [{ role: 'user', content: 'Hello! How are you today?' }],
  max_tokens: 64,
})
const STREAM_BODY = JSON.stringify({
  model: 'openai/gpt-4o-mini',
  messages: [{ role: 'user', content: 'Explain how a compiler works, step by step.' }],
  stream: true,
})

interface LoadRound {
  rps: number
  p50Ms: number
  p99Ms: number
  non2xx: number
  errors: number
}

async function load(
  root: string,
  url: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
): Promise<LoadRound> {
  const cli = path.join(root, 'node_modules', 'autocannon', 'autocannon.js')
  const args = [cli, '-c', String(connections), '-d', String(seconds), '--json', '-m', 'POST']
  for (const [k, v] of Object.entries({ 'content-type': 'application/json', ...headers })) {
    args.push('-H', `${k}=${v}`)
  }
  args.push('-b', BODY, url)
  const r = await runCommand(process.execPath, args, { timeoutMs: (seconds + 30) * 1000 })
  if (r.code !== 0) throw new Error(`autocannon failed (${r.code}): ${r.stderr}`)
  const j = JSON.parse(r.stdout) as {
    requests: { average: number }
    latency: { p50: number; p99: number }
    non2xx: number
    errors: number
    timeouts: number
  }
  return {
    rps: j.requests.average,
    p50Ms: j.latency.p50,
    p99Ms: j.latency.p99,
    non2xx: j.non2xx,
    errors: j.errors + j.timeouts,
  }
}

/** Milliseconds from sending the request to the first content delta of the stream. */
async function timeToFirstToken(url: string, headers: Record<string, string>): Promise<number> {
  const t0 = performance.now()
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: STREAM_BODY,
  })
  if (res.status !== 200 || !res.body) throw new Error(`stream answered ${res.status}`)
  const reader = res.body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) throw new Error('stream ended without content')
    text += decoder.decode(value, { stream: true })
    if (text.includes('"content":')) break
  }
  const ms = performance.now() - t0
  await reader.cancel()
  return ms
}

interface Ready {
  port: number
  apiKey?: string
}

async function run(options: BenchOptions) {
  const children: ChildProcess[] = []
  try {
    const sandbox = await startNodeChild<Ready>(options.root, SCRIPT, ['sandbox'], 60_000)
    children.push(sandbox.child)
    const origin = `http://127.0.0.1:${sandbox.ready.port}`
    const apiKey = sandbox.ready.apiKey ?? ''
    const proxy = await startNodeChild<Ready>(options.root, SCRIPT, ['proxy', origin, apiKey])
    children.push(proxy.child)
    const targets = [
      {
        name: 'direct',
        url: `${origin}/api/v1/chat/completions`,
        headers: { 'x-api-key': apiKey },
      },
      {
        name: 'proxy',
        url: `http://127.0.0.1:${proxy.ready.port}/api/v1/chat/completions`,
        headers: {} as Record<string, string>,
      },
    ] as const
    const rounds: Record<string, LoadRound[]> = { direct: [], proxy: [] }
    const ttft: Record<string, number[]> = { direct: [], proxy: [] }
    // Warm-up: tokenizer tables, JIT, PGlite caches, pooled sockets.
    for (const t of targets) {
      await load(options.root, t.url, t.headers, options.connections, 1)
      await timeToFirstToken(t.url, t.headers)
    }
    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 === 0 ? targets : [...targets].reverse()
      for (const t of order) {
        rounds[t.name]!.push(
          await load(options.root, t.url, t.headers, options.connections, options.seconds),
        )
      }
      for (let i = 0; i < TTFT_PER_ROUND; i++) {
        for (const t of i % 2 === 0 ? targets : [...targets].reverse()) {
          ttft[t.name]!.push(await timeToFirstToken(t.url, t.headers))
        }
      }
    }
    return { rounds, ttft }
  } finally {
    for (const c of children.reverse()) await stop(c)
  }
}

export const sandboxChatSection: BenchSection = {
  key: 'sandboxChat',
  title: 'Sandbox chat: completions/s and time to first token (direct vs proxy)',
  async run(options) {
    const { rounds, ttft } = await run(options)
    const summarise = (name: 'direct' | 'proxy') => {
      const r = rounds[name] ?? []
      const t = ttft[name] ?? []
      return {
        rps: round(median(r.map((x) => x.rps)), 0),
        p50Ms: round(median(r.map((x) => x.p50Ms)), 2),
        p99Ms: round(median(r.map((x) => x.p99Ms)), 2),
        non2xx: r.reduce((n, x) => n + x.non2xx, 0),
        errors: r.reduce((n, x) => n + x.errors, 0),
        ttftMedianMs: round(median(t), 2),
        ttftP99Ms: round(percentile(t, 99), 2),
        ttftSamples: t.length,
        rounds: r,
      }
    }
    const summary = { direct: summarise('direct'), proxy: summarise('proxy') }
    const d = summary.direct
    const p = summary.proxy
    const ratio = d.rps > 0 ? p.rps / d.rps : null
    return {
      data: { connections: options.connections, seconds: options.seconds, ...summary },
      targets: {
        sandboxChatProxyRpsRatio: check(
          ratio === null ? null : round(ratio, 3),
          0.8,
          'min',
          'ratio',
          'completions/s through the proxy ÷ direct',
        ),
        sandboxChatTtftProxyAddedMs: check(
          round(p.ttftMedianMs - d.ttftMedianMs, 2),
          5,
          'max',
          'ms',
          'median time-to-first-token added by the proxy',
        ),
      },
      lines: table([
        ['target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'TTFT median', 'TTFT p99'],
        ...(['direct', 'proxy'] as const).map((n) => [
          n,
          fmt(summary[n].rps, 0),
          fmt(summary[n].p50Ms, 2),
          fmt(summary[n].p99Ms, 2),
          String(summary[n].non2xx + summary[n].errors),
          `${fmt(summary[n].ttftMedianMs, 2)} ms`,
          `${fmt(summary[n].ttftP99Ms, 2)} ms`,
        ]),
      ]),
    }
  },
}

// ─── Child roles ─────────────────────────────────────────────────────────────────────────────

async function sandboxChild(): Promise<void> {
  const { createAdaptorServer } = await import('@hono/node-server')
  const { openSandbox } = await import('../../sandbox/server.ts')
  const { setBalance } = await import('../../sandbox/core/ledger.ts')
  const { SEED } = await import('../../sandbox/core/seed.ts')
  const sandbox = await openSandbox({ timing: { tokenDelayMs: 25 } })
  const limiter = sandbox.ctx.limiter
  limiter.check = (_key, preset) => ({
    allowed: true,
    limit: preset.limit,
    remaining: preset.limit,
    resetAt: Date.now() + preset.windowMs,
    retryAfterSec: 0,
  })
  await setBalance(sandbox.ctx.db, SEED.organizationId, 100_000, 'Bench balance')
  const server = createAdaptorServer({ fetch: sandbox.app.fetch, overrideGlobalObjects: false })
  server.listen(0, '127.0.0.1', () => {
    process.send?.({ port: (server.address() as AddressInfo).port, apiKey: sandbox.apiKey })
  })
  const shutdown = () => void sandbox.close().finally(() => process.exit(0))
  process.on('disconnect', shutdown)
  process.on('SIGTERM', shutdown)
}

async function proxyChild(origin: string, apiKey: string): Promise<void> {
  const { createConsoleServer } = await import('../../server/app.ts')
  const app = createConsoleServer({
    upstream: { origin, apiKey, embedded: false },
    bodyLimit: 1024 * 1024,
    staticDir: null,
    log: () => {},
  })
  app.server.listen(0, '127.0.0.1', () => {
    process.send?.({ port: (app.server.address() as AddressInfo).port })
  })
  const shutdown = () => void app.close().finally(() => process.exit(0))
  process.on('disconnect', shutdown)
  process.on('SIGTERM', shutdown)
}

if (process.send && process.argv[1]?.endsWith(SCRIPT)) {
  const [role, origin, key] = process.argv.slice(2)
  if (role === 'sandbox') await sandboxChild()
  else if (role === 'proxy' && origin && key) await proxyChild(origin, key)
  else throw new Error(`usage: ${SCRIPT} sandbox | proxy <origin> <apiKey>`)
}
