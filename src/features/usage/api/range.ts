// The page's range and granularity, turned into the dates the export is asked for. All days are
// UTC days, as the export's windows and buckets are (docs/analytics.md §Buckets).

export const RANGES = ['7d', '30d', '90d', 'custom'] as const
export type RangeId = (typeof RANGES)[number]
export const RANGE_LABELS: Record<RangeId, string> = {
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  custom: 'Custom range',
}
const PRESET_DAYS: Record<Exclude<RangeId, 'custom'>, number> = { '7d': 7, '30d': 30, '90d': 90 }

export const GRANULARITIES = ['hour', 'day', 'week', 'month'] as const
export type Granularity = (typeof GRANULARITIES)[number]
export const GRANULARITY_LABELS: Record<Granularity, string> = {
  hour: 'Hourly',
  day: 'Daily',
  week: 'Weekly',
  month: 'Monthly',
}

/** The cloud refuses longer windows with a 400 (docs/analytics.md §Export). */
export const MAX_RANGE_DAYS = 365
/** Hourly points beyond a month make thousands of bars; asked for as daily instead. */
export const MAX_HOURLY_DAYS = 31

export interface UsageFilters {
  range: RangeId
  /** `YYYY-MM-DD`, used when `range` is `custom`. */
  from: string
  to: string
  granularity: Granularity
  view: 'chart' | 'table'
}

/** The query the export receives: UTC instants, both ends inclusive. */
export interface ExportWindow {
  startDate: string
  endDate: string
}

export type ResolvedRange =
  | { ok: true; from: string; to: string; days: number; window: ExportWindow }
  | { ok: false; message: string }

const DAY_MS = 86_400_000
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/

export const utcDay = (date: Date) => date.toISOString().slice(0, 10)
const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`)

/** `today` minus `n` days, as `YYYY-MM-DD`. */
export const daysBefore = (today: Date, n: number) => utcDay(new Date(today.getTime() - n * DAY_MS))

/** The whole UTC days `from`…`to`, or why they cannot be asked for (before any request). */
export function resolveRange(filters: UsageFilters, now: Date): ResolvedRange {
  let from: string
  let to: string
  if (filters.range === 'custom') {
    from = filters.from
    to = filters.to
    if (!DAY_PATTERN.test(from) || Number.isNaN(dayStart(from).getTime())) {
      return { ok: false, message: 'Choose a start date.' }
    }
    if (!DAY_PATTERN.test(to) || Number.isNaN(dayStart(to).getTime())) {
      return { ok: false, message: 'Choose an end date.' }
    }
  } else {
    to = utcDay(now)
    from = daysBefore(now, PRESET_DAYS[filters.range] - 1)
  }
  const days = (dayStart(to).getTime() - dayStart(from).getTime()) / DAY_MS + 1
  if (days < 1) return { ok: false, message: 'The start date must be on or before the end date.' }
  if (days > MAX_RANGE_DAYS) {
    return {
      ok: false,
      message: `A range can span at most ${MAX_RANGE_DAYS} days (${days} chosen).`,
    }
  }
  return {
    ok: true,
    from,
    to,
    days,
    window: {
      startDate: dayStart(from).toISOString(),
      endDate: new Date(dayStart(to).getTime() + DAY_MS - 1).toISOString(),
    },
  }
}

/** The granularity actually asked for: hourly falls back to daily beyond a month. */
export const effectiveGranularity = (g: Granularity, days: number): Granularity =>
  g === 'hour' && days > MAX_HOURLY_DAYS ? 'day' : g

/** The window of the runway estimate: the last 7 UTC days, today included. */
export const lastWeek = (now: Date) => resolveRange({ ...DEFAULT_FILTERS, range: '7d' }, now)

export const DEFAULT_FILTERS: UsageFilters = {
  range: '30d',
  from: '',
  to: '',
  granularity: 'day',
  view: 'chart',
}

/** The start of the export bucket holding `date` (UTC; weeks start on Monday). */
export function bucketOf(date: Date, granularity: Granularity): Date {
  const d = new Date(date.getTime())
  d.setUTCMinutes(0, 0, 0)
  if (granularity === 'hour') return d
  d.setUTCHours(0)
  if (granularity === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7))
  if (granularity === 'month') d.setUTCDate(1)
  return d
}

function nextBucket(d: Date, granularity: Granularity): Date {
  const n = new Date(d.getTime())
  if (granularity === 'hour') n.setUTCHours(n.getUTCHours() + 1)
  else if (granularity === 'day') n.setUTCDate(n.getUTCDate() + 1)
  else if (granularity === 'week') n.setUTCDate(n.getUTCDate() + 7)
  else n.setUTCMonth(n.getUTCMonth() + 1)
  return n
}

export interface ChartPoint {
  timestamp: string
  cost: number
  requests: number
}

/**
 * Every bucket of the window, those without usage at 0: the export sends only buckets holding
 * records, and a chart without the gaps would draw a quiet week as if it never happened.
 */
export function fillBuckets(
  points: readonly { timestamp: string; cost: number; requests: number }[],
  window: ExportWindow,
  granularity: Granularity,
): ChartPoint[] {
  const byTime = new Map(points.map((p) => [new Date(p.timestamp).getTime(), p]))
  const end = new Date(window.endDate).getTime()
  const out: ChartPoint[] = []
  for (let d = bucketOf(new Date(window.startDate), granularity); d.getTime() <= end;) {
    const p = byTime.get(d.getTime())
    out.push({ timestamp: d.toISOString(), cost: p?.cost ?? 0, requests: p?.requests ?? 0 })
    d = nextBucket(d, granularity)
  }
  return out
}

export interface Runway {
  /** USD per day over the last 7 days. */
  dailySpend: number
  /** Days the balance lasts at that rate; `null` when nothing was spent. */
  days: number | null
}

/** At the last 7 days' rate, how long the balance lasts. */
export function runwayOf(balance: number, weekCost: number): Runway {
  const dailySpend = weekCost / 7
  return { dailySpend, days: dailySpend > 0 ? Math.max(0, balance) / dailySpend : null }
}
