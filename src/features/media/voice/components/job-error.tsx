import { ErrorState } from '@/components/error-state'
import { BalanceNote } from '@/components/balance-note'
import { balanceQuery } from '@/features/billing/api/queries'
import { isApiError } from '@/lib/api-error'

/** A failed run with Retry; a 402 also shows the current balance. */
export function JobError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const isCredits = isApiError(error) && error.kind === 'insufficient_credits'
  return (
    <div className="grid gap-2">
      <ErrorState error={error} onRetry={onRetry} size="card" headingLevel={3} />
      {isCredits ? <BalanceNote query={balanceQuery()} /> : null}
    </div>
  )
}
