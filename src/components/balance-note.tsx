import { useQuery, type QueryKey, type UseQueryOptions } from '@tanstack/react-query'
import { cn } from '@/lib/cn'
import { formatUsd } from '@/lib/format'

type BalanceNoteProps<TError, TKey extends QueryKey> = {
  /** The billing feature's `balanceQuery()` (components/ never import features, docs/architecture.md §2). */
  query: UseQueryOptions<{ balance: number }, TError, { balance: number }, TKey>
  className?: string
}

/**
 * "Your balance: $X." under an out-of-credits ErrorState (whose "Add credits" opens the billing
 * page's form), indented to line up with its text; '…' while loading, '—' when it cannot be read.
 */
export function BalanceNote<TError, TKey extends QueryKey>({
  query,
  className,
}: BalanceNoteProps<TError, TKey>) {
  const balance = useQuery(query)
  return (
    <p className={cn('pl-11 text-sm text-muted-foreground', className)}>
      Your balance:{' '}
      <span className="font-medium text-foreground tabular-nums">
        {balance.data ? formatUsd(balance.data.balance) : balance.isError ? '—' : '…'}
      </span>
      .
    </p>
  )
}
