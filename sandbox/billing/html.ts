// The sandbox's stand-ins for the providers' hosted pages (Stripe Checkout, OxaPay, the x402
// paywall): plain HTML forms, no script at all, a strict CSP, never framed, never cached.

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch)

const STYLE = `
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f4f4f5;
         font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #18181b; }
  main { width: min(420px, 92vw); background: #fff; border: 1px solid #e4e4e7; border-radius: 12px;
         padding: 28px; box-shadow: 0 1px 3px rgb(0 0 0 / 0.06); }
  h1 { font-size: 20px; margin: 0 0 4px; }
  .badge { display: inline-block; font-size: 12px; padding: 2px 8px; border-radius: 999px;
           background: #fef3c7; color: #92400e; margin-bottom: 16px; }
  .amount { font-size: 32px; font-weight: 600; margin: 12px 0; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; font-size: 14px; color: #52525b; }
  dd { margin: 0; overflow-wrap: anywhere; }
  .actions { display: flex; gap: 12px; margin-top: 24px; }
  button, a.button { flex: 1; font: inherit; padding: 10px 16px; border-radius: 8px; cursor: pointer;
           text-align: center; text-decoration: none; border: 1px solid #d4d4d8; background: #fff; color: #18181b; }
  button.primary { background: #4f46e5; border-color: #4f46e5; color: #fff; }
  button:focus-visible, a.button:focus-visible { outline: 3px solid #a5b4fc; outline-offset: 2px; }
  p.note { font-size: 13px; color: #71717a; margin-top: 20px; }
`

export interface PageOptions {
  status?: number
  title: string
  body: string
  /** Origins a form on the page may be sent to or redirected to (CSP `form-action`). */
  formTargets?: readonly string[]
}

export function htmlPage({ status = 200, title, body, formTargets = [] }: PageOptions): Response {
  const formAction = ["'self'", ...new Set(formTargets)].join(' ')
  const html =
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>` +
    `<style>${STYLE}</style></head><body><main>${body}</main></body></html>`
  return new Response(html, {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      // No script may run; the form may only go to the sandbox and the redirect targets.
      'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
      'X-Frame-Options': 'DENY',
      // same-origin keeps the form's Origin header (no-referrer would send "null"), which the POST checks.
      'Referrer-Policy': 'same-origin',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}

export const SANDBOX_BADGE = '<span class="badge">Sandbox — no real money moves</span>'

export const usd = (amount: number) => `$${amount.toFixed(2)}`

/** Origin of a URL, or nothing when it does not parse (for CSP lists). */
export function originOf(value: string): string[] {
  try {
    return [new URL(value).origin]
  } catch {
    return []
  }
}
