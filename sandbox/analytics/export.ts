// The rows of GET /api/analytics/export per `type`, aggregated from usage records
// (docs/cloud/analytics.md §1.2 and its mapping table), and the CSV rendering of §1.4.
import type { UsageRecord } from './usage.ts'

export const GRANULARITIES = ['hour', 'day', 'week', 'month'] as const
export type Granularity = (typeof GRANULARITIES)[number]
export const EXPORT_TYPES = ['timeseries', 'users', 'providers', 'models'] as const
export type ExportType = (typeof EXPORT_TYPES)[number]

/** Postgres `date_trunc` in UTC: weeks start on Monday (ISO week), months on the 1st (§1.5). */
export function bucketStart(date: Date, granularity: Granularity): Date {
  const d = new Date(date.getTime())
  d.setUTCMinutes(0, 0, 0)
  if (granularity === 'hour') return d
  d.setUTCHours(0)
  if (granularity === 'day') return d
  if (granularity === 'week') {
    const sinceMonday = (d.getUTCDay() + 6) % 7
    d.setUTCDate(d.getUTCDate() - sinceMonday)
    return d
  }
  d.setUTCDate(1)
  return d
}

interface Totals {
  requests: number
  successes: number
  cost: number
  inputTokens: number
  outputTokens: number
}

const empty = (): Totals => ({
  requests: 0,
  successes: 0,
  cost: 0,
  inputTokens: 0,
  outputTokens: 0,
})

function add(t: Totals, r: UsageRecord): void {
  t.requests += 1
  if (r.isSuccessful) t.successes += 1
  t.cost += r.cost
  t.inputTokens += r.inputTokens
  t.outputTokens += r.outputTokens
}

// Σ of numeric(…, 6) columns: round to the column's 6 decimals so float noise never shows.
const usd = (n: number) => Math.round(n * 1_000_000) / 1_000_000
/** 1.0 when there are no records (docs/cloud/analytics.md mapping table). */
const rate = (t: Totals) => (t.requests === 0 ? 1 : t.successes / t.requests)

function groupBy(records: readonly UsageRecord[], key: (r: UsageRecord) => string) {
  const groups = new Map<string, { first: UsageRecord; totals: Totals }>()
  for (const r of records) {
    const k = key(r)
    let g = groups.get(k)
    if (!g) groups.set(k, (g = { first: r, totals: empty() }))
    add(g.totals, r)
  }
  return [...groups.entries()]
}

export interface TimeseriesRow {
  timestamp: string
  requests: number
  cost: number
  inputTokens: number
  outputTokens: number
  successRate: number
}

/** Sparse ascending buckets: only those holding records, no zero-fill (§1.5). */
export function timeseriesRows(
  records: readonly UsageRecord[],
  granularity: Granularity,
): TimeseriesRow[] {
  return groupBy(records, (r) => bucketStart(r.createdAt, granularity).toISOString())
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([timestamp, { totals: t }]) => ({
      timestamp,
      requests: t.requests,
      cost: usd(t.cost),
      inputTokens: t.inputTokens,
      outputTokens: t.outputTokens,
      successRate: rate(t),
    }))
}

export interface ProviderRow {
  provider: string
  requests: number
  cost: number
  tokens: number
  successRate: number
  percentage: number
}

/** Descending by cost; `percentage` is the share of total cost, 0 when that total is 0 (§1.2). */
export function providerRows(records: readonly UsageRecord[]): ProviderRow[] {
  const total = records.reduce((n, r) => n + r.cost, 0)
  return groupBy(records, (r) => r.provider)
    .map(([provider, { totals: t }]) => ({
      provider,
      requests: t.requests,
      cost: usd(t.cost),
      tokens: t.inputTokens + t.outputTokens,
      successRate: rate(t),
      percentage: total > 0 ? (t.cost / total) * 100 : 0,
    }))
    .sort((a, b) => b.cost - a.cost)
}

export interface ModelRow {
  model: string
  provider: string
  requests: number
  /** A 6-decimal string, as the cloud answers for this type only (§1.2). */
  cost: string
  tokens: number
  avgCostPerToken: number
  successRate: number
}

/** One row per (model, provider), descending by cost; `null` model → "unknown" (§1.2). */
export function modelRows(records: readonly UsageRecord[]): ModelRow[] {
  return groupBy(records, (r) => `${r.model ?? 'unknown'}\u0000${r.provider}`)
    .map(([, { first, totals: t }]) => {
      const tokens = t.inputTokens + t.outputTokens
      return {
        model: first.model ?? 'unknown',
        provider: first.provider,
        requests: t.requests,
        cost: usd(t.cost).toFixed(6),
        tokens,
        avgCostPerToken: tokens > 0 ? t.cost / tokens : 0,
        successRate: rate(t),
      }
    })
    .sort((a, b) => Number(b.cost) - Number(a.cost))
}

