// Responses the proxy writes itself: its errors (in the cloud's E2 shape, so the browser client needs
// no extra branch: docs/cloud/auth-errors-limits.md §2) and the security headers every response carries.
import type { ServerResponse } from 'node:http'

const CSP_PRODUCTION = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "media-src 'self' data: blob: https:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

// Vite injects inline scripts (the React refresh preamble) and talks to its HMR socket in development.
const CSP_DEVELOPMENT = CSP_PRODUCTION.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-inline'",
).replace("connect-src 'self'", "connect-src 'self' ws: wss:")

/** Headers set on every response, the proxy's own and forwarded ones alike. */
export function securityHeaders(dev: boolean): Record<string, string> {
  return {
    'content-security-policy': dev ? CSP_DEVELOPMENT : CSP_PRODUCTION,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
  }
}

export interface ProxyErrorBody {
  success: false
  error: string
  code: string
}

/**
 * Writes an E2 error `{ success: false, error, code }` unless headers are already out, in which
 * case the only honest signal left is to cut the connection. Messages are fixed strings chosen
 * by the caller: never interpolate an upstream error, which could carry a header value.
 */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  const body = JSON.stringify({ success: false, error: message, code } satisfies ProxyErrorBody)
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  })
  res.end(res.req.method === 'HEAD' ? undefined : body)
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  })
  res.end(res.req.method === 'HEAD' ? undefined : body)
}

export interface SignInNotice {
  text: string
  /** False when signing in again cannot help (the page then shows the notice only). */
  form: boolean
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** The token sign-in page: a plain form, no script (the CSP allows none inline). */
export function signInPage(notice: SignInNotice | null = null): string {
  const alert = notice ? `<p role="alert">${escapeHtml(notice.text)}</p>\n` : ''
  const form =
    notice?.form === false
      ? ''
      : `<label for="token">Console token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Sign in</button>
`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:,">
<title>Sign in · elizaOS Cloud Console</title>
<style>
body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:100vh;margin:0}
form{display:grid;gap:.75rem;width:min(22rem,90vw)}
input,button{font:inherit;padding:.5rem .75rem;border-radius:.375rem;border:1px solid #8886}
button{cursor:pointer}
p[role=alert]{color:light-dark(#b91c1c,#fca5a5);margin:0}
</style>
</head>
<body>
<main>
<form method="post" action="/_console/sign-in">
<h1>elizaOS Cloud Console</h1>
<p>This console is protected by a token (CONSOLE_TOKEN).</p>
${alert}${form}</form>
</main>
</body>
</html>
`
}
