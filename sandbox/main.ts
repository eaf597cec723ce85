// `npm run sandbox`: serves the sandbox on PORT (default 4001) until SIGINT/SIGTERM.
import { existsSync } from 'node:fs'
import { startSandbox } from './server.ts'

if (existsSync('.env')) process.loadEnvFile('.env')

const env = process.env
const isOn = (value: string | undefined) => value === '1' || value === 'true'

const port = Number(env.PORT ?? 4001)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be an integer between 0 and 65535, got ${env.PORT}`)
  process.exit(1)
}
const inMemory = isOn(env.SANDBOX_MEMORY)
const dataDir = inMemory ? undefined : (env.SANDBOX_DATA_DIR ?? '.data/sandbox')
const keyFromEnv = env.SANDBOX_API_KEY || undefined

const sandbox = await startSandbox({
  port,
  host: env.HOST ?? '127.0.0.1',
  dataDir,
  testMode: isOn(env.SANDBOX_TEST_MODE),
  strict: isOn(env.SANDBOX_STRICT),
  apiKey: keyFromEnv,
}).catch((error: unknown) => {
  console.error(`Sandbox failed to start: ${error instanceof Error ? error.message : error}`)
  process.exit(1)
})

const v1 = `${sandbox.url}/api/v1`
// A key that came from the environment is a secret someone else chose: never echo it.
const keyLine = keyFromEnv
  ? 'from SANDBOX_API_KEY (not printed)'
  : `${sandbox.apiKey}${dataDir ? `  (kept in ${dataDir}/api-key)` : '  (in-memory: new on every start)'}`
const curlKey = keyFromEnv ? '$SANDBOX_API_KEY' : sandbox.apiKey
console.log(
  [
    `elizaOS Cloud sandbox listening on ${sandbox.url}`,
    `  v1 base URL   ${v1}   (ELIZACLOUD_BASE_URL=${v1})`,
    `  API key       ${keyLine}`,
    `  data          ${dataDir ?? 'in-memory'}`,
    `  mode          strict ${isOn(env.SANDBOX_STRICT) ? 'on' : 'off'}, test mode ${isOn(env.SANDBOX_TEST_MODE) ? 'on (/__sandbox/*)' : 'off'}`,
    '',
    `  curl -H "X-API-Key: ${curlKey}" ${v1}/credits/balance`,
  ].join('\n'),
)

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  console.log(`\n${signal}: stopping the sandbox`)
  try {
    await sandbox.close()
    process.exit(0)
  } catch (error) {
    console.error('Sandbox did not close cleanly:', error)
    process.exit(1)
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
