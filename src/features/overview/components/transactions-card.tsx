import { useQuery } from '@tanstack/react-query'
import { ArrowDownLeft, ArrowUpRight, Receipt } from 'lucide-react'
import { Skeleton } from '@/components/ui/skeleton'
import { EmptyState } from '@/components/empty-state'
import { transactionsQuery } from '@/features/billing/api/queries'
import type { LedgerEntry } from '@/features/billing/api/schemas'
import { cn } from '@/lib/cn'
import { RECENT_TRANSACTION_PARAMS } from '../api/card-params'
import { formatRelativeTime, formatUsd } from '@/lib/format'
import { StatCard, cardState } from './stat-card'

export function TransactionsCard({ className }: { className?: string }) {
  const query = useQuery(transactionsQuery(RECENT_TRANSACTION_PARAMS))
  return (
    <StatCard
      title="Recent credit transactions"
      icon={Receipt}
      className={className}
      action={<span className="text-xs text-muted-foreground">Last 10</span>}
      skeleton={<TransactionsSkeleton />}
      state={cardState(query, ({ transactions }) =>
        transactions.length === 0 ? (
          <EmptyState
            icon={Receipt}
            title="No transactions yet"
            description="Top-ups and the charges for chat, media and containers appear here as you use the cloud."
          />
        ) : (
          <ul className="-mx-2 divide-y divide-border">
            {transactions.map((t) => (
              <TransactionRow key={t.id} entry={t} />
            ))}
          </ul>
        ),
      )}
    />
  )
}

function TransactionRow({ entry }: { entry: LedgerEntry }) {
  const isIncoming = entry.amount > 0
  const Icon = isIncoming ? ArrowDownLeft : ArrowUpRight
  const sign = entry.amount > 0 ? '+' : entry.amount < 0 ? '−' : ''
  return (
    <li className="flex items-center gap-3 px-2 py-2.5">
      <span
        className={cn(
          'flex size-8 shrink-0 items-center justify-center rounded-full',
          isIncoming ? 'bg-success-soft text-success' : 'bg-muted text-muted-foreground',
        )}
      >
        <Icon aria-hidden className="size-4" />
      </span>
      <div className="grid min-w-0 flex-1 gap-0.5">
        <p className="truncate text-sm text-foreground" title={entry.description ?? undefined}>
          {entry.description || <span className="text-muted-foreground">No description</span>}
        </p>
        <p className="text-xs text-muted-foreground">
          <span className="capitalize">{entry.type}</span>
          {' · '}
          <time dateTime={entry.createdAt} title={new Date(entry.createdAt).toLocaleString()}>
            {formatRelativeTime(entry.createdAt)}
          </time>
        </p>
      </div>
      <p
        className={cn(
          'shrink-0 text-sm font-medium tabular-nums',
          isIncoming ? 'text-success' : 'text-foreground',
        )}
      >
        <span className="sr-only">{isIncoming ? 'Credit of ' : 'Charge of '}</span>
        {sign}
        {formatUsd(Math.abs(entry.amount))}
      </p>
    </li>
  )
}

function TransactionsSkeleton() {
  return (
    <ul className="-mx-2 divide-y divide-border" aria-hidden>
      {Array.from({ length: 5 }, (_, i) => (
        <li key={i} className="flex items-center gap-3 px-2 py-2.5">
          <Skeleton className="size-8 rounded-full" />
          <div className="grid flex-1 gap-1.5">
            <Skeleton className="h-4 w-3/5" />
            <Skeleton className="h-3 w-1/4" />
          </div>
          <Skeleton className="h-4 w-14" />
        </li>
      ))}
    </ul>
  )
}
