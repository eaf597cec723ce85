// Where the checkout page sends the browser back to. The cloud accepts only its allow-list
// (docs/billing.md §Checkout): a console elsewhere cannot receive the redirect, so the return
// goes to the dashboard and the console says so. The sandbox also accepts any loopback origin.
import { DASHBOARD_URL } from '@/components/nav-items'

/** Console origins the cloud redirects back to (docs/billing.md §Checkout). */
export const CLOUD_RETURN_ORIGINS: readonly string[] = [
  'http://localhost:3000',
  'http://localhost:3001',
  'http://127.0.0.1:3000',
  'http://127.0.0.1:3001',
]

export type ReturnUrls = { success: string; cancel: string; note?: string }

export function checkoutReturnUrls(origin: string, upstream: 'sandbox' | 'cloud'): ReturnUrls {
  if (upstream === 'cloud' && !CLOUD_RETURN_ORIGINS.includes(origin)) {
    return {
      success: DASHBOARD_URL,
      cancel: DASHBOARD_URL,
      note: 'The cloud only sends the browser back to consoles on port 3000 or 3001; from this address checkout returns to the elizaOS Cloud dashboard. Come back here afterwards: the balance refreshes by itself.',
    }
  }
  // The server adds session_id to the success URL (docs/billing.md §Checkout).
  return {
    success: `${origin}/billing?checkout=success`,
    cancel: `${origin}/billing?checkout=cancelled`,
  }
}
