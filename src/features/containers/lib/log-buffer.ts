// The lines of a container's log kept in the browser: a ring buffer of the newest `capacity`
// lines in time order, which drops a line it already holds however it arrives again (the stream's
// first batch after a reconnect, a gap fill from /logs?since=, a fallback poll). Lines carry no id
// (docs/containers.md §Logs), so a line is known by timestamp, level and message; two identical
// lines at the same instant are kept as two as long as one source sends both.
import type { LogEntry } from '../api/detail-schemas'

export interface LogLine {
  /** Unique and increasing within a buffer: the row key. */
  seq: number
  timestamp: string
  /** Epoch ms of `timestamp` (NaN when unreadable: such lines sort first). */
  time: number
  level: string
  message: string
  metadata?: Record<string, unknown>
  /** A marker, not a line: lines between it and its neighbour may be missing. */
  gap?: boolean
}

const keyOf = (e: { timestamp: string; level: string; message: string }) =>
  `${e.timestamp}\u0000${e.level}\u0000${e.message}`

const timeOf = (timestamp: string) => {
  const t = Date.parse(timestamp)
  return Number.isFinite(t) ? t : Number.NEGATIVE_INFINITY
}

export class LogBuffer {
  private readonly slots: (LogLine | undefined)[]
  private head = 0
  private count = 0
  private nextSeq = 1
  /** How many copies of each line the buffer holds. */
  private readonly held = new Map<string, number>()
  /** Bumped on every change: a cheap "did anything change" for renderers. */
  version = 0
  /** Lines pushed out by newer ones since the buffer was created. */
  dropped = 0

  constructor(readonly capacity = 5_000) {
    if (!(capacity > 0)) throw new RangeError('capacity must be positive')
    this.slots = new Array<LogLine | undefined>(capacity)
  }

  get size(): number {
    return this.count
  }

  /** The i-th line, oldest first. */
  at(i: number): LogLine | undefined {
    if (i < 0 || i >= this.count) return undefined
    return this.slots[(this.head + i) % this.capacity]
  }

  /** The newest line, or undefined. */
  newest(): LogLine | undefined {
    return this.at(this.count - 1)
  }

  /** The newest real line (not a gap marker). */
  newestLine(): LogLine | undefined {
    for (let i = this.count - 1; i >= 0; i--) {
      const line = this.at(i)
      if (line && !line.gap) return line
    }
    return undefined
  }

  toArray(): LogLine[] {
    const out = new Array<LogLine>(this.count)
    for (let i = 0; i < this.count; i++) out[i] = this.at(i) as LogLine
    return out
  }

  /**
   * Adds one batch, in any order (the stream sends each poll newest first). Lines the buffer
   * already holds are dropped; the rest go in time order. Returns how many were added.
   */
  add(batch: readonly LogEntry[]): number {
    if (batch.length === 0) return 0
    // How many copies of a line this batch has, against how many the buffer holds.
    const inBatch = new Map<string, number>()
    const fresh: LogLine[] = []
    for (const entry of batch) {
      const key = keyOf(entry)
      const seen = (inBatch.get(key) ?? 0) + 1
      inBatch.set(key, seen)
      if (seen <= (this.held.get(key) ?? 0)) continue
      fresh.push(this.toLine(entry))
    }
    if (fresh.length === 0) return 0
    fresh.sort((a, b) => a.time - b.time || a.seq - b.seq)
    const last = this.newest()
    if (!last || (fresh[0] as LogLine).time >= last.time) {
      for (const line of fresh) this.push(line)
    } else {
      // Older than what is held (a gap fill after newer stream lines): merge in time order.
      this.rebuild(mergeByTime(this.toArray(), fresh))
    }
    this.version++
    return fresh.length
  }

  /** A marker after the newest line: what came before it may be incomplete. */
  addGap(timestamp: string, message: string): void {
    this.push({
      seq: this.nextSeq++,
      timestamp,
      time: Math.max(timeOf(timestamp), this.newest()?.time ?? Number.NEGATIVE_INFINITY),
      level: 'gap',
      message,
      gap: true,
    })
    this.version++
  }

  clear(): void {
    this.slots.fill(undefined)
    this.head = 0
    this.count = 0
    this.held.clear()
    this.version++
  }

  private toLine(entry: LogEntry): LogLine {
    const line: LogLine = {
      seq: this.nextSeq++,
      timestamp: entry.timestamp,
      time: timeOf(entry.timestamp),
      level: entry.level,
      message: entry.message,
    }
    if (entry.metadata && Object.keys(entry.metadata).length > 0) line.metadata = entry.metadata
    return line
  }

  private push(line: LogLine): void {
    if (this.count === this.capacity) {
      const evicted = this.slots[this.head]
      if (evicted) this.forget(evicted)
      this.slots[this.head] = line
      this.head = (this.head + 1) % this.capacity
      this.dropped++
    } else {
      this.slots[(this.head + this.count) % this.capacity] = line
      this.count++
    }
    if (!line.gap) this.held.set(keyOf(line), (this.held.get(keyOf(line)) ?? 0) + 1)
  }

  private forget(line: LogLine): void {
    if (line.gap) return
    const key = keyOf(line)
    const n = (this.held.get(key) ?? 0) - 1
    if (n > 0) this.held.set(key, n)
    else this.held.delete(key)
  }

  private rebuild(lines: LogLine[]): void {
    const keep = lines.slice(-this.capacity)
    this.dropped += lines.length - keep.length
    this.slots.fill(undefined)
    this.head = 0
    this.count = 0
    this.held.clear()
    for (const line of keep) this.push(line)
  }
}

function mergeByTime(a: LogLine[], b: LogLine[]): LogLine[] {
  const out: LogLine[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    const x = a[i]
    const y = b[j]
    if (y === undefined || (x !== undefined && x.time <= y.time)) {
      out.push(x as LogLine)
      i++
    } else {
      out.push(y)
      j++
    }
  }
  return out
}

/** One line as text, for copy and download: `2026-04-20T11:02:03.000Z INFO message {meta}`. */
export function formatLogLine(line: LogLine): string {
  if (line.gap) return `--- ${line.message} ---`
  const meta = line.metadata ? ` ${JSON.stringify(line.metadata)}` : ''
  return `${line.timestamp} ${line.level.toUpperCase().padEnd(5)} ${line.message}${meta}`
}
