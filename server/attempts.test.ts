import { describe, expect, it } from 'vitest'
import { clientKey, createAttemptLimiter } from './attempts.ts'

function limiter(options: Parameters<typeof createAttemptLimiter>[0] = {}) {
  const clock = { now: 0 }
  return { clock, l: createAttemptLimiter({ now: () => clock.now, ...options }) }
}

describe('createAttemptLimiter', () => {
  it('allows 5 failures, then locks out for 1 s, 2 s, 4 s … up to 5 minutes', () => {
    const { clock, l } = limiter()
    const waits: number[] = []
    for (let i = 0; i < 16; i++) {
      expect(l.retryAfterSec('a')).toBe(0)
      l.failed('a', `guess-${i}`)
      const wait = l.retryAfterSec('a')
      waits.push(wait)
      clock.now += wait * 1000
    }
    expect(waits).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300])
  })

  it('keeps each address apart, and forgets one after an hour without failure', () => {
    const { clock, l } = limiter()
    for (let i = 0; i < 6; i++) l.failed('a', `g${i}`)
    expect(l.retryAfterSec('a')).toBe(1)
    expect(l.retryAfterSec('b')).toBe(0)
    clock.now += 60 * 60_000 + 1
    l.failed('a', 'g-late')
    expect(l.retryAfterSec('a')).toBe(0) // a fresh start: one failure
  })

  it('counts a value once while it is among the recent ones', () => {
    const { l } = limiter()
    for (let i = 0; i < 50; i++) l.failed('a', 'same')
    expect(l.retryAfterSec('a')).toBe(0)
  })

  it('starts afresh after a success', () => {
    const { l } = limiter()
    for (let i = 0; i < 6; i++) l.failed('a', `g${i}`)
    l.succeeded('a')
    expect(l.retryAfterSec('a')).toBe(0)
  })

  it('remembers a bounded number of addresses, forgetting the least recently failed', () => {
    const { l } = limiter({ free: 0, maxClients: 2 })
    l.failed('a', 'x')
    l.failed('b', 'x')
    l.failed('a', 'y') // a is now the most recent
    l.failed('c', 'x') // b goes
    expect(l.retryAfterSec('a')).toBeGreaterThan(0)
    expect(l.retryAfterSec('b')).toBe(0)
    expect(l.retryAfterSec('c')).toBeGreaterThan(0)
  })
})

describe('clientKey', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:192.168.1.7', '192.168.1.7'],
    ['192.168.1.7', '192.168.1.7'],
    ['::1', '0:0:0:0::/64'],
    ['fd00:1:2:3:4:5:6:7', 'fd00:1:2:3::/64'],
    ['fd00:1:2:3:ffff::9', 'fd00:1:2:3::/64'],
    ['FD00:0001:0002:0003::1', 'fd00:1:2:3::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    [undefined, 'unknown'],
  ])('%s → %s', (address, key) => {
    expect(clientKey(address)).toBe(key)
  })
})
