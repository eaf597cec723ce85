import { useQuery } from '@tanstack/react-query'
import { Loader2, Wallet } from 'lucide-react'
import { balanceQuery } from '@/features/billing/api/queries'
import { formatUsd } from '@/lib/format'
import { StatCard, StatValue, cardState } from './stat-card'

export function BalanceCard() {
  const query = useQuery(balanceQuery())
  return (
    <StatCard
      title="Balance"
      icon={Wallet}
      action={
        query.isFetching && query.data ? (
          <Loader2 aria-label="Refreshing" className="size-4 animate-spin text-muted-foreground" />
        ) : null
      }
      state={cardState(query, ({ balance }) => (
        <StatValue
          value={formatUsd(balance)}
          caption={
            balance <= 0
              ? 'No credit left: metered calls will fail until you add some.'
              : 'Available credit (USD), refreshed every 30 s.'
          }
        />
      ))}
    />
  )
}
