import { useQuery } from '@tanstack/react-query'
import { RotateCw, Wallet } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Skeleton } from '@/components/ui/skeleton'
import { errorTitle } from '@/components/error-title'
import { cn } from '@/lib/cn'
import { formatUsd } from '@/lib/format'
import { balanceQuery } from '../api/queries'

/** The header's live balance in USD (polled every 30 s and on focus). */
export function BalanceIndicator({ className }: { className?: string }) {
  const { data, error, isPending, isFetching, refetch } = useQuery(balanceQuery())
  const hasFailed = data === undefined && error !== null
  return (
    <div className="flex items-center gap-1">
      <div
        role="status"
        aria-label="Credit balance"
        className={cn(
          'flex h-9 items-center gap-2 rounded-md border border-border bg-card px-2.5 text-sm shadow-card',
          hasFailed && 'border-destructive/40',
          className,
        )}
      >
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
      </div>
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
