import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { RotateCw, TriangleAlert, Wallet } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Skeleton } from '@/components/ui/skeleton'
import { errorTitle } from '@/components/error-title'
import { cn } from '@/lib/cn'
import { formatUsd } from '@/lib/format'
import { balanceLevel, balanceWarning } from '../lib/low-balance'
import { balanceQuery } from '../api/queries'

/**
 * The header's live balance in USD (polled every 30 s and on focus), a link to Billing. Below $1
 * and below $0.50 it carries the same warning as the billing page.
 */
export function BalanceIndicator({ className }: { className?: string }) {
  const { data, error, isPending, isFetching, refetch } = useQuery(balanceQuery())
  const hasFailed = data === undefined && error !== null
  const level = data ? balanceLevel(data.balance) : 'ok'
  const warning = balanceWarning(level)
  return (
    <div className="flex items-center gap-1">
      <Link
        to="/billing"
        title={warning ?? 'Billing: add credits, see transactions'}
        className={cn(
          'flex h-9 items-center gap-2 rounded-md border border-border bg-card px-2.5 text-sm shadow-card transition-colors outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background',
          hasFailed && 'border-destructive/40',
          level === 'low' && 'border-warning/50 bg-warning-soft',
          level === 'critical' && 'border-destructive/50 bg-destructive-soft',
          className,
        )}
      >
        <span role="status" aria-label="Credit balance" className="flex items-center gap-2">
          <Wallet
            aria-hidden
            className={cn('size-4', hasFailed ? 'text-destructive' : 'text-muted-foreground')}
          />
          {data !== undefined ? (
            <span className="font-semibold text-foreground tabular-nums">
              {formatUsd(data.balance)}
            </span>
          ) : isPending && !hasFailed ? (
            <Skeleton className="h-4 w-12" />
          ) : (
            <span className="text-muted-foreground">
              —<span className="sr-only"> unavailable: {errorTitle(error)}</span>
            </span>
          )}
        </span>
        {warning ? (
          <span className={level === 'critical' ? 'text-destructive' : 'text-warning'}>
            <TriangleAlert aria-hidden className="size-4" />
            <span className="sr-only">{warning}</span>
          </span>
        ) : null}
      </Link>
      {hasFailed ? (
        <Button
          variant="ghost"
          size="icon-sm"
          label="Retry loading the balance"
          title={`Balance unavailable: ${errorTitle(error)}`}
          pending={isFetching}
          onClick={() => void refetch()}
        >
          <RotateCw aria-hidden />
        </Button>
      ) : null}
    </div>
  )
}
