// The console's HTTP server: guards, the `/_console/` endpoints, forwarding of `/api/` and the
// production build (or, in development, Vite). Plain Node `http`: every microsecond a framework
// adds would be paid on every API call (docs/architecture.md §11).
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import { KEY_VARIABLE } from './config.ts'
import { createForwarder } from './forward.ts'
import { createKeyKeeper } from './key-keeper.ts'
import type { AttemptLimiter } from './attempts.ts'
import {
  allowedHosts,
  checkApiPath,
  checkHost,
  checkSameOrigin,
  checkSingleHost,
} from './guards.ts'
import { securityHeaders, sendError, sendJson } from './respond.ts'
import { createTokenGate, SIGN_IN_PATH } from './sign-in.ts'
import { loadStaticSite, type StaticSite } from './static.ts'

export { SIGN_IN_PATH, TOKEN_COOKIE } from './sign-in.ts'
const INFO_TTL_MS = 5000
const PROBE_TIMEOUT_MS = 5000
/** How long an idle client connection is kept open (nginx keeps 75 s; browsers reuse one within ~10 s). */
const KEEP_ALIVE_MS = 65_000
const FORWARDED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

export interface ConsoleServerOptions {
  upstream: {
    /** ORIGIN to resolve `/api/...` against (docs/cloud/README.md.md), e.g. `http://127.0.0.1:8787`. */
    origin: string
    apiKey: string
    /** True when the sandbox runs inside this process. */
    embedded: boolean
    /** Strict mode of an embedded sandbox; null when unknown. */
    strict?: boolean | null
  }
  /** The configured HOST: its name is accepted in the Host header besides the loopback names. */
  host?: string
  consoleToken?: string | null
  /** Throttles wrong console tokens (tests pass one with their own clock); default: attempts.ts. */
  attempts?: AttemptLimiter
  timeoutMs?: number | null
  bodyLimit: number
  /** Folder of the production build; null = none (API only, or a `fallback` serves the rest). */
  staticDir?: string | null
  /** Serves everything that is not `/api/` or `/_console/` (Vite's middlewares in development). */
  fallback?: (req: IncomingMessage, res: ServerResponse) => void
  /** Development: relaxes the CSP for Vite's inline scripts and HMR socket. */
  dev?: boolean
  /** One access-log line per request; default: stdout. */
  log?: (line: string) => void
}

export interface ConsoleInfo {
  upstream: {
    kind: 'sandbox' | 'cloud'
    label: string
    host: string
    embedded: boolean
    strict: boolean | null
  }
  reachable: boolean
  latencyMs: number | null
  checkedAt: string
  /** The name (never the value) of the variable that holds the key, for the console's help texts. */
  keyVariable: string
  /**
   * The console's own key as the keys list shows it (its 12-character prefix, never the secret),
   * and whether the proxy can replace it when it is changed (key-keeper.ts).
   */
  consoleKey: { prefix: string; recovery: 'reissue' | 'none' }
}

export interface ConsoleServer {
  server: http.Server
  /** Resolves when background work of the start (brotli variants of the build) is done. */
  ready: Promise<void>
  close(): Promise<void>
}

function wildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]'
}

// Listening on every interface: the machine's own names and addresses are legitimate Host values.
function machineNames(): string[] {
  const names = [os.hostname()]
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) names.push(a.address)
  }
  return names
}

// Lines are batched and written once per event-loop turn: a write per request was a measurable
// share of the proxy's time under load (stdout to a file or pipe is a synchronous syscall).
let pending = ''
function stdoutLog(line: string): void {
  if (pending === '') setImmediate(flushLog)
  pending += line + '\n'
}
function flushLog(): void {
  const out = pending
  pending = ''
  if (out) process.stdout.write(out)
}
process.once('exit', flushLog)

