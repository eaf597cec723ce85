import type { Granularity } from '../api/range'

// Buckets are UTC periods (docs/analytics.md §Buckets), so they are labelled in UTC: a day
// bucket shown in local time would be labelled the day before west of Greenwich.
const formats = {
  hour: new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }),
  day: new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
  }),
  month: new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'long', year: 'numeric' }),
  short: new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' }),
  shortMonth: new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short' }),
  time: new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }),
}

/** The full label of a bucket: `Dec 5, 2026`, `Week of Nov 30, 2026`, `Dec 5, 14:00 UTC`. */
export function formatBucket(timestamp: string, granularity: Granularity): string {
  const d = new Date(timestamp)
  switch (granularity) {
    case 'hour':
      return `${formats.hour.format(d)} UTC`
    case 'day':
      return formats.day.format(d)
    case 'week':
      return `Week of ${formats.day.format(d)}`
    case 'month':
      return formats.month.format(d)
  }
}

/** A short axis tick. */
export function formatBucketShort(timestamp: string, granularity: Granularity): string {
  const d = new Date(timestamp)
  if (granularity === 'hour') return `${formats.short.format(d)} ${formats.time.format(d)}`
  if (granularity === 'month') return formats.shortMonth.format(d)
  return formats.short.format(d)
}
