// Which headers cross the proxy, each way (docs/architecture.md §11): an allow-list up, a deny-list down, and
// the upstream's `Location` rewritten onto the console or refused.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http'
import { checkApiPath } from './guards.ts'

// Request headers forwarded: an allow-list, so nothing the browser (or a script) adds reaches the
// upstream unless it is listed here. Left out on purpose: every credential and identity header
// (`Cookie`, `Authorization`, `X-API-Key`, the cloud's `X-Service-Key`, `X-Wallet-*`,
// `X-Anonymous-Session`: docs/proxy.md §Identity headers; the proxy's key replaces them all), the
// client-address headers a server behind a proxy may trust (`X-Real-IP`, `X-Forwarded-*`,
// `Forwarded`, `Via`, `True-Client-IP`, `CF-Connecting-IP`…: the sandbox's rate limiter keys on
// `X-Real-IP`, docs/proxy.md §Client address), URL-rewriting headers (`X-Original-URL`, `X-Rewrite-URL`), the page's own origin
// and metadata (`Origin`, `Referer`, `Sec-Fetch-*`), hop-by-hop headers (RFC 9110 §7.6.1) and
// `X-Affiliate-Code`, which would add someone's markup to the key owner's prices. The
// console's client sends `Accept`, `Content-Type`, `Cache-Control` and (x402) `X-PAYMENT`.
const FORWARD_REQUEST = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'pragma',
  'content-type',
  'content-length',
  'content-encoding',
  'if-match',
  'if-none-match',
  'if-modified-since',
  'if-unmodified-since',
  'if-range',
  'range',
  // An SSE client resuming a stream.
  'last-event-id',
  'user-agent',
  // x402 payments (docs/billing-payments.md §x402): the signed payment is the request's point.
  'x-payment',
])

// Response headers never passed back: hop-by-hop ones, cookies (the browser must not hold upstream
// sessions), CORS grants (the cloud answers `Access-Control-Allow-Origin: *`, which would let any
// page read responses made with our key), and headers the proxy sets itself.
const DROP_RESPONSE = new Set([
  'connection',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'set-cookie',
  'set-cookie2',
  'alt-svc',
  'content-security-policy',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'cross-origin-opener-policy',
  // A Basic or Bearer challenge on a 401 would make the browser open its own sign-in dialog.
  'www-authenticate',
  // Either could send the browser elsewhere, or wipe the console's cookie and drafts.
  'refresh',
  'clear-site-data',
  // Rewritten or refused (see consoleLocation).
  'location',
  'content-location',
])

function connectionListed(value: string | string[] | undefined): Set<string> | null {
  if (!value) return null
  // The usual values name no header: skip the split on every request.
  if (value === 'keep-alive' || value === 'close') return null
  const list = Array.isArray(value) ? value.join(',') : value
  const names = list
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s && s !== 'close' && s !== 'keep-alive')
  return names.length ? new Set(names) : null
}

/**
 * The headers sent upstream, as a flat `[name, value, …]` list built from the browser's raw headers:
 * the allow-listed ones (see FORWARD_REQUEST) that the browser did not name in `Connection`; then
 * the key as `X-API-Key`.
 */
export function upstreamRequestHeaders(
  rawHeaders: readonly string[],
  connection: string | string[] | undefined,
  apiKey: string,
): string[] {
  const listed = connectionListed(connection)
  const out: string[] = []
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string
    const lower = name.toLowerCase()
    if (!FORWARD_REQUEST.has(lower) || listed?.has(lower)) continue
    out.push(name, rawHeaders[i + 1] as string)
  }
  out.push('x-api-key', apiKey)
  return out
}

/** The upstream's response headers as passed to the browser (see DROP_RESPONSE), plus `extra`. */
export function clientResponseHeaders(
  headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>,
  extra: Readonly<Record<string, string>>,
): OutgoingHttpHeaders {
  const listed = connectionListed(headers.connection)
  const out: OutgoingHttpHeaders = {}
  for (const name in headers) {
    const value = headers[name]
    if (value === undefined) continue
    if (DROP_RESPONSE.has(name) || name.startsWith('proxy-') || name.startsWith('access-control-'))
      continue
    if (listed?.has(name)) continue
    out[name] = value
  }
  return Object.assign(out, extra)
}

/** The upstream as the forwarder addresses it: its origin and the path prefix before `/api/`. */
export interface UpstreamBase {
  origin: string
  prefix: string
}

/**
 * What the browser may be told for an upstream `Location` (or null: nothing). A URL on the upstream's
 * own origin under its `/api/` becomes the console's same path, so the browser follows it through the
 * proxy. Anything else is refused: the cloud's routes have no business sending the browser to another
 * site (checkout answers with the page's URL in JSON, docs/proxy.md §Redirects), and a redirect of
 * the upstream's web pages cannot be followed through the proxy.
 */
export function consoleLocation(
  location: string,
  requestTarget: string,
  upstream: UpstreamBase,
): string | null {
  let url: URL
  try {
    url = new URL(location, upstream.origin + upstream.prefix + requestTarget)
  } catch {
    return null
  }
  if (url.origin !== upstream.origin || url.username || url.password) return null
  if (!url.pathname.startsWith(upstream.prefix + '/api/')) return null
  const path = url.pathname.slice(upstream.prefix.length) + url.search
  return checkApiPath(path).ok ? path + url.hash : null
}
