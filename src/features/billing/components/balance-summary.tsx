import { useQuery } from '@tanstack/react-query'
import { Plus, TriangleAlert } from 'lucide-react'
import { ErrorState } from '@/components/error-state'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Skeleton } from '@/components/ui/skeleton'
import { cn } from '@/lib/cn'
import { formatUsd } from '@/lib/format'
import { balanceLevel, balanceWarning } from '../lib/low-balance'
import { balanceQuery } from '../api/queries'

/** The balance at the top of every billing page, its warning, and "Add credits". */
export function BalanceSummary({ onAddCredits }: { onAddCredits: () => void }) {
  const balance = useQuery(balanceQuery())
  const level = balance.data ? balanceLevel(balance.data.balance) : 'ok'
  const warning = balanceWarning(level)
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="grid gap-0.5">
          <p className="text-sm text-muted-foreground" id="billing-balance-label">
            Balance (US dollars)
          </p>
          {balance.data ? (
            <p
              aria-labelledby="billing-balance-label"
              className={cn(
                'text-3xl font-semibold tracking-tight tabular-nums',
                level === 'critical' && 'text-destructive',
              )}
              data-testid="billing-balance"
            >
              {formatUsd(balance.data.balance)}
            </p>
          ) : balance.isError ? (
            <p className="text-3xl font-semibold text-muted-foreground">—</p>
          ) : (
            <Skeleton className="h-9 w-32" />
          )}
        </div>
        <Button onClick={onAddCredits}>
          <Plus aria-hidden />
          Add credits
        </Button>
      </div>
      {balance.isError && !balance.data ? (
        <ErrorState
          error={balance.error}
          onRetry={() => void balance.refetch()}
          isRetrying={balance.isRefetching}
          retryLabel="Retry loading the balance"
        />
      ) : null}
      {warning ? (
        <Alert variant={level === 'critical' ? 'destructive' : 'warning'}>
          <TriangleAlert aria-hidden />
          <AlertTitle>{level === 'critical' ? 'Almost out of credits' : 'Low balance'}</AlertTitle>
          <AlertDescription>{warning}</AlertDescription>
        </Alert>
      ) : null}
    </div>
  )
}
