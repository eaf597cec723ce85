// The console's memory, as `npm start` runs it (`npm run serve`'s command): the server process (proxy and embedded sandbox)
// started on a new data folder, then again on the same folder (the usual case), its resident
// memory read from /proc after start, after 30 s idle, after one streamed chat (the tokenizer
// loaded) and 90 s after it (the tokenizer let go). Reported beside a bare `node` process in the same run (the
// floor any Node.js server starts from on this machine).
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { stop, track } from './children.ts'
import { freePort } from './nginx.ts'
import { check, type BenchSection, type SectionResult } from './section.ts'
import { fmt, round } from './stats.ts'

const IDLE_SECONDS = Number(process.env.BENCH_MEMORY_IDLE_SECONDS ?? 30)
/** After a chat: the sandbox lets the tokenizer go after 60 s unused, swept every 15 s. */
const AFTER_CHAT_SECONDS = Number(process.env.BENCH_MEMORY_AFTER_CHAT_SECONDS ?? 90)
const TARGET_IDLE_MB = 300

function rssMb(pid: number): number | null {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1])
    return Number.isFinite(kb) ? round(kb / 1024, 1) : null
  } catch {
    return null
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function waitReady(port: number, child: ChildProcess, output: () => string) {
  const deadline = performance.now() + 60_000
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${output().slice(-500)}`)
    const ok = await fetch(`http://127.0.0.1:${port}/_console/info`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return
    await sleep(200)
  }
  throw new Error('the server did not answer within 60 s')
}

/** One streamed chat through the console, read to the end. */
async function chat(port: number): Promise<void> {
  const origin = `http://127.0.0.1:${port}`
  const res = await fetch(`${origin}/api/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({
      model: 'openai/gpt-4o-mini',
      stream: true,
      messages: [{ role: 'user', content: 'Tell me about the moon in a few sentences.' }],
    }),
  })
  const text = await res.text()
  if (res.status !== 200 || !text.includes('[DONE]'))
    throw new Error(`chat answered ${res.status}: ${text.slice(0, 200)}`)
}

/** `npm run serve`'s Node.js arguments (its flags included), so the bench runs what users run. */
function serveArgs(root: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>
  }
  const [command, ...args] = manifest.scripts.serve!.split(/\s+/)
  if (command !== 'node') throw new Error(`npm run serve is not a node command: ${command}`)
  return args
}

interface Reading {
  afterStartMb: number | null
  idleMb: number | null
  afterChatMb: number | null
  idleAfterChatMb: number | null
  startSeconds: number
}

/** Starts the console on `dataDir` as `npm start` does (without the build) and reads its memory. */
async function measure(root: string, dataDir: string): Promise<Reading> {
  const port = await freePort()
  let output = ''
  const started = performance.now()
  const child = track(
    spawn(process.execPath, serveArgs(root), {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        SANDBOX_DATA_DIR: dataDir,
        ELIZACLOUD_API_KEY: '',
        SANDBOX_MEMORY: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  )
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()))
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()))
  try {
    await waitReady(port, child, () => output)
    const startSeconds = round((performance.now() - started) / 1000, 1)
    const pid = child.pid!
    const afterStartMb = rssMb(pid)
    await sleep(IDLE_SECONDS * 1000)
    const idleMb = rssMb(pid)
    await chat(port)
    const afterChatMb = rssMb(pid)
    await sleep(AFTER_CHAT_SECONDS * 1000)
    const idleAfterChatMb = rssMb(pid)
    return { afterStartMb, idleMb, afterChatMb, idleAfterChatMb, startSeconds }
  } finally {
    await stop(child, 5000)
  }
}

async function bareNode(): Promise<number | null> {
  const child = track(
    spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }),
  )
  await sleep(1000)
  const mb = rssMb(child.pid!)
  await stop(child)
  return mb
}

export const memorySection: BenchSection = {
  key: 'memory',
  title: 'Memory of the console process (proxy + embedded sandbox)',
  async run({ root }): Promise<SectionResult> {
    if (!fs.existsSync('/proc/self/status')) {
      const note = '/proc is not available: memory is read from /proc/<pid>/status (Linux)'
      return {
        data: { skipped: note },
        targets: { consoleIdleMb: check(null, TARGET_IDLE_MB, 'max', 'MB', note) },
        lines: [`SKIPPED: ${note}`],
      }
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-memory-'))
    try {
      const floor = await bareNode()
      const first = await measure(root, dir)
      console.log(`  new data folder: ${JSON.stringify(first)}`)
      const second = await measure(root, dir)
      console.log(`  same folder again: ${JSON.stringify(second)}`)
      const lines = [
        `resident memory (MB) of the server process; idle = after ${IDLE_SECONDS} s without requests, idle again = ${AFTER_CHAT_SECONDS} s after the chat; bare node: ${fmt(floor, 0)} MB`,
        'start              after start  idle   after a chat  idle again  ready in',
        ...(
          [
            ['new data folder', first],
            ['same folder', second],
          ] as const
        ).map(
          ([name, r]) =>
            `${name.padEnd(18)} ${fmt(r.afterStartMb, 0).padStart(11)}  ${fmt(r.idleMb, 0).padStart(5)}  ${fmt(r.afterChatMb, 0).padStart(12)}  ${fmt(r.idleAfterChatMb, 0).padStart(10)}  ${r.startSeconds} s`,
        ),
      ]
      return {
        data: {
          idleSeconds: IDLE_SECONDS,
          bareNodeMb: floor,
          newDataFolder: first,
          sameFolder: second,
        },
        targets: {
          consoleIdleMb: check(second.idleMb, TARGET_IDLE_MB, 'max', 'MB', 'same folder, idle'),
          consoleIdleAfterChatMb: check(
            second.idleAfterChatMb,
            TARGET_IDLE_MB,
            'max',
            'MB',
            'same folder, idle after a chat',
          ),
        },
        lines,
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  },
}
