import { createFileRoute, Link } from '@tanstack/react-router'
import { agentListQuery } from '@/features/agents/api/queries'
import { balanceQuery, summaryQuery, transactionsQuery } from '@/features/billing/api/queries'
import { containerListQuery } from '@/features/containers/api/queries'
import {
  AGENT_COUNT_PARAMS,
  consoleInfoQuery,
  RECENT_TRANSACTION_PARAMS,
} from '@/features/overview/api/queries'
import { OverviewPage } from '@/features/overview/components/overview-page'

export const Route = createFileRoute('/')({
  loader: async ({ context: { queryClient } }) => {
    // Secondary cards start now and show their own skeletons (STYLE.md §6).
    void queryClient.prefetchQuery(transactionsQuery(RECENT_TRANSACTION_PARAMS))
    void queryClient.prefetchQuery(agentListQuery(AGENT_COUNT_PARAMS))
    void queryClient.prefetchQuery(containerListQuery())
    void queryClient.prefetchQuery(consoleInfoQuery())
    void queryClient.prefetchQuery(summaryQuery())
    // The balance is awaited for the first paint. prefetchQuery never throws: a failure stays in
    // the cache and the Balance card shows it with Retry, instead of taking the page down.
    await queryClient.prefetchQuery(balanceQuery())
  },
  component: Overview,
})

const cardLink = 'text-xs font-medium text-primary underline-offset-4 hover:underline'

function Overview() {
  return (
    <OverviewPage
      containerLinks={{
        list: (
          <Link to="/containers" className={cardLink}>
            All containers
          </Link>
        ),
        deploy: (
          <Link to="/containers/new" className={cardLink}>
            Deploy one
          </Link>
        ),
      }}
    />
  )
}