// eslint-disable-next-line no-control-regex
const UNLOGGABLE = /[\u0000-\u001f\u007f"\\\s]/g

/** Escapes a path for a log line (no control characters, bounded length). */
function loggable(pathname: string): string {
  // Most paths need no escaping: test first rather than rebuild the string on every request.
  UNLOGGABLE.lastIndex = 0
  const clean = UNLOGGABLE.test(pathname)
    ? pathname.replace(UNLOGGABLE, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    : pathname
  return clean.length > 300 ? `${clean.slice(0, 300)}…` : clean
}

/**
 * Creates (but does not start) the console server. Call `server.listen(port, host)`; the Host
 * allow-list is derived from the port actually bound, so port 0 works in tests.
 */
export function createConsoleServer(options: ConsoleServerOptions): ConsoleServer {
  const security = securityHeaders(options.dev ?? false)
  const securityEntries = Object.entries(security)
  const log = options.log ?? stdoutLog
  const gate = options.consoleToken
    ? createTokenGate({ token: options.consoleToken, applySecurity, limiter: options.attempts })
    : null
  const forwarder = createForwarder({
    upstreamOrigin: options.upstream.origin,
    apiKey: options.upstream.apiKey,
    bodyLimit: options.bodyLimit,
    timeoutMs: options.timeoutMs ?? null,
    responseHeaders: security,
  })
  const keeper = createKeyKeeper({
    origin: options.upstream.origin,
    apiKey: options.upstream.apiKey,
    onSwitch: (key) => forwarder.setApiKey(key),
    log,
  })
  const site: StaticSite | null = options.staticDir ? loadStaticSite(options.staticDir) : null
  const upstreamUrl = new URL(options.upstream.origin)
  let hosts: ReadonlySet<string> = new Set()

  const server = http.createServer(handle)
  // An idle keep-alive connection stays open longer than a client waits before reusing it. With
  // Node's default of 5 s, a request sent on a connection the server was just closing failed with
  // "socket hang up" (3 of 200 streaming chats in `npm run bench -- --only proxyLoad`).
  server.keepAliveTimeout = KEEP_ALIVE_MS
  server.headersTimeout = KEEP_ALIVE_MS + 1000
  server.on('listening', () => {
    const { port } = server.address() as AddressInfo
    const configured = options.host ? [options.host] : []
    hosts = allowedHosts(port, options.host && wildcard(options.host) ? machineNames() : configured)
  })

  function applySecurity(res: ServerResponse): void {
    for (const [name, value] of securityEntries) res.setHeader(name, value)
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now()
    const target = req.url ?? ''
    const q = target.indexOf('?')
    // Query strings may carry secrets: only the path is logged.
    const pathname = q === -1 ? target : target.slice(0, q)
    // `on`, not `once`: 'close' is emitted once, and this runs on every request.
    res.on('close', () => {
      const ms = (performance.now() - started).toFixed(1)
      const status = res.headersSent ? String(res.statusCode) : '-'
      const cut = res.writableFinished ? '' : ' (closed early)'
      log(`${req.method} ${loggable(pathname)} ${status} ${ms}ms${cut}`)
    })

    const single = checkSingleHost(req.rawHeaders)
    if (!single.ok) return fail(res, single)
    const host = checkHost(req.headers.host, hosts)
    if (!host.ok) return fail(res, host)
    if (!pathname.startsWith('/')) {
      // Absolute-form (`GET http://evil/...`) or asterisk-form targets: this is not a forward proxy.
      return fail(res, checkApiPath(target))
    }
    const origin = checkSameOrigin({
      method: req.method,
      host: req.headers.host,
      origin: req.headers.origin,
      secFetchSite: header(req, 'sec-fetch-site'),
      secFetchMode: header(req, 'sec-fetch-mode'),
      secFetchDest: header(req, 'sec-fetch-dest'),
      pathname,
    })
    if (!origin.ok) return fail(res, origin)

    if (gate && pathname !== SIGN_IN_PATH && !gate.admit(req, res, pathname)) return

    if (pathname.startsWith('/api/')) {
      const path = checkApiPath(target)
      if (!path.ok) return fail(res, path)
      if (!FORWARDED_METHODS.has(req.method ?? '')) {
        applySecurity(res)
        return sendError(res, 405, 'proxy_method_not_allowed', 'This method is not forwarded')
      }
      if (keeper.isKeyMutation(req.method, pathname)) {
        const forward = () =>
          new Promise<void>((resolve) => {
            res.once('close', resolve)
            forwarder.forward(req, res)
          })
        void keeper.guard(pathname, forward)
        return
      }
      const pending = keeper.pending()
      if (pending) return void pending.then(() => forwarder.forward(req, res))
      return forwarder.forward(req, res)
    }

    applySecurity(res)
    if (pathname === '/api' || pathname.startsWith('/_console/')) {
      return consoleRoute(req, res, pathname)
    }
    if (options.fallback) return options.fallback(req, res)
    if (site?.serve(req, res, pathname)) return
    if (site) return sendError(res, 405, 'proxy_method_not_allowed', 'Method not allowed')
    return noBuild(res)
  }

  function fail(res: ServerResponse, result: ReturnType<typeof checkHost>): void {
    if (result.ok) return
    applySecurity(res)
    sendError(res, result.status, result.code, result.message)
  }

  function header(req: IncomingMessage, name: string): string | undefined {
    const value = req.headers[name]
    return Array.isArray(value) ? value[0] : value
  }

  function consoleRoute(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    if (pathname === '/_console/info' && (req.method === 'GET' || req.method === 'HEAD')) {
      // During a change of the console's key, answer with the key it ends up with.
      Promise.all([info(), keeper.pending()]).then(
        ([value]) =>
          sendJson(res, 200, {
            ...value,
            consoleKey: {
              prefix: keeper.prefix(),
              // Key management with a key: the sandbox outside strict mode (docs/api-keys.md).
              recovery:
                value.upstream.kind === 'sandbox' && value.upstream.strict !== true
                  ? 'reissue'
                  : 'none',
            },
          } satisfies ConsoleInfo),
        () => sendError(res, 500, 'proxy_internal', 'The upstream status could not be read'),
      )
      return
    }
    if (pathname === SIGN_IN_PATH && gate?.signInRoute(req, res)) return
    sendError(res, 404, 'proxy_not_found', 'No such console endpoint')
  }

  function noBuild(res: ServerResponse): void {
    const body =
      'The console has not been built: run `npm run build` (or `npm start`), or `npm run dev`.\n'
    res.writeHead(404, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    })
    res.end(res.req.method === 'HEAD' ? undefined : body)
  }

  // Upstream status for the header badge, probed at most every INFO_TTL_MS.
  type ProbedInfo = Omit<ConsoleInfo, 'consoleKey'>
  let cached: { at: number; value: ProbedInfo } | null = null
  let inflight: Promise<ProbedInfo> | null = null
  let lastKnownSandbox: { strict: boolean | null } | null = null

  function info(): Promise<ProbedInfo> {
    if (cached && performance.now() - cached.at < INFO_TTL_MS) return Promise.resolve(cached.value)
    inflight ??= probeInfo().finally(() => {
      inflight = null
    })
    return inflight
  }

  async function probeInfo(): Promise<ProbedInfo> {
    const { embedded } = options.upstream
    let reachable = false
    let latencyMs: number | null = null
    let sandbox = embedded ? { strict: options.upstream.strict ?? null } : lastKnownSandbox
    try {
      // A public route (docs/cloud/auth-errors-limits.md §1): the probe needs no key, so it sends none.
      const r = await forwarder.probe('/api/v1/models', PROBE_TIMEOUT_MS)
      reachable = true
      latencyMs = Math.round(r.ms * 10) / 10
      const strictHeader = r.headers['x-elizacloud-sandbox-strict']
      const strict = strictHeader === undefined ? null : String(strictHeader) === '1'
      if (String(r.headers['x-elizacloud-sandbox']) === '1') {
        sandbox = { strict: strict ?? sandbox?.strict ?? null }
      } else if (!embedded) sandbox = null
      lastKnownSandbox = embedded ? lastKnownSandbox : sandbox
    } catch {
      // Unreachable: keep what was last known about the upstream's kind.
    }
    const value: ProbedInfo = {
      upstream: {
        kind: sandbox ? 'sandbox' : 'cloud',
        label: sandbox ? 'Sandbox' : upstreamUrl.host,
        host: upstreamUrl.host,
        embedded,
        strict: sandbox ? sandbox.strict : null,
      },
      reachable,
      latencyMs,
      checkedAt: new Date().toISOString(),
      keyVariable: KEY_VARIABLE,
    }
    cached = { at: performance.now(), value }
    return value
  }

  return {
    server,
    ready: site?.ready ?? Promise.resolve(),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await forwarder.close()
    },
  }
}
