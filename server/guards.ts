// Request guards of the proxy (docs/architecture.md §11). Pure functions of the request's method, target and
// headers, so each rule has a table-driven unit test and no I/O is needed to decide.
import { createHash, timingSafeEqual } from 'node:crypto'
import net from 'node:net'

export type GuardResult =
  { ok: true } | { ok: false; status: number; code: string; message: string }

const OK: GuardResult = { ok: true }

function fail(status: number, code: string, message: string): GuardResult {
  return { ok: false, status, code, message }
}

/** Formats `host:port` the way a browser writes it in the Host header (IPv6 in brackets). */
export function hostHeaderOf(host: string, port: number): string {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host
  return `${net.isIPv6(bare) ? `[${bare}]` : bare}:${port}`.toLowerCase()
}

/**
 * The Host header values the console answers to: the loopback names on its port plus each
 * configured host name. Anything else is refused, which defeats DNS rebinding (a hostile page
 * whose domain was re-pointed at 127.0.0.1 still sends its own domain as Host).
 */
export function allowedHosts(port: number, hosts: readonly string[]): Set<string> {
  const names = ['127.0.0.1', 'localhost', '::1', ...hosts]
  return new Set(names.map((h) => hostHeaderOf(h, port)))
}

export function checkHost(
  hostHeader: string | undefined,
  allowed: ReadonlySet<string>,
): GuardResult {
  if (hostHeader && allowed.has(hostHeader.toLowerCase())) return OK
  return fail(403, 'proxy_forbidden_host', 'This host name is not allowed to use the console')
}

/**
 * How many times a header occurs in the raw list (`req.rawHeaders`). Node keeps only the first
 * `Host` in `req.headers`, so a request with a good Host followed by a hostile one would pass
 * `checkHost` while a server behind us might read the other one: such requests are refused.
 */
export function headerCount(rawHeaders: readonly string[], lowerName: string): number {
  let count = 0
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string
    if (name.length === lowerName.length && name.toLowerCase() === lowerName) count++
  }
  return count
}

/** Exactly one `Host` header (RFC 9112 §3.2: more than one is a 400). */
export function checkSingleHost(rawHeaders: readonly string[]): GuardResult {
  if (headerCount(rawHeaders, 'host') === 1) return OK
  return fail(400, 'proxy_bad_host', 'The request must carry exactly one Host header')
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function isUnsafeMethod(method: string | undefined): boolean {
  return UNSAFE.has(method ?? '')
}

export interface OriginHeaders {
  method: string | undefined
  /** The request's (already allow-listed) Host header: the console's own origin is `http://<host>`. */
  host: string | undefined
  origin: string | undefined
  secFetchSite: string | undefined
  /** `Sec-Fetch-Mode` and `Sec-Fetch-Dest`: a top-level navigation is `navigate` + `document`. */
  secFetchMode?: string | undefined
  secFetchDest?: string | undefined
  /** The request's path, to tell a page from `/api/` and `/_console/`. */
  pathname?: string
}

/**
 * Refuses cross-site requests that could spend the key. Unsafe methods must come from the
 * console's own origin: `Origin`, when present, must equal it, and `Sec-Fetch-Site`, when present,
 * must be `same-origin` or `none` (typed in the address bar). Clients that send neither (curl,
 * scripts) are not browsers and pass. Safe methods are refused only when the browser says the
 * request is cross-site or same-site (another port of localhost), so a foreign page cannot even
 * trigger reads. One exception: a top-level navigation to a page (not `/api/`, not `/_console/`)
 * from elsewhere, such as the checkout page sending the browser back to `/billing`
 * (docs/billing.md §Checkout) or a link in another site: it loads the app's HTML, whose own
 * requests are then same-origin again.
 */
export function checkSameOrigin(h: OriginHeaders): GuardResult {
  const site = h.secFetchSite?.toLowerCase()
  if (!isUnsafeMethod(h.method)) {
    if (isPageNavigation(h)) return OK
    if (site === 'cross-site' || site === 'same-site') return crossSite()
    return OK
  }
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return crossSite()
  if (h.origin !== undefined) {
    if (!h.host || h.origin.toLowerCase() !== `http://${h.host.toLowerCase()}`) return crossSite()
  }
  return OK
}

function isPageNavigation(h: OriginHeaders): boolean {
  const path = h.pathname ?? ''
  return (
    h.secFetchMode?.toLowerCase() === 'navigate' &&
    h.secFetchDest?.toLowerCase() === 'document' &&
    path.startsWith('/') &&
    !path.startsWith('/api/') &&
    path !== '/api' &&
    !path.startsWith('/_console/')
  )
}

function crossSite(): GuardResult {
  return fail(403, 'proxy_cross_site', 'Cross-site requests to the console are refused')
}

const BAD_PATH = 'This path cannot be forwarded'

/**
 * Checks a raw request target before it is forwarded verbatim to the upstream. Only origin-form
 * `/api/...` targets pass. Anything that a server along the way could normalise into another path
 * is refused rather than cleaned: dot segments (also percent-encoded, in any case, or encoded
 * twice), encoded slashes and backslashes, empty segments, backslashes, NULs and control characters.
 */
export function checkApiPath(target: string | undefined): GuardResult {
  if (!target || !target.startsWith('/') || target.includes('#'))
    return fail(400, 'proxy_bad_path', BAD_PATH)
  const q = target.indexOf('?')
  const path = q === -1 ? target : target.slice(0, q)
  if (!path.startsWith('/api/')) return fail(400, 'proxy_bad_path', BAD_PATH)
  let current = path
  // Three rounds of decoding cover double and triple encoding; a fourth level is refused outright.
  for (let round = 0; round < 4; round++) {
    if (isUnsafePathText(current)) return fail(400, 'proxy_bad_path', BAD_PATH)
    if (!current.includes('%')) return OK
    if (round === 3) return fail(400, 'proxy_bad_path', BAD_PATH)
    let decoded: string
    try {
      decoded = decodeURIComponent(current)
    } catch {
      return fail(400, 'proxy_bad_path', BAD_PATH)
    }
    if (decoded === current) return OK
    current = decoded
  }
  return fail(400, 'proxy_bad_path', BAD_PATH)
}

// One pass per decoding round: dot-dot, backslash, empty segment, encoded slash/backslash/NUL,
// control characters, and a `.` segment.
// eslint-disable-next-line no-control-regex
const UNSAFE_PATH_TEXT = /\.\.|\\|\/\/|%(?:2f|5c|00)|[\u0000-\u001f\u007f]|(?:^|\/)\.(?:\/|$)/i

function isUnsafePathText(p: string): boolean {
  return UNSAFE_PATH_TEXT.test(p)
}

/**
 * Every value of one cookie in a `Cookie` header (Node joins repeated `Cookie` headers with `; `),
 * in the order sent. More than one means another site on the same host name (cookies ignore the
 * port) has set a cookie of that name, which the browser may even send first.
 */
export function readCookies(header: string | undefined, name: string): string[] {
  const values: string[] = []
  if (!header || !header.includes(name)) return values
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    if (part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim())
  }
  return values
}

const digest = (s: string) => createHash('sha256').update(s).digest()

/** Compares a presented console token with the configured one in constant time. */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false
  // Hashing first makes both sides the same length, so the comparison leaks neither content nor length.
  return timingSafeEqual(digest(presented), digest(expected))
}
