import { describe, expect, it } from 'vitest'
import { formatLogLine, LogBuffer } from './log-buffer'

const at = (s: number) => new Date(Date.UTC(2026, 3, 20, 11, 0, s)).toISOString()
const entry = (s: number, message = `line ${s}`, level = 'info') => ({
  timestamp: at(s),
  level,
  message,
})
const messages = (b: LogBuffer) => b.toArray().map((l) => l.message)

describe('LogBuffer', () => {
  it('keeps lines in time order whatever order a batch comes in (the stream: newest first)', () => {
    const b = new LogBuffer(10)
    expect(b.add([entry(3), entry(2), entry(1)])).toBe(3)
    expect(b.add([entry(5), entry(4)])).toBe(2)
    expect(messages(b)).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5'])
    expect(b.newest()?.message).toBe('line 5')
    const seqs = b.toArray().map((l) => l.seq)
    expect(new Set(seqs).size).toBe(5)
  })

  it('never holds a line twice: a reconnect batch and a gap fill overlap what is held', () => {
    const b = new LogBuffer(100)
    b.add([entry(1), entry(2), entry(3)])
    // The stream's first batch after a reconnect: the newest lines again, plus new ones.
    expect(b.add([entry(5), entry(4), entry(3), entry(2)])).toBe(2)
    // A gap fill from /logs?since=<newest> returns the newest held line again (since is inclusive).
    expect(b.add([entry(6), entry(5)])).toBe(1)
    expect(messages(b)).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5', 'line 6'])
    const before = b.version
    expect(b.add([entry(6)])).toBe(0)
    expect(b.version).toBe(before)
  })

  it('keeps two identical lines at one instant when a source sends both, and only those', () => {
    const b = new LogBuffer(100)
    b.add([entry(1, 'GET /health 200'), entry(1, 'GET /health 200')])
    expect(b.size).toBe(2)
    // Sent again with one more copy: only the third is new.
    expect(
      b.add([
        entry(1, 'GET /health 200'),
        entry(1, 'GET /health 200'),
        entry(1, 'GET /health 200'),
      ]),
    ).toBe(1)
    expect(b.size).toBe(3)
    // The same text at another instant, or at another level, is another line.
    expect(b.add([entry(2, 'GET /health 200'), entry(1, 'GET /health 200', 'warn')])).toBe(2)
  })

  it('merges lines older than the newest into place (a gap fill that lands late)', () => {
    const b = new LogBuffer(100)
    b.add([entry(1), entry(9)])
    b.add([entry(5), entry(3)])
    expect(messages(b)).toEqual(['line 1', 'line 3', 'line 5', 'line 9'])
  })

  it('is bounded: the oldest lines go, and a late line keeps the newest capacity', () => {
    const b = new LogBuffer(3)
    b.add([entry(1), entry(2), entry(3), entry(4), entry(5)])
    expect(messages(b)).toEqual(['line 3', 'line 4', 'line 5'])
    expect(b.size).toBe(3)
    expect(b.dropped).toBe(2)
    for (let s = 6; s < 1000; s++) b.add([entry(s)])
    expect(b.size).toBe(3)
    expect(messages(b)).toEqual(['line 997', 'line 998', 'line 999'])
    // Merging older lines into a full buffer keeps the newest `capacity`.
    b.add([entry(998.5, 'late')])
    expect(messages(b)).toEqual(['line 998', 'late', 'line 999'])
  })

  it('marks a gap and formats lines for copy and download', () => {
    const b = new LogBuffer(10)
    b.add([{ ...entry(1), metadata: { rooms: 2 } }])
    b.addGap(at(2), 'Some lines may be missing here')
    b.add([entry(3, 'after')])
    const lines = b.toArray()
    expect(lines.map((l) => Boolean(l.gap))).toEqual([false, true, false])
    expect(b.newestLine()?.message).toBe('after')
    expect(formatLogLine(lines[0]!)).toBe(`${at(1)} INFO  line 1 {"rooms":2}`)
    expect(formatLogLine(lines[1]!)).toBe('--- Some lines may be missing here ---')
  })
})
