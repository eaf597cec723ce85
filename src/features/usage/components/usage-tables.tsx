import type { ReactNode } from 'react'
import { formatNumber, formatUsd } from '@/lib/format'
import type { Granularity } from '../api/range'
import type { ModelUsage, ProviderUsage, SeriesPoint } from '../api/schemas'
import { formatBucket } from './format-bucket'

const count = (n: number) => formatNumber(n, { maximumFractionDigits: 0 })
const percent = (fraction: number) =>
  `${formatNumber(fraction * 100, { maximumFractionDigits: 1 })}%`

function Table({
  caption,
  head,
  children,
}: {
  caption: string
  head: string[]
  children: ReactNode
}) {
  return (
    <div className="max-h-96 overflow-auto rounded-lg border">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-muted text-left text-xs text-muted-foreground">
          <tr>
            {head.map((h, i) => (
              <th
                key={h}
                scope="col"
                className={i === 0 ? 'px-3 py-2 font-medium' : 'px-3 py-2 text-right font-medium'}
              >
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y tabular-nums">{children}</tbody>
      </table>
    </div>
  )
}

/** A share in percent; a sliver above 0 is not shown as 0 %. */
const share = (pct: number) =>
  pct > 0 && pct < 0.1 ? '<0.1%' : `${formatNumber(pct, { maximumFractionDigits: 1 })}%`

const cell = 'px-3 py-2 text-right'
const first = 'px-3 py-2 text-left font-normal text-foreground'

/** The time series as a table: the buckets that hold usage, oldest first. */
export function SeriesTable({
  points,
  granularity,
}: {
  points: readonly SeriesPoint[]
  granularity: Granularity
}) {
  return (
    <Table
      caption="Cost and requests over time"
      head={['Period (UTC)', 'Requests', 'Input tokens', 'Output tokens', 'Success', 'Cost (USD)']}
    >
      {points.map((p) => (
        <tr key={p.timestamp}>
          <th scope="row" className={first}>
            {formatBucket(p.timestamp, granularity)}
          </th>
          <td className={cell}>{count(p.requests)}</td>
          <td className={cell}>{count(p.inputTokens)}</td>
          <td className={cell}>{count(p.outputTokens)}</td>
          <td className={cell}>{percent(p.successRate)}</td>
          <td className={cell}>{formatUsd(p.cost)}</td>
        </tr>
      ))}
    </Table>
  )
}

export function ModelTable({ rows }: { rows: readonly ModelUsage[] }) {
  return (
    <Table
      caption="Cost by model"
      head={['Model', 'Provider', 'Requests', 'Tokens', 'Success', 'Cost (USD)']}
    >
      {rows.map((r) => (
        <tr key={`${r.model}\u0000${r.provider}`}>
          <th scope="row" className={`${first} whitespace-nowrap`}>
            {r.model}
          </th>
          <td className={cell}>{r.provider}</td>
          <td className={cell}>{count(r.requests)}</td>
          <td className={cell}>{count(r.tokens)}</td>
          <td className={cell}>{percent(r.successRate)}</td>
          <td className={cell}>{formatUsd(r.cost)}</td>
        </tr>
      ))}
    </Table>
  )
}

export function ProviderTable({ rows }: { rows: readonly ProviderUsage[] }) {
  return (
    <Table
      caption="Cost by provider"
      head={['Provider', 'Requests', 'Tokens', 'Success', 'Share', 'Cost (USD)']}
    >
      {rows.map((r) => (
        <tr key={r.provider}>
          <th scope="row" className={first}>
            {r.provider}
          </th>
          <td className={cell}>{count(r.requests)}</td>
          <td className={cell}>{count(r.tokens)}</td>
          <td className={cell}>{percent(r.successRate)}</td>
          <td className={cell}>{share(r.percentage)}</td>
          <td className={cell}>{formatUsd(r.cost)}</td>
        </tr>
      ))}
    </Table>
  )
}