export interface UserRow {
  email: string
  name: string
  requests: number
  cost: number
  inputTokens: number
  outputTokens: number
  lastActive: string
}

/** Descending by cost; records of deleted users or users without an email are dropped (§1.2). */
export function userRows(
  records: readonly UsageRecord[],
  users: ReadonlyMap<string, { email: string | null; name: string | null }>,
): UserRow[] {
  const known = records.filter((r) => r.userId !== null && users.get(r.userId)?.email)
  return groupBy(known, (r) => r.userId ?? '')
    .map(([userId, { totals: t }]) => {
      const user = users.get(userId)
      const last = known
        .filter((r) => r.userId === userId)
        .reduce((d, r) => (r.createdAt > d ? r.createdAt : d), new Date(0))
      return {
        email: user?.email ?? '',
        name: user?.name ?? 'Unknown',
        requests: t.requests,
        cost: usd(t.cost),
        inputTokens: t.inputTokens,
        outputTokens: t.outputTokens,
        lastActive: last.toISOString(),
      }
    })
    .sort((a, b) => b.cost - a.cost)
}

// ─── CSV (§1.4) ────────────────────────────────────────────────────────────────────────────

export const CSV_HEADERS: Record<ExportType, string> = {
  timeseries:
    'Timestamp,Total Requests,Total Cost (Credits),Input Tokens,Output Tokens,Success Rate',
  users: 'Email,Name,Total Requests,Total Cost (Credits),Input Tokens,Output Tokens,Last Active',
  providers: 'Provider,Total Requests,Total Cost (Credits),Total Tokens,Success Rate,Usage %',
  models:
    'Model,Provider,Total Requests,Total Cost (Credits),Total Tokens,Avg Cost/Token,Success Rate',
}

/** `1234` → `1.2K`, `2500000` → `2.5M`, below 1000 unchanged. */
export const compactCount = (n: number) =>
  n >= 1_000_000
    ? `${(n / 1_000_000).toFixed(1)}M`
    : n >= 1000
      ? `${(n / 1000).toFixed(1)}K`
      : `${n}`
/** The cloud's formatter assumes cents: USD ÷ 100, two decimals (the quirk of §1.4). */
const csvCost = (usdValue: number) => (usdValue / 100).toFixed(2)
const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`

function csvCell(value: string): string {
  // Formula injection guard first, then quoting of `,` and `"` (§1.4).
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[,"]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded
}

export function toCsv(
  type: ExportType,
  data: readonly (TimeseriesRow | ProviderRow | ModelRow | UserRow)[],
  generatedAt: string,
  includeMetadata: boolean,
): string {
  const lines = [`# Generated: ${generatedAt}`]
  if (includeMetadata && data.length > 0) lines.push(`# Total Records: ${data.length}`)
  lines.push(CSV_HEADERS[type])
  for (const row of data) {
    const cells = cellsOf(type, row)
    lines.push(cells.map(csvCell).join(','))
  }
  return lines.join('\n')
}

function cellsOf(
  type: ExportType,
  row: TimeseriesRow | ProviderRow | ModelRow | UserRow,
): string[] {
  switch (type) {
    case 'timeseries': {
      const r = row as TimeseriesRow
      return [
        r.timestamp,
        compactCount(r.requests),
        csvCost(r.cost),
        compactCount(r.inputTokens),
        compactCount(r.outputTokens),
        percent(r.successRate),
      ]
    }
    case 'providers': {
      const r = row as ProviderRow
      return [
        r.provider,
        compactCount(r.requests),
        csvCost(r.cost),
        compactCount(r.tokens),
        percent(r.successRate),
        `${r.percentage.toFixed(1)}%`,
      ]
    }
    case 'models': {
      const r = row as ModelRow
      return [
        r.model,
        r.provider,
        compactCount(r.requests),
        csvCost(Number(r.cost)),
        compactCount(r.tokens),
        r.avgCostPerToken.toFixed(6),
        percent(r.successRate),
      ]
    }
    case 'users': {
      const r = row as UserRow
      return [
        r.email,
        r.name,
        compactCount(r.requests),
        csvCost(r.cost),
        compactCount(r.inputTokens),
        compactCount(r.outputTokens),
        r.lastActive,
      ]
    }
  }
}
