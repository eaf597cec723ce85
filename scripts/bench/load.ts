// Requests/s at N connections: wrk when installed (it times keep-alive and `Connection: close`
// servers correctly), else autocannon, always in its own process
// so the load generator does not share an event loop with anything it measures.
import path from 'node:path'
import { runCommand } from './children.ts'

export type LoadTool = 'wrk' | 'autocannon'

export interface LoadResult {
  rps: number
  p50Ms: number
  p99Ms: number
  requests: number
  /** Socket errors and timeouts. */
  errors: number
  non2xx: number
}

/** wrk if it runs, else autocannon. `BENCH_TOOL=autocannon` forces the fallback. */
export async function pickLoadTool(): Promise<{ tool: LoadTool; version: string }> {
  if (process.env.BENCH_TOOL !== 'autocannon') {
    try {
      const r = await runCommand('wrk', ['-v'])
      const version = /wrk\s+(\S+)/.exec(r.stdout + r.stderr)?.[1] ?? 'unknown'
      return { tool: 'wrk', version }
    } catch {
      // ENOENT: not installed
    }
  }
  return { tool: 'autocannon', version: 'node_modules' }
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

function wrkTime(text: string, label: string): number {
  const m = new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$`, 'm').exec(text)
  if (!m) throw new Error(`wrk output has no ${label}% latency:\n${text}`)
  return Number(m[1]) * (UNIT_MS[m[2] as string] as number)
}

export function parseWrk(text: string): LoadResult {
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(text)
  const requests = /^\s*(\d+) requests in/m.exec(text)
  if (!rps || !requests) throw new Error(`unexpected wrk output:\n${text}`)
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text)
  const errors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(text)?.[1] ?? 0)
  return {
    rps: Number(rps[1]),
    p50Ms: wrkTime(text, '50'),
    p99Ms: wrkTime(text, '99'),
    requests: Number(requests[1]),
    errors,
    non2xx,
  }
}

interface AutocannonJson {
  requests: { average: number; total: number }
  latency: { p50: number; p99: number }
  errors: number
  timeouts: number
  non2xx: number
}

export async function runLoad(
  root: string,
  tool: LoadTool,
  url: string,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const timeoutMs = (seconds + 30) * 1000
  if (tool === 'wrk') {
    const r = await runCommand(
      'wrk',
      ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', url],
      { timeoutMs },
    )
    if (r.code !== 0) throw new Error(`wrk failed (${r.code}): ${r.stderr || r.stdout}`)
    return parseWrk(r.stdout)
  }
  const cli = path.join(root, 'node_modules', 'autocannon', 'autocannon.js')
  const r = await runCommand(
    process.execPath,
    [cli, '-c', String(connections), '-d', String(seconds), '--json', url],
    { timeoutMs },
  )
  if (r.code !== 0) throw new Error(`autocannon failed (${r.code}): ${r.stderr}`)
  const j = JSON.parse(r.stdout) as AutocannonJson
  return {
    rps: j.requests.average,
    p50Ms: j.latency.p50,
    p99Ms: j.latency.p99,
    requests: j.requests.total,
    errors: j.errors + j.timeouts,
    non2xx: j.non2xx,
  }
}
