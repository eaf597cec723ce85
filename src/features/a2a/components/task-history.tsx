import { History } from 'lucide-react'
import { useRef } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { EmptyState } from '@/components/empty-state'
import { Skeleton } from '@/components/ui/skeleton'
import { cn } from '@/lib/cn'
import { formatRelativeTime } from '@/lib/format'
import { useNow } from '@/lib/use-now'
import type { HistoryEntry } from '../api/history'
import { TaskStateBadge } from './task-state-badge'

const ROW_HEIGHT = 64

type TaskHistoryProps = {
  entries: HistoryEntry[] | undefined
  isError: boolean
  openTaskId: string
  onOpen: (taskId: string) => void
}

/** The tasks sent from this browser (IndexedDB), newest first; a long list is virtualized. */
export function TaskHistory({ entries, isError, openTaskId, onOpen }: TaskHistoryProps) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const now = useNow(true, 60_000)
  const count = entries?.length ?? 0
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are read in render only
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  })
  if (isError) {
    return (
      <p className="text-sm text-muted-foreground">
        This browser’s storage could not be read, so the history is not available.
      </p>
    )
  }
  if (!entries) {
    return (
      <div className="grid gap-2" aria-hidden>
        <Skeleton className="h-14" />
        <Skeleton className="h-14" />
      </div>
    )
  }
  if (!entries.length) {
    return (
      <EmptyState
        icon={History}
        title="No tasks yet"
        description="Tasks you send from this browser are listed here, so you can open them again."
      />
    )
  }
  return (
    <div ref={scrollRef} className="max-h-96 overflow-auto">
      <ul
        aria-label="Task history"
        className="relative"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((row) => {
          const entry = entries[row.index]
          if (!entry) return null
          const isOpen = entry.id === openTaskId
          return (
            <li
              key={entry.id}
              className="absolute inset-x-0 top-0 pb-2"
              style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
            >
              <button
                type="button"
                aria-current={isOpen || undefined}
                onClick={() => onOpen(entry.id)}
                className={cn(
                  'grid h-full w-full grid-cols-[1fr_auto] items-center gap-x-2 rounded-md border px-3 text-left text-sm hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none',
                  isOpen && 'border-primary bg-muted',
                )}
              >
                <span className="truncate font-medium">{entry.skill}</span>
                <TaskStateBadge state={entry.state} />
                <span className="truncate font-mono text-xs text-muted-foreground">{entry.id}</span>
                <time dateTime={entry.sentAt} className="text-xs text-muted-foreground">
                  {formatRelativeTime(entry.sentAt, now)}
                </time>
              </button>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
