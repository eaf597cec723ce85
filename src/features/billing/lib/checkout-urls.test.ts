import { describe, expect, it } from 'vitest'
import { DASHBOARD_URL } from '@/components/nav-items'
import { checkoutReturnUrls } from './checkout-urls'

describe('checkoutReturnUrls', () => {
  it('returns to /billing on the sandbox, any loopback port', () => {
    expect(checkoutReturnUrls('http://127.0.0.1:4000', 'sandbox')).toEqual({
      success: 'http://127.0.0.1:4000/billing?checkout=success',
      cancel: 'http://127.0.0.1:4000/billing?checkout=cancelled',
    })
  })

  it('returns to /billing on the cloud only from an allowed origin', () => {
    expect(checkoutReturnUrls('http://localhost:3000', 'cloud').success).toBe(
      'http://localhost:3000/billing?checkout=success',
    )
    const elsewhere = checkoutReturnUrls('http://127.0.0.1:4000', 'cloud')
    expect(elsewhere.success).toBe(DASHBOARD_URL)
    expect(elsewhere.cancel).toBe(DASHBOARD_URL)
    expect(elsewhere.note).toMatch(/port 3000 or 3001/)
  })
})
