// Starts one stack of the end-to-end run (E2E_STACK, default 0; see env.ts): an in-memory sandbox in test
// mode (its /__sandbox/ control routes let tests reset state and inject faults) and the real proxy,
// serving the production build, in front of it with the canary key. Everything the proxy prints is also
// written to the stack's log folder for the leak check.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { startSandbox } from '../sandbox/server.ts'
import { INSTANT_TIMING } from '../sandbox/core/timing.ts'
import { CANARY_KEY, stackAt } from './env.ts'

const { logDir, proxyPort, sandboxPort, sandboxUrl } = stackAt(Number(process.env.E2E_STACK ?? 0))

fs.mkdirSync(logDir, { recursive: true })
const proxyLog = fs.createWriteStream(path.join(logDir, 'proxy.log'))

const sandbox = await startSandbox({
  testMode: true,
  apiKey: CANARY_KEY,
  // Instant by default; a test that needs a slow stream sets it (SandboxControl.setTiming).
  timing: INSTANT_TIMING,
  port: sandboxPort,
  host: '127.0.0.1',
})
console.log(`e2e sandbox on ${sandbox.url}`)

const proxy = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
  env: {
    ...process.env,
    PORT: String(proxyPort),
    HOST: '127.0.0.1',
    ELIZACLOUD_API_KEY: CANARY_KEY,
    ELIZACLOUD_BASE_URL: `${sandboxUrl}/api/v1`,
    // A hung upstream must become a 504 quickly enough for a test to see it, yet a real video
    // render (ffmpeg, a second or more on a busy machine) must not be cut as a timeout.
    PROXY_TIMEOUT_MS: '6000',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
})
for (const stream of [proxy.stdout, proxy.stderr]) {
  stream.on('data', (chunk: Buffer) => {
    proxyLog.write(chunk)
    process.stdout.write(chunk)
  })
}

let stopping = false
async function stop(code: number) {
  if (stopping) return
  stopping = true
  proxy.kill('SIGTERM')
  await sandbox.close()
  proxyLog.end()
  process.exit(code)
}
proxy.on('exit', (code) => void stop(code ?? 1))
process.on('SIGTERM', () => void stop(0))
process.on('SIGINT', () => void stop(0))
