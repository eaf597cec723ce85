import { describe, expect, it } from 'vitest'
import { dailyCost, deleteRefund, deploymentFee, nextRefundStep, refundShare } from './pricing'

const HOUR = 3_600_000

// Figures from docs/containers.md §Billing (the note's worked examples).
describe('container prices', () => {
  it('charges the deployment fee by the formula', () => {
    expect(deploymentFee({ cpu: 1792, memory: 1792, instances: 1 })).toBe(15)
    expect(deploymentFee({ cpu: 256, memory: 512, instances: 1 })).toBe(0.5)
    expect(deploymentFee({ cpu: 2048, memory: 2048, instances: 10 })).toBe(17.95)
    // Below the thresholds the terms are left out (never negative).
    expect(deploymentFee({ cpu: 256, memory: 256, instances: 1 })).toBe(0.5)
    expect(deploymentFee({ cpu: 512, memory: 1024, instances: 2 })).toBe(3.55)
  })

  it('charges the daily cost by the formula', () => {
    expect(dailyCost({ cpu: 1792, memory: 1792, instances: 1 })).toBe(1.17)
    expect(dailyCost({ cpu: 256, memory: 512, instances: 1 })).toBe(0.67)
    expect(dailyCost({ cpu: 2048, memory: 2048, instances: 10 })).toBe(13.4)
  })

  it('refunds a running container 75 % within 2 h, 50 % within 24 h, in whole dollars', () => {
    expect(deleteRefund(15, 'running', HOUR)).toBe(11)
    expect(deleteRefund(15, 'running', 3 * HOUR)).toBe(7)
    expect(deleteRefund(15, 'running', 25 * HOUR)).toBe(0)
    expect(deleteRefund(0.5, 'running', HOUR)).toBe(0)
    for (const status of ['failed', 'pending', 'deploying', 'stopped']) {
      expect(deleteRefund(15, status, HOUR)).toBe(0)
      expect(refundShare(status, HOUR)).toBe(0)
    }
  })

  it('says when the refund drops next', () => {
    expect(nextRefundStep('running', HOUR)).toBe(HOUR)
    expect(nextRefundStep('running', 3 * HOUR)).toBe(21 * HOUR)
    expect(nextRefundStep('running', 30 * HOUR)).toBeNull()
    expect(nextRefundStep('failed', HOUR)).toBeNull()
  })
})
