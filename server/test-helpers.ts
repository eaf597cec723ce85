// Helpers for the proxy's tests: a fake upstream that records what reaches it, the console server on
// port 0, and a raw HTTP client (fetch would add or forbid headers the tests need to control).
import http, {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'
import { createConsoleServer, type ConsoleServer, type ConsoleServerOptions } from './app.ts'

export interface Recorded {
  method: string
  url: string
  headers: IncomingHttpHeaders
  rawHeaders: string[]
  body: Buffer
}

export interface FakeUpstream {
  origin: string
  received: Recorded[]
  /** Resolves with the next request that reaches the upstream (headers only, body may still flow). */
  nextRequest(): Promise<IncomingMessage>
  close(): Promise<void>
}

export async function startUpstream(
  handler: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void,
  options: { bufferBody?: boolean } = {},
): Promise<FakeUpstream> {
  const received: Recorded[] = []
  const waiters: ((req: IncomingMessage) => void)[] = []
  const server = http.createServer((req, res) => {
    waiters.shift()?.(req)
    if (options.bufferBody === false) {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: Buffer.alloc(0),
      })
      handler(req, res, Buffer.alloc(0))
      return
    }
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body,
      })
      handler(req, res, body)
    })
  })
  await listen(server)
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    nextRequest: () => new Promise((resolve) => waiters.push(resolve)),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

export interface RunningConsole {
  url: string
  host: string
  port: number
  app: ConsoleServer
  logs: string[]
  close(): Promise<void>
}

export const TEST_KEY = 'eliza_' + 'c0ffee'.repeat(10) + 'beef'

export async function startConsole(
  options: Partial<ConsoleServerOptions> & { upstreamOrigin: string },
): Promise<RunningConsole> {
  const logs: string[] = []
  const { upstreamOrigin, ...rest } = options
  const app = createConsoleServer({
    upstream: { origin: upstreamOrigin, apiKey: TEST_KEY, embedded: false },
    bodyLimit: 1024 * 1024,
    log: (line) => logs.push(line),
    ...rest,
  })
  await listen(app.server)
  const { port } = app.server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    port,
    app,
    logs,
    close: () => app.close(),
  }
}

function listen(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
}

export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
  text: string
}

export interface RawRequest {
  method?: string
  /** Sent verbatim as the request target. */
  path: string
  headers?: Record<string, string | string[]>
  body?: string | Buffer
  signal?: AbortSignal
}

/** One request with exactly the given target and headers (Host defaults to the console's). */
export function send(base: RunningConsole, r: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: base.port,
        method: r.method ?? 'GET',
        path: r.path,
        headers: { host: base.host, ...r.headers },
        signal: r.signal,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const body = Buffer.concat(chunks)
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: body.toString(),
          })
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(r.body)
  })
}

/** Waits until `predicate` holds, polling on each event-loop turn (no fixed sleeps). */
export async function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now()
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 5))
  }
}
