// `npm run serve` / `npm start`: the console in production mode. Serves `dist/` and forwards `/api/`
// to the cloud, or to the built-in sandbox when no ELIZACLOUD_API_KEY is set.
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createConsoleServer } from './app.ts'
import { ConfigError, loadConfig, tokenLines } from './config.ts'
import { resolveUpstream } from './upstream.ts'

export { createConsoleServer } from './app.ts'
export type { ConsoleInfo, ConsoleServer, ConsoleServerOptions } from './app.ts'

// CONSOLE_STATIC_DIR lets parallel test runs serve their own build; the default is the project's dist/.
const DIST = path.resolve(
  process.env.CONSOLE_STATIC_DIR ?? path.join(import.meta.dirname, '../dist'),
)

async function main(): Promise<void> {
  let config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`)
      process.exit(1)
    }
    throw err
  }
  let upstream
  try {
    upstream = await resolveUpstream(config)
  } catch (err) {
    // E.g. the embedded sandbox's data folder is held by another process (sandbox/core/db/lock.ts).
    console.error(`Sandbox failed to start: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  }
  const hasBuild = fs.existsSync(path.join(DIST, 'index.html'))
  const app = createConsoleServer({
    upstream,
    host: config.host,
    consoleToken: config.consoleToken,
    timeoutMs: config.timeoutMs,
    bodyLimit: config.bodyLimit,
    staticDir: hasBuild ? DIST : null,
  })
  await new Promise<void>((resolve, reject) => {
    app.server.once('error', reject)
    app.server.listen(config.port, config.host, () => resolve())
  })
  const { port } = app.server.address() as { port: number }
  const shown = config.host.includes(':') ? `[${config.host}]` : config.host
  console.log(`elizaOS Cloud Console`)
  console.log(`  Upstream: ${upstream.description}`)
  console.log(`  Console:  http://${shown}:${port}/`)
  for (const line of tokenLines(config)) console.log(line)
  if (!hasBuild) console.log('  No build in dist/: run `npm run build` (or use `npm start`)')

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await app.close()
    await upstream.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

// Run only as the entry point (`tsx server/index.ts`), not when a test imports the factory.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main()
}
