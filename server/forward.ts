// Forwarding of `/api/...` requests to the one upstream (docs/architecture.md §11).
//
// Why undici's `Pool.dispatch` with a small handler rather than `http.request` + `pipe` or
// `pool.request` + `pipeline`: it was the fastest of the three under load on these machines (no
// intermediate Readable per response, keep-alive sockets reused without the Agent's bookkeeping),
// and each chunk goes from undici's parser straight to the browser's socket, so an SSE frame is
// written the moment it arrives.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { Transform } from 'node:stream'
import { Pool, type Dispatcher } from 'undici'
import {
  clientResponseHeaders,
  consoleLocation,
  upstreamRequestHeaders,
  type UpstreamBase,
} from './headers.ts'
import { sendError } from './respond.ts'

const SECOND = 1000

/** Idle budgets per path family (docs/cloud/auth-errors-limits.md §4: the cloud's own `maxDuration`). */
const BUDGETS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^\/api\/v1\/(chat\/completions|chat|responses|messages)(\/|$)/, 800 * SECOND],
  [/^\/api\/v1\/generate-image(\/|$)/, 180 * SECOND],
  [/^\/api\/v1\/generate-video(\/|$)/, 300 * SECOND],
  [/^\/api\/v1\/containers(\/|$)/, 780 * SECOND],
]
const DEFAULT_BUDGET = 60 * SECOND
export const CONNECT_TIMEOUT_MS = 10 * SECOND

/** How long the upstream may stay silent (before headers, or between body chunks) on this path. */
export function idleBudgetMs(path: string): number {
  if (!path.startsWith('/api/v1/')) return DEFAULT_BUDGET
  for (const [pattern, ms] of BUDGETS) if (pattern.test(path)) return ms
  return DEFAULT_BUDGET
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
])

export function isTimeoutError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' && TIMEOUT_CODES.has(code)
}

class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError'
}
class ClientGoneError extends Error {
  override name = 'ClientGoneError'
}

export interface ForwarderOptions {
  /** Upstream ORIGIN (may carry a path prefix), e.g. `https://www.elizacloud.ai`. */
  upstreamOrigin: string
  apiKey: string
  bodyLimit: number
  /** Overrides every per-path idle budget (and caps the connect timeout); null = per path. */
  timeoutMs: number | null
  /** Added to every forwarded response (security headers). */
  responseHeaders: Readonly<Record<string, string>>
}

export interface ProbeResult {
  status: number
  headers: IncomingHttpHeaders
  ms: number
}

export interface Forwarder {
  /** Forwards a request whose target already passed `checkApiPath`. Never throws. */
  forward(req: IncomingMessage, res: ServerResponse): void
  /** A GET without the key (for public routes), body discarded. Rejects if unreachable. */
  probe(path: string, timeoutMs: number): Promise<ProbeResult>
  /** Swaps the key sent upstream (key-keeper.ts: the console's key was re-issued). */
  setApiKey(key: string): void
  close(): Promise<void>
}

interface ExchangeShared {
  /** Added to every forwarded response (security headers). */
  responseHeaders: Readonly<Record<string, string>>
  upstream: UpstreamBase
  tooLarge(res: ServerResponse): void
}

/**
 * One forwarded request: the undici handler that streams the upstream's answer to the browser.
 * A class rather than a handler object of closures, because it is created on every API call: its
 * methods live on the prototype, so a request allocates one object and one listener instead of
 * seven closures.
 */
class Exchange implements Dispatcher.DispatchHandler {
  body: Transform | null = null
  private bodyTooLarge = false
  private controller: Dispatcher.DispatchController | null = null
  private clientGone = false
  /** The upstream's answer was replaced by the proxy's own: its body is not passed on. */
  private discard = false

  constructor(
    private readonly res: ServerResponse,
    private readonly target: string,
    private readonly shared: ExchangeShared,
  ) {
    res.on('close', this.onClientClose)
  }

  /** Streams the browser's body upstream, counting it (see `forward`). */
  readBody(req: IncomingMessage, limit: number): void {
    // Counting here enforces the limit on chunked bodies; it also keeps undici from destroying
    // the browser's request (and with it the socket we still answer on) if the upstream answers
    // before reading the whole body.
    let received = 0
    this.body = new Transform({
      transform: (chunk: Buffer, _enc, callback) => {
        received += chunk.length
        if (received > limit) {
          this.bodyTooLarge = true
          callback(new BodyTooLargeError('request body too large'))
        } else callback(null, chunk)
      },
    })
    req.pipe(this.body)
  }

  // An arrow property: it is a listener, and `this` must stay the exchange.
  private readonly onClientClose = (): void => {
    if (this.res.writableFinished) return
    // The browser went away (Stop button, navigation): stop the upstream work, which may be billed.
    this.clientGone = true
    this.controller?.abort(new ClientGoneError('client disconnected'))
  }

