import type { ComponentProps } from 'react'
import { AccountCard } from './account-card'
import { AgentsCard } from './agents-card'
import { BalanceCard } from './balance-card'
import { ContainersCard } from './containers-card'
import { TransactionsCard } from './transactions-card'
import { UpstreamCard } from './upstream-card'

/** Each card loads, fails and retries on its own: one failing card never takes the page down. */
export function OverviewPage({
  containerLinks,
}: {
  containerLinks?: ComponentProps<typeof ContainersCard>['links']
}) {
  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
        <p className="text-sm text-muted-foreground">Your elizaOS Cloud account at a glance.</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <BalanceCard />
        <AgentsCard />
        <ContainersCard className="sm:col-span-2 lg:col-span-1" links={containerLinks} />
      </div>
      <div className="grid items-start gap-4 lg:grid-cols-3">
        <TransactionsCard className="lg:col-span-2" />
        <div className="grid gap-4">
          <UpstreamCard />
          <AccountCard />
        </div>
      </div>
    </div>
  )
}
