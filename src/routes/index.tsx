import { createFileRoute, Link } from '@tanstack/react-router'
import { consoleInfoQuery } from '@/api/console-info/queries'
import { agentListQuery } from '@/features/agents/api/queries'
import { balanceQuery, summaryQuery, transactionsQuery } from '@/features/billing/api/queries'
import { containerListQuery } from '@/features/containers/api/queries'
import { AGENT_COUNT_PARAMS, RECENT_TRANSACTION_PARAMS } from '@/features/overview/api/card-params'
import { OverviewPage } from '@/features/overview/components/overview-page'

export const Route = createFileRoute('/')({
  // Every card's data is awaited, side by side, so the page paints once, complete: a card that
  // painted a skeleton and then grew moved the cards below it (issue #15, layout shift 0).
  // prefetchQuery never throws: a failure stays in the cache and its card shows it with Retry,
  // instead of taking the page down.
  loader: ({ context: { queryClient } }) =>
    Promise.all([
      queryClient.prefetchQuery(balanceQuery()),
      queryClient.prefetchQuery(summaryQuery()),
      queryClient.prefetchQuery(transactionsQuery(RECENT_TRANSACTION_PARAMS)),
      queryClient.prefetchQuery(agentListQuery(AGENT_COUNT_PARAMS)),
      queryClient.prefetchQuery(containerListQuery()),
      queryClient.prefetchQuery(consoleInfoQuery()),
    ]),
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
