// The page's charts (recharts). Only the usage page imports this file, so the library lands in
// that route's chunk and nowhere else. Colours are the theme's CSS variables, so both themes
// follow without a re-render; every chart has a table of the same numbers beside it
// (usage-tables.tsx) and is hidden from assistive tech in favour of that table.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { formatNumber, formatUsd } from '@/lib/format'
import type { ChartPoint, Granularity } from '../api/range'
import { formatBucket, formatBucketShort } from './format-bucket'

/** The reserved height of every chart and its skeleton: no layout shift when data arrives. */
export const CHART_HEIGHT = 240

const AXIS = { fill: 'var(--color-muted-foreground)', fontSize: 12 }
const tooltipStyle = {
  contentStyle: {
    background: 'var(--color-popover)',
    border: '1px solid var(--color-border)',
    borderRadius: 8,
    color: 'var(--color-popover-foreground)',
    fontSize: 12,
  },
  labelStyle: { color: 'var(--color-popover-foreground)', fontWeight: 500 },
  itemStyle: { color: 'var(--color-popover-foreground)' },
  cursor: { fill: 'var(--color-muted)' },
}

type Metric = 'cost' | 'requests'

const metricFormat: Record<Metric, (n: number) => string> = {
  cost: (n) => formatUsd(n),
  requests: (n) => formatNumber(n, { maximumFractionDigits: 0 }),
}
const axisFormat: Record<Metric, (n: number) => string> = {
  cost: (n) => (n === 0 ? '$0' : formatUsd(n)),
  requests: (n) => formatNumber(n, { compact: true }),
}

export function SeriesChart({
  points,
  metric,
  granularity,
}: {
  points: readonly ChartPoint[]
  metric: Metric
  granularity: Granularity
}) {
  return (
    <div aria-hidden style={{ height: CHART_HEIGHT }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points as ChartPoint[]} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="var(--color-border)" />
          <XAxis
            dataKey="timestamp"
            tick={AXIS}
            tickLine={false}
            axisLine={{ stroke: 'var(--color-border)' }}
            tickFormatter={(t: string) => formatBucketShort(t, granularity)}
            minTickGap={24}
          />
          <YAxis
            tick={AXIS}
            tickLine={false}
            axisLine={false}
            width={metric === 'cost' ? 72 : 44}
            tickFormatter={axisFormat[metric]}
            allowDecimals={metric === 'cost'}
          />
          <Tooltip
            {...tooltipStyle}
            labelFormatter={(t) => formatBucket(String(t), granularity)}
            formatter={(value) => [
              metricFormat[metric](Number(value)),
              metric === 'cost' ? 'Cost' : 'Requests',
            ]}
          />
          <Bar
            dataKey={metric}
            fill={metric === 'cost' ? 'var(--color-primary)' : 'var(--color-success)'}
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}

export interface BreakdownBar {
  label: string
  cost: number
}

/** Horizontal bars of cost per model or provider, largest first (the export's order). */
export function BreakdownChart({ rows }: { rows: readonly BreakdownBar[] }) {
  return (
    <div aria-hidden style={{ height: CHART_HEIGHT }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={rows.slice(0, 8) as BreakdownBar[]}
          layout="vertical"
          margin={{ top: 0, right: 12, bottom: 0, left: 0 }}
        >
          <CartesianGrid horizontal={false} stroke="var(--color-border)" />
          <XAxis
            type="number"
            tick={AXIS}
            tickLine={false}
            axisLine={false}
            tickFormatter={axisFormat.cost}
          />
          <YAxis
            type="category"
            dataKey="label"
            tick={AXIS}
            tickLine={false}
            axisLine={false}
            width={140}
            tickFormatter={(l: string) => (l.length > 18 ? `${l.slice(0, 17)}…` : l)}
          />
          <Tooltip {...tooltipStyle} formatter={(value) => [formatUsd(Number(value)), 'Cost']} />
          <Bar
            dataKey="cost"
            fill="var(--color-primary)"
            radius={[0, 3, 3, 0]}
            maxBarSize={24}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}
