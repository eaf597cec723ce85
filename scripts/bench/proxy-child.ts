// Our proxy (server/app.ts) in its own process for the proxy bench: `/api/` forwarded to the
// upstream given as argv[2], no static files, no access log (a log line per request would distort).
import type { AddressInfo } from 'node:net'
import { createConsoleServer } from '../../server/app.ts'

const origin = process.argv[2]
if (!origin) throw new Error('usage: proxy-child.ts <upstream origin>')

const app = createConsoleServer({
  upstream: { origin, apiKey: 'bench-key', embedded: false },
  bodyLimit: 1024 * 1024,
  staticDir: null,
  log: () => {},
})

let stopping = false
function shutdown(): void {
  if (stopping) return
  stopping = true
  void app.close().finally(() => process.exit(0))
}
process.on('disconnect', shutdown)
process.on('SIGTERM', shutdown)

app.server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (app.server.address() as AddressInfo).port })
})
