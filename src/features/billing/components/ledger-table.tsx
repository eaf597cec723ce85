import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useMemo, useRef } from 'react'
import { cn } from '@/lib/cn'
import { formatUsd } from '@/lib/format'
import { flattenGroups, type LedgerGroup, type LedgerRow } from '../api/ledger'

const ROW_PX = 44
const COLUMNS = 'grid-cols-[10.5rem_5.5rem_minmax(16rem,1fr)_7.5rem_8.5rem]'

const dateFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
})

/**
 * The ledger as a virtualized ARIA table (only the rows in view are in the DOM). A settle row
 * (refund, overage) sits under the reservation it settles, indented.
 */
export function LedgerTable({ groups }: { groups: readonly LedgerGroup[] }) {
  const rows = useMemo(() => flattenGroups(groups), [groups])
  const scrollRef = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are read in render only
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 10,
  })
  const items = virtualizer.getVirtualItems()
  return (
    <div
      ref={scrollRef}
      className="max-h-[min(70vh,40rem)] overflow-auto rounded-xl border border-border bg-card"
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- the ledger scrolls by keyboard
      tabIndex={0}
      aria-label="Transactions, scrollable"
      role="region"
    >
      <div
        role="table"
        aria-label="Transactions"
        aria-rowcount={rows.length + 1}
        className="min-w-[48rem]"
      >
        <div
          role="rowgroup"
          className="sticky top-0 z-10 border-b border-border bg-muted/80 backdrop-blur"
        >
          <div
            role="row"
            aria-rowindex={1}
            className={cn(
              'grid h-9 items-center px-3 text-xs font-medium text-muted-foreground',
              COLUMNS,
            )}
          >
            <span role="columnheader">Date</span>
            <span role="columnheader">Type</span>
            <span role="columnheader">Description</span>
            <span role="columnheader" className="text-right">
              Amount (USD)
            </span>
            <span role="columnheader" className="text-right">
              Balance after
            </span>
          </div>
        </div>
        <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const entry = rows[item.index]
            if (!entry) return null
            return (
              <LedgerTableRow
                key={entry.row.id}
                row={entry.row}
                group={entry.group}
                isSettle={entry.isSettle}
                rowIndex={item.index + 2}
                top={item.start}
              />
            )
          })}
        </div>
      </div>
    </div>
  )
}

const LedgerTableRow = memo(function LedgerTableRow({
  row,
  group,
  isSettle,
  rowIndex,
  top,
}: {
  row: LedgerRow
  group: LedgerGroup
  isSettle: boolean
  rowIndex: number
  top: number
}) {
  const date = new Date(row.createdAt)
  const hasSettles = !isSettle && group.settles.length > 0
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      className={cn(
        'absolute inset-x-0 grid items-center border-b border-border px-3 text-sm',
        COLUMNS,
        isSettle && 'bg-muted/40 text-muted-foreground',
      )}
      style={{ height: ROW_PX, transform: `translateY(${top}px)` }}
    >
      <span role="cell" className="truncate tabular-nums" title={date.toISOString()}>
        <time dateTime={row.createdAt}>{dateFormat.format(date)}</time>
      </span>
      <span role="cell">
        <span
          className={cn(
            'inline-flex rounded-full px-2 py-0.5 text-xs font-medium',
            row.type === 'debit' ? 'bg-muted text-foreground' : 'bg-success-soft text-success',
          )}
        >
          {row.type}
        </span>
      </span>
      <span
        role="cell"
        className={cn('truncate pr-3', isSettle && 'pl-5')}
        title={row.description ?? ''}
      >
        {isSettle ? <span aria-hidden>↳ </span> : null}
        {isSettle ? <span className="sr-only">Settles the row above: </span> : null}
        {row.description ?? <span className="text-muted-foreground">No description</span>}
        {hasSettles ? (
          <span className="ml-2 text-xs text-muted-foreground">
            net {formatUsd(group.net, { sign: true })}
          </span>
        ) : null}
      </span>
      <span
        role="cell"
        className={cn('text-right font-medium tabular-nums', row.amount > 0 && 'text-success')}
      >
        {formatUsd(row.amount, { sign: true })}
      </span>
      <span role="cell" className="text-right text-muted-foreground tabular-nums">
        {row.balanceAfter === null ? '—' : formatUsd(row.balanceAfter)}
      </span>
    </div>
  )
})
