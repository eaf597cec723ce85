// The console token (CONSOLE_TOKEN): who may use the console when it is set. A request carries the
// token in the `console_token` cookie (set by the sign-in form) or in `X-Console-Token` (scripts).
// Wrong tokens are throttled per client address (attempts.ts); a request whose cookies carry the
// token twice is refused, because the other copy was set by another site on this host name
// (cookies ignore the port) and may be the one the browser sends first.
import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { clientKey, createAttemptLimiter, type AttemptLimiter } from './attempts.ts'
import { readCookies, tokenMatches } from './guards.ts'
import { sendError, signInPage, type SignInNotice } from './respond.ts'

export const TOKEN_COOKIE = 'console_token'
export const SIGN_IN_PATH = '/_console/sign-in'
const FORM_LIMIT = 4096
const COOKIE_MAX_AGE_S = 30 * 24 * 3600

const AMBIGUOUS =
  'Two console_token cookies were sent: another site on this host name (cookies ignore the port) has set one. Clear this site’s cookies in the browser (for 127.0.0.1, or the name in the address bar), then sign in again.'

export interface TokenGateOptions {
  token: string
  /** Sets the security headers on a response the gate writes. */
  applySecurity(res: ServerResponse): void
  limiter?: AttemptLimiter
}

export interface TokenGate {
  /** True when the request carries the token; otherwise the answer is written and it is false. */
  admit(req: IncomingMessage, res: ServerResponse, pathname: string): boolean
  /** `SIGN_IN_PATH`: the page (GET, HEAD) and the form (POST). False for other methods. */
  signInRoute(req: IncomingMessage, res: ServerResponse): boolean
}

type Presented = { value: string } | 'none' | 'ambiguous'

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

function presentedToken(req: IncomingMessage): Presented {
  const fromHeader = header(req, 'x-console-token')
  if (fromHeader !== undefined) return { value: fromHeader }
  const cookies = readCookies(req.headers.cookie, TOKEN_COOKIE)
  if (cookies.length === 0) return 'none'
  if (cookies.length > 1) return 'ambiguous'
  const raw = cookies[0] as string
  try {
    return { value: decodeURIComponent(raw) }
  } catch {
    return { value: raw } // a malformed cookie simply does not match
  }
}

/** Identifies a wrong value among the recent ones without keeping it. */
const fingerprint = (value: string) =>
  createHash('sha256').update(value).digest('base64url').slice(0, 16)

function wantsHtml(req: IncomingMessage): boolean {
  return /\btext\/html\b/.test(header(req, 'accept') ?? '')
}

function isPage(pathname: string): boolean {
  return !pathname.startsWith('/api/') && !pathname.startsWith('/_console/')
}

export function createTokenGate(options: TokenGateOptions): TokenGate {
  const { token, applySecurity } = options
  const limiter = options.limiter ?? createAttemptLimiter()

  function sendPage(
    res: ServerResponse,
    status: number,
    notice: SignInNotice | null,
    headers: Record<string, string> = {},
  ): void {
    applySecurity(res)
    const body = signInPage(notice)
    res.writeHead(status, {
      ...headers,
      // With the console's `no-referrer`, a browser sends `Origin: null` with the form's POST, which
      // the same-origin guard refuses; `same-origin` lets it send the console's own origin.
      'referrer-policy': 'same-origin',
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
    })
    res.end(res.req.method === 'HEAD' ? undefined : body)
  }

  /** A page load in the browser, which is better answered with HTML than with JSON. */
  function browserPage(req: IncomingMessage, pathname: string): boolean {
    return isPage(pathname) && wantsHtml(req) && (req.method === 'GET' || req.method === 'HEAD')
  }

  function askForToken(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    applySecurity(res)
    if (browserPage(req, pathname)) {
      res.writeHead(303, {
        location: SIGN_IN_PATH,
        'cache-control': 'no-store',
        'content-length': 0,
      })
      res.end()
      return
    }
    sendError(res, 401, 'proxy_token_required', 'This console needs its token (CONSOLE_TOKEN)')
  }

  function tooManyAttempts(res: ServerResponse, html: boolean, wait: number) {
    const retry = { 'retry-after': String(wait) }
    if (html) {
      const text = `Too many wrong tokens from this address. Try again in ${wait} s.`
      return sendPage(res, 429, { text, form: true }, retry)
    }
    applySecurity(res)
    sendError(
      res,
      429,
      'proxy_too_many_attempts',
      'Too many wrong console tokens from this address: wait before trying again',
      retry,
    )
  }

  function signIn(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > FORM_LIMIT) {
        req.removeAllListeners('data')
        applySecurity(res)
        sendError(res, 413, 'proxy_body_too_large', 'The sign-in form is too large', {
          connection: 'close',
        })
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (res.headersSent) return
      const client = clientKey(req.socket.remoteAddress)
      const wait = limiter.retryAfterSec(client)
      if (wait > 0) return tooManyAttempts(res, wantsHtml(req), wait)
      const presented = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('token')
      if (presented === null || !tokenMatches(presented, token)) {
        if (presented !== null) limiter.failed(client, fingerprint(presented))
        return sendPage(res, 401, { text: 'That token is not valid.', form: true })
      }
      limiter.succeeded(client)
      applySecurity(res)
      res.writeHead(303, {
        location: '/',
        'set-cookie': `${TOKEN_COOKIE}=${encodeURIComponent(presented)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${COOKIE_MAX_AGE_S}`,
        'cache-control': 'no-store',
        'content-length': 0,
      })
      res.end()
    })
  }

  return {
    admit(req, res, pathname) {
      const presented = presentedToken(req)
      if (presented === 'none') {
        askForToken(req, res, pathname)
        return false
      }
      if (presented === 'ambiguous') {
        if (browserPage(req, pathname)) sendPage(res, 400, { text: AMBIGUOUS, form: false })
        else {
          applySecurity(res)
          sendError(res, 400, 'proxy_ambiguous_token', AMBIGUOUS)
        }
        return false
      }
      // While an address is locked out its attempts are not even compared (see attempts.ts).
      const client = clientKey(req.socket.remoteAddress)
      const wait = limiter.retryAfterSec(client)
      if (wait > 0) {
        tooManyAttempts(res, browserPage(req, pathname), wait)
        return false
      }
      if (tokenMatches(presented.value, token)) return true
      limiter.failed(client, fingerprint(presented.value))
      askForToken(req, res, pathname)
      return false
    },
    signInRoute(req, res) {
      if (req.method === 'GET' || req.method === 'HEAD') {
        sendPage(res, 200, null)
        return true
      }
      if (req.method === 'POST') {
        signIn(req, res)
        return true
      }
      return false
    },
  }
}
