import { formatDuration, formatNumber, formatUsd } from '@/lib/format'
import type { ReplyStats as Stats } from '../storage/conversations'

/** Time to first token, speed, tokens in/out, cost and finish reason of one reply. */
export function ReplyStats({ stats }: { stats: Stats }) {
  const items: [string, string][] = [
    ['Time to first token', stats.ttftMs === null ? '—' : formatDuration(stats.ttftMs)],
    [
      'Speed',
      stats.tokensPerSec === null
        ? '—'
        : `${formatNumber(stats.tokensPerSec, { maximumFractionDigits: 0 })} tok/s`,
    ],
    ['Tokens in', stats.inputTokens === null ? '—' : formatNumber(stats.inputTokens)],
    ['Tokens out', stats.outputTokens === null ? '—' : formatNumber(stats.outputTokens)],
    ['Cost', stats.costUsd === null ? '—' : formatUsd(stats.costUsd)],
    ['Finish', stats.finishReason ?? '—'],
  ]
  return (
    <dl
      aria-label="Reply statistics"
      className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted-foreground tabular-nums"
    >
      {items.map(([label, value]) => (
        <div key={label} className="flex gap-1">
          <dt>{label}:</dt>
          <dd className="font-medium text-foreground/80">{value}</dd>
        </div>
      ))}
    </dl>
  )
}
