// `npm run bench`: bundle size and proxy overhead, printed as tables and written to
// bench-results/bench.json. Never fails CI: a missed target is printed as MISSED, the exit code stays 0.
//
//   npm run bench                          everything (≈ 2–3 minutes)
//   npm run bench -- --only proxy          some sections (comma-separated keys)
//   npm run bench -- --rounds 3 --seconds 6 --connections 50
//   BENCH_TOOL=autocannon npm run bench    force the fallback load generator (else wrk if installed)
//   BENCH_NGINX=off npm run bench          skip the nginx reference (or BENCH_NGINX=/path/to/nginx)
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { a2aSection } from './bench/a2a.ts'
import { agentsScrollSection } from './bench/agents-scroll.ts'
import { bundleSection } from './bench/bundle.ts'
import { chatRenderSection } from './bench/chat-render.ts'
import { knowledgeListSection } from './bench/knowledge-list.ts'
import { ledgerSection } from './bench/ledger.ts'
import { lighthouseSection } from './bench/lighthouse.ts'
import { memorySection } from './bench/memory.ts'
import { containerLogsSection } from './bench/container-logs.ts'
import { discoverListSection } from './bench/discover-list.ts'
import { signalAllSync, stopAll } from './bench/children.ts'
import { proxyLoadSection } from './bench/proxy-load.ts'
import { proxySection } from './bench/proxy.ts'
import { sandboxChatSection } from './bench/sandbox-chat.ts'
import type { BenchOptions, BenchSection, TargetCheck } from './bench/section.ts'
import { fmt } from './bench/stats.ts'

// Each section measures one thing; issue #4 adds sandbox chat (requests/s, time to first token,
// direct and through the proxy) as one more entry.
const SECTIONS: BenchSection[] = [
  bundleSection,
  proxySection,
  proxyLoadSection,
  memorySection,
  sandboxChatSection,
  chatRenderSection,
  agentsScrollSection,
  knowledgeListSection,
  ledgerSection,
  containerLogsSection,
  discoverListSection,
  a2aSection,
  lighthouseSection,
]

const root = path.resolve(import.meta.dirname, '..')
const outFile = path.join(root, 'bench-results', 'bench.json')

function options(): { bench: BenchOptions; only: Set<string> | null } {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      rounds: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '6' },
      connections: { type: 'string', default: '50' },
    },
  })
  const int = (name: string, value: string) => {
    const n = Number(value)
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`)
    return n
  }
  return {
    bench: {
      root,
      rounds: int('rounds', values.rounds),
      seconds: int('seconds', values.seconds),
      connections: int('connections', values.connections),
    },
    only: values.only ? new Set(values.only.split(',').map((s) => s.trim())) : null,
  }
}

function describe(name: string, t: TargetCheck): string {
  const verdict = t.met === null ? 'NOT MEASURED' : t.met ? 'met' : 'MISSED'
  const op = t.limit === 'max' ? '≤' : '≥'
  const note = t.note ? ` (${t.note})` : ''
  return `  ${verdict.padEnd(12)} ${name}: ${fmt(t.value)} ${t.unit} (target ${op} ${t.target} ${t.unit})${note}`
}

async function main(): Promise<void> {
  const { bench, only } = options()
  const started = performance.now()
  const result: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
    },
  }
  const targets: Record<string, TargetCheck> = {}
  const printed: string[] = []
  for (const section of SECTIONS) {
    if (only && !only.has(section.key)) continue
    console.log(`\n▶ ${section.title}`)
    try {
      const r = await section.run(bench)
      result[section.key] = r.data
      Object.assign(targets, r.targets)
      printed.push(`\n${section.title}`, ...r.lines.map((l) => `  ${l}`))
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      console.error(`  ${section.title} FAILED: ${message}`)
      result[section.key] = { error: message }
      printed.push(`\n${section.title}`, `  FAILED: ${message}`)
    }
  }
  result.targets = targets
  result.durationSeconds = Math.round((performance.now() - started) / 1000)
  // Figures on a shared 2-core machine are noisy: the load average says how busy it was.
  result.loadAverageAtEnd = os.loadavg().map((n) => Math.round(n * 100) / 100)

  console.log(printed.join('\n'))
  console.log('\nTargets')
  for (const [name, t] of Object.entries(targets)) console.log(describe(name, t))
  const missed = Object.values(targets).filter((t) => t.met === false).length
  console.log(missed ? `\n${missed} target(s) MISSED` : '\nAll measured targets met')

  fs.mkdirSync(path.dirname(outFile), { recursive: true })
  fs.writeFileSync(outFile, JSON.stringify(result, null, 2) + '\n')
  console.log(`Wrote ${path.relative(root, outFile)} (${result.durationSeconds}s)`)
}

process.on('exit', signalAllSync)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping child processes`)
    void stopAll().finally(() => process.exit(130))
  })
}

try {
  await main()
} catch (err) {
  // A bench never fails CI; report and exit 0.
  console.error(err)
} finally {
  await stopAll()
}
process.exit(0)
