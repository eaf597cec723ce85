import { useQuery } from '@tanstack/react-query'
import { createFileRoute, Outlet, useRouterState } from '@tanstack/react-router'
import { useState } from 'react'
import { checkoutReturnUrls } from '@/features/billing/lib/checkout-urls'
import { AddCreditsDialog } from '@/features/billing/components/add-credits-dialog'
import { BalanceSummary } from '@/features/billing/components/balance-summary'
import { BillingNav } from '@/features/billing/components/billing-nav'
import { consoleInfoQuery } from '@/api/console-info/queries'

export const Route = createFileRoute('/billing')({
  component: BillingLayout,
})

/** Every billing page: the heading, the balance with "Add credits", the tabs, then the page. */
function BillingLayout() {
  const [isAddOpen, setIsAddOpen] = useState(false)
  const info = useQuery(consoleInfoQuery())
  // "Add credits" links (402s, Cmd+K) end in #add-credits; each visit has its own key.
  const addKey = useRouterState({
    select: (s) =>
      s.location.hash === 'add-credits' ? (s.location.state.__TSR_key ?? 'add') : null,
  })
  const [openedFor, setOpenedFor] = useState<string | null>(null)
  if (addKey && addKey !== openedFor) {
    setOpenedFor(addKey)
    setIsAddOpen(true)
  }
  const returnUrls = checkoutReturnUrls(
    window.location.origin,
    info.data?.upstream.kind ?? 'sandbox',
  )

  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Billing</h1>
        <p className="max-w-prose text-sm text-muted-foreground">
          Your balance, purchases and every charge, in US dollars as the cloud reports them.
        </p>
      </div>
      <BalanceSummary onAddCredits={() => setIsAddOpen(true)} />
      <BillingNav />
      <Outlet />
      <AddCreditsDialog
        open={isAddOpen}
        onOpenChange={setIsAddOpen}
        returnUrls={returnUrls}
        returnNote={returnUrls.note}
        onRedirect={(url) => window.location.assign(url)}
      />
    </div>
  )
}
