const LOCALE = 'en-US'
const DASH = '—'

const usdFormats = new Map<number, Intl.NumberFormat>()
function usdFormat(maxFractionDigits: number, sign: boolean): Intl.NumberFormat {
  const key = maxFractionDigits * 2 + (sign ? 1 : 0)
  let format = usdFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, {
      style: 'currency',
      currency: 'USD',
      minimumFractionDigits: 2,
      maximumFractionDigits: maxFractionDigits,
      signDisplay: sign ? 'exceptZero' : 'auto',
    })
    usdFormats.set(key, format)
  }
  return format
}

/**
 * US dollars, the unit of every amount in the cloud (docs/cloud/billing.md, "Money units"). Amounts of a
 * dollar or more get cents (`$4.95`, `$1,234.50`); smaller ones keep three significant digits so
 * per-request prices stay visible (`$0.0936`, `$0.0042`, `$0.000123`). Numeric strings (`"50.00"`)
 * are accepted; anything that is not a finite number gives `—`. `sign: true` adds `+` to credits.
 */
export function formatUsd(value: number | string, options: { sign?: boolean } = {}): string {
  const n = typeof value === 'string' ? Number(value) : value
  if (!Number.isFinite(n)) return DASH
  const abs = Math.abs(n)
  let digits = 2
  if (abs > 0 && abs < 1) digits = Math.min(8, Math.max(2, 2 - Math.floor(Math.log10(abs))))
  return usdFormat(digits, options.sign ?? false).format(n)
}

/**
 * A number with thousands separators (`12,345`, `0.75`). `compact: true` shortens large
 * values (`1.2K`, `3.4M`). Non-finite values give `—`.
 */
export function formatNumber(
  value: number,
  options: { maximumFractionDigits?: number; compact?: boolean } = {},
): string {
  if (!Number.isFinite(value)) return DASH
  const digits = options.maximumFractionDigits ?? (options.compact ? 1 : 2)
  const compact = options.compact ?? false
  // Building a formatter costs far more than formatting: long lists format a number per row.
  const key = `${digits}:${compact}`
  let format = numberFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, {
      maximumFractionDigits: digits,
      notation: compact ? 'compact' : 'standard',
    })
    numberFormats.set(key, format)
  }
  return format.format(value)
}
const numberFormats = new Map<string, Intl.NumberFormat>()

const relative = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' })
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
]

/**
 * How long ago (or how far ahead) a moment is, relative to `now`: `just now`, `5 minutes ago`,
 * `yesterday`, `in 3 hours`, `2 years ago`. Accepts a `Date`, an ISO string or epoch
 * milliseconds; an invalid date gives `—`.
 */
export function formatRelativeTime(
  date: Date | string | number,
  now: Date | number = Date.now(),
): string {
  const at = toTime(date)
  const reference = toTime(now)
  if (at === undefined || reference === undefined) return DASH
  const seconds = (at - reference) / 1000
  const abs = Math.abs(seconds)
  if (abs < 45) return 'just now'
  for (const [unit, size] of UNITS) {
    if (abs >= size || unit === 'second') {
      return relative.format(Math.round(seconds / size), unit)
    }
  }
  return DASH
}

/**
 * A duration for people: `850 ms`, `1.2 s`, `42 s`, `3 min 5 s`, `2 h 15 min`, `3 d 4 h`.
 * Negative or non-finite input gives `—`.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return DASH
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 10_000) {
    const tenths = Math.floor(ms / 100) / 10
    return `${Number.isInteger(tenths) ? tenths : tenths.toFixed(1)} s`
  }
  const totalSeconds = Math.floor(ms / 1000)
  if (totalSeconds < 60) return `${totalSeconds} s`
  const days = Math.floor(totalSeconds / 86_400)
  const hours = Math.floor((totalSeconds % 86_400) / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const seconds = totalSeconds % 60
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`
  return seconds > 0 ? `${minutes} min ${seconds} s` : `${minutes} min`
}

function toTime(value: Date | string | number): number | undefined {
  const time =
    value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value)
  return Number.isFinite(time) ? time : undefined
}

/**
 * A file size in binary units, as upload limits are written: `512 B`, `1.5 KB`, `10 MB`,
 * `1.2 GB` (1 KB = 1024 B). Negative or non-finite input gives `—`.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return DASH
  if (bytes < 1024) return `${Math.round(bytes)} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  const rounded = value >= 100 ? Math.round(value) : Math.round(value * 10) / 10
  return `${formatNumber(rounded, { maximumFractionDigits: 1 })} ${units[unit]}`
}
