// `npm run dev`: one command, one port. Vite runs in middleware mode behind the console server, so
// `/api/` goes through exactly the same guards and forwarding as in production and everything else
// is served by Vite (with HMR over the same server).
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { createServer as createViteServer, type ViteDevServer } from 'vite'
import { createConsoleServer } from './app.ts'
import { ConfigError, isLoopbackHost, loadConfig, tokenLines } from './config.ts'
import { resolveUpstream } from './upstream.ts'

const ROOT = path.resolve(import.meta.dirname, '..')

let config
try {
  config = loadConfig(path.join(ROOT, '.env'))
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`Configuration error: ${err.message}`)
    process.exit(1)
  }
  throw err
}

const upstream = await resolveUpstream(config)
let vite: ViteDevServer | null = null
const app = createConsoleServer({
  upstream,
  host: config.host,
  consoleToken: config.consoleToken,
  timeoutMs: config.timeoutMs,
  bodyLimit: config.bodyLimit,
  dev: true,
  fallback: (req: IncomingMessage, res: ServerResponse) => {
    if (vite) vite.middlewares(req, res)
    else {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' })
      res.end('Vite is starting\n')
    }
  },
})

vite = await createViteServer({
  root: ROOT,
  appType: 'spa',
  server: {
    middlewareMode: true,
    // HMR's WebSocket shares the console's port.
    ws: { server: app.server },
    // Vite checks the Host of its own requests and of the HMR socket; accept the configured HOST too.
    allowedHosts: isLoopbackHost(config.host) ? [] : [config.host],
  },
})

await new Promise<void>((resolve, reject) => {
  app.server.once('error', reject)
  app.server.listen(config.port, config.host, () => resolve())
})
const { port } = app.server.address() as { port: number }
const shown = config.host.includes(':') ? `[${config.host}]` : config.host
console.log(`elizaOS Cloud Console (development)`)
console.log(`  Upstream: ${upstream.description}`)
console.log(`  Console:  http://${shown}:${port}/`)
for (const line of tokenLines(config)) console.log(line)

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  await vite?.close()
  await app.close()
  await upstream.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
