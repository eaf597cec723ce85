// The checkout redirect allow-list (docs/cloud/billing.md §4, the cloud's redirect-validation.ts): an
// absolute http(s) URL without credentials whose origin is exactly one of the allowed origins.

/** The fixed origins besides the deployment's own public URL (docs/cloud/billing.md §4). */
export const CLOUD_REDIRECT_ORIGINS: readonly string[] = [
  'http://localhost:3000',
  'http://localhost:3001',
  'http://127.0.0.1:3000',
  'http://127.0.0.1:3001',
  'https://milady.ai',
  'https://www.milady.ai',
  'https://app.milady.ai',
]

export interface RedirectPolicy {
  /** The deployment's own origin: for the sandbox, the origin the request reached it on. */
  ownOrigin: string
  /**
   * Named extension (off in strict mode): any `http://127.0.0.1:<port>` or
   * `http://localhost:<port>`, so a console on its default port 4000 gets the redirect back.
   */
  allowLoopback: boolean
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost'])

export function isAllowedRedirect(value: string, policy: RedirectPolicy): boolean {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return false
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false
  if (url.username || url.password) return false
  if (url.origin === policy.ownOrigin || CLOUD_REDIRECT_ORIGINS.includes(url.origin)) return true
  return policy.allowLoopback && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)
}

/** The success URL with `session_id` added to its query, as the cloud asks Stripe to do. */
export function withSessionId(successUrl: string, sessionId: string): string {
  const url = new URL(successUrl)
  url.searchParams.set('session_id', sessionId)
  return url.toString()
}
