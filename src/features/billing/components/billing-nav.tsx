import { Link } from '@tanstack/react-router'
import type { AppPath } from '@/components/nav-items'
import { cn } from '@/lib/cn'

/** The billing tabs, in order: each is a page of its own under /billing. */
export const BILLING_TABS: readonly { to: AppPath; label: string; exact?: boolean }[] = [
  { to: '/billing', label: 'Overview', exact: true },
  { to: '/billing/transactions', label: 'Transactions' },
  { to: '/billing/invoices', label: 'Invoices' },
  { to: '/billing/payments', label: 'Payments' },
  { to: '/billing/pricing', label: 'Pricing' },
]

/** Tab-looking links (each tab is a URL, so it survives reload and opens in a new tab). */
export function BillingNav() {
  return (
    <nav aria-label="Billing sections" className="-mx-1 overflow-x-auto">
      <ul className="flex min-w-max gap-1 border-b border-border px-1">
        {BILLING_TABS.map((tab) => (
          <li key={tab.to}>
            <Link
              to={tab.to}
              activeOptions={{ exact: tab.exact ?? false, includeSearch: false }}
              className={cn(
                '-mb-px inline-flex h-9 items-center border-b-2 border-transparent px-3 text-sm font-medium text-muted-foreground transition-colors outline-none hover:text-foreground focus-visible:rounded-sm focus-visible:ring-2 focus-visible:ring-ring',
                'data-[status=active]:border-primary data-[status=active]:text-foreground',
              )}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
