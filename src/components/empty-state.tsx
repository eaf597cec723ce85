import type { LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'
import { cn } from '@/lib/cn'

type EmptyStateProps = {
  icon?: LucideIcon
  title: string
  description?: ReactNode
  /** The next thing to do: a button or a link. */
  action?: ReactNode
  size?: 'card' | 'page'
  className?: string
}

/** What an empty list shows instead of nothing, with its next action (docs/architecture.md §7). */
export function EmptyState({
  icon: Icon,
  title,
  description,
  action,
  size = 'card',
  className,
}: EmptyStateProps) {
  return (
    <div
      data-slot="empty-state"
      className={cn(
        'flex flex-col items-center justify-center gap-2 text-center',
        size === 'page' ? 'rounded-xl border border-dashed px-6 py-16' : 'px-4 py-8',
        className,
      )}
    >
      {Icon ? (
        <span className="mb-1 flex size-10 items-center justify-center rounded-full bg-muted text-muted-foreground">
          <Icon aria-hidden className="size-5" />
        </span>
      ) : null}
      <p className="text-sm font-medium text-foreground">{title}</p>
      {description ? (
        <div className="max-w-sm text-sm text-muted-foreground">{description}</div>
      ) : null}
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  )
}
