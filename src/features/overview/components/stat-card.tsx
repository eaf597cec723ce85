import type { UseQueryResult } from '@tanstack/react-query'
import type { LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'
import { Card, CardAction, CardContent, CardHeader, CardTitle } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import { ErrorState } from '@/components/error-state'

type StatCardProps = {
  /** id of the card (a link target); the title's id is derived from the title. */
  id?: string
  title: string
  icon: LucideIcon
  action?: ReactNode
  className?: string
  state: CardState
  skeleton?: ReactNode
}

/** One of: loading, error (with retry), or the content. */
export type CardState =
  | { status: 'pending' }
  | { status: 'error'; error: unknown; onRetry: () => void; isRetrying: boolean }
  | { status: 'success'; children: ReactNode }

/** Data wins over a background error: a card keeps showing what it had. */
export function cardState<T>(query: UseQueryResult<T>, render: (data: T) => ReactNode): CardState {
  if (query.data !== undefined) return { status: 'success', children: render(query.data) }
  if (query.isError) {
    return {
      status: 'error',
      error: query.error,
      onRetry: () => void query.refetch(),
      isRetrying: query.isFetching,
    }
  }
  return { status: 'pending' }
}

/** A titled card that owns its loading, error and content states. */
export function StatCard({
  id,
  title,
  icon: Icon,
  action,
  className,
  state,
  skeleton,
}: StatCardProps) {
  const titleId = `card-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`
  return (
    <Card
      id={id}
      aria-labelledby={titleId}
      aria-busy={state.status === 'pending' || undefined}
      className={className}
    >
      <CardHeader>
        <CardTitle id={titleId}>
          <Icon aria-hidden />
          {title}
        </CardTitle>
        {action ? <CardAction>{action}</CardAction> : null}
      </CardHeader>
      <CardContent>
        {state.status === 'pending' ? (
          (skeleton ?? <StatSkeleton />)
        ) : state.status === 'error' ? (
          <ErrorState error={state.error} onRetry={state.onRetry} isRetrying={state.isRetrying} />
        ) : (
          state.children
        )}
      </CardContent>
    </Card>
  )
}

/** Exactly {@link StatValue}'s height (a 36 px figure line, 4 px gap, a 20 px caption line). */
export function StatSkeleton() {
  return (
    <div className="grid gap-1">
      <div className="py-0.5">
        <Skeleton className="h-8 w-28" />
      </div>
      <div className="py-0.5">
        <Skeleton className="h-4 w-40" />
      </div>
    </div>
  )
}

export function StatValue({ value, caption }: { value: ReactNode; caption?: ReactNode }) {
  return (
    <div className="grid gap-1">
      <p className="text-3xl font-semibold tracking-tight text-foreground tabular-nums">{value}</p>
      {caption ? <div className="text-sm text-muted-foreground">{caption}</div> : null}
    </div>
  )
}
