import { describe, expect, it } from 'vitest'
import { balanceLevel, balanceWarning } from './low-balance'

describe('balanceLevel', () => {
  it('is ok from $1, low below $1, critical below $0.50', () => {
    expect(balanceLevel(1)).toBe('ok')
    expect(balanceLevel(0.99)).toBe('low')
    expect(balanceLevel(0.5)).toBe('low')
    expect(balanceLevel(0.499999)).toBe('critical')
    expect(balanceLevel(0)).toBe('critical')
  })

  it('words each warning, and none when fine', () => {
    expect(balanceWarning('ok')).toBeNull()
    expect(balanceWarning('low')).toMatch(/below \$1\.00/)
    expect(balanceWarning('critical')).toMatch(/below \$0\.50/)
  })
})