  onRequestStart(c: Dispatcher.DispatchController): void {
    this.controller = c
    if (this.clientGone) c.abort(new ClientGoneError('client disconnected'))
  }

  onResponseStart(
    _c: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    if (statusCode < 200) return
    const out = clientResponseHeaders(headers, this.shared.responseHeaders)
    const location = headers.location
    if (location !== undefined) {
      const rewritten = consoleLocation(String(location), this.target, this.shared.upstream)
      if (rewritten !== null) out.location = rewritten
      else if (statusCode >= 300 && statusCode < 400) {
        // A redirect the browser must not follow: say so rather than hand it a 3xx with no target.
        this.discard = true
        sendError(
          this.res,
          502,
          'proxy_upstream_redirect',
          'The upstream redirected this request to another site; the console does not follow it',
          this.shared.responseHeaders,
        )
        return
      }
    }
    this.res.writeHead(statusCode, out)
    // A stream (no length) must show its headers now: an SSE reply may be silent for seconds.
    if (headers['content-length'] === undefined) this.res.flushHeaders()
  }

  onResponseData(c: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.discard) return
    if (!this.res.write(chunk)) {
      c.pause()
      this.res.once('drain', () => c.resume())
    }
  }

  onResponseEnd(): void {
    if (!this.discard) this.res.end()
  }

  onResponseError(_c: Dispatcher.DispatchController | null, err: Error): void {
    this.body?.destroy()
    const { res } = this
    if (this.clientGone || res.destroyed || this.discard) return
    if (res.headersSent) {
      // Mid-body failure (idle timeout, upstream cut): cut the stream so the client sees it.
      res.destroy()
    } else if (this.bodyTooLarge) {
      this.shared.tooLarge(res)
    } else if (isTimeoutError(err)) {
      sendError(
        res,
        504,
        'proxy_timeout',
        'The upstream did not answer in time',
        this.shared.responseHeaders,
      )
    } else {
      sendError(
        res,
        502,
        'proxy_upstream_unreachable',
        'The upstream could not be reached',
        this.shared.responseHeaders,
      )
    }
  }
}

export function createForwarder(options: ForwarderOptions): Forwarder {
  const url = new URL(options.upstreamOrigin)
  const prefix = url.pathname.replace(/\/+$/, '')
  const connectTimeout = Math.min(CONNECT_TIMEOUT_MS, options.timeoutMs ?? CONNECT_TIMEOUT_MS)
  const pool = new Pool(url.origin, {
    // Enough for many concurrent streams (each SSE reply holds a connection for its lifetime).
    connections: 256,
    connect: { timeout: connectTimeout },
    keepAliveTimeout: 4 * SECOND,
  })
  const { bodyLimit, timeoutMs, responseHeaders } = options
  let apiKey = options.apiKey

  const shared: ExchangeShared = {
    responseHeaders,
    upstream: { origin: url.origin, prefix },
    tooLarge,
  }

  function forward(req: IncomingMessage, res: ServerResponse): void {
    const target = req.url as string
    const declared = req.headers['content-length']
    if (declared !== undefined && Number(declared) > bodyLimit) {
      tooLarge(res)
      return
    }
    const q = target.indexOf('?')
    const budget = timeoutMs ?? idleBudgetMs(q === -1 ? target : target.slice(0, q))
    const hasBody =
      declared !== undefined ? declared !== '0' : req.headers['transfer-encoding'] !== undefined
    const exchange = new Exchange(res, target, shared)
    if (hasBody) exchange.readBody(req, bodyLimit)
    pool.dispatch(
      {
        path: prefix + target,
        method: req.method as Dispatcher.HttpMethod,
        headers: upstreamRequestHeaders(req.rawHeaders, req.headers.connection, apiKey),
        body: exchange.body,
        headersTimeout: budget,
        bodyTimeout: budget,
      },
      exchange,
    )
  }

  function tooLarge(res: ServerResponse): void {
    // Close afterwards: the rest of an oversized upload is not worth reading.
    sendError(res, 413, 'proxy_body_too_large', `The request body exceeds ${bodyLimit} bytes`, {
      ...responseHeaders,
      connection: 'close',
    })
  }

  async function probe(path: string, probeTimeout: number): Promise<ProbeResult> {
    const started = performance.now()
    const r = await pool.request({
      path: prefix + path,
      method: 'GET',
      headers: { accept: 'application/json' },
      headersTimeout: probeTimeout,
      bodyTimeout: probeTimeout,
    })
    await r.body.dump()
    return { status: r.statusCode, headers: r.headers, ms: performance.now() - started }
  }

  return {
    forward,
    probe,
    setApiKey: (key: string) => {
      apiKey = key
    },
    close: () => pool.destroy(),
  }
}
