import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/lib/api-error'
import { placeServerError } from './auto-top-up-card'

// Refusals from PUT /api/v1/billing/settings (docs/billing.md §Auto top-up).
describe('placeServerError', () => {
  it('puts a zod tree message on its field', () => {
    const setError = vi.fn()
    const error = new ApiError('invalid', 'Invalid request data', 400, {
      fieldErrors: { 'autoTopUp.threshold': ['Too big: expected number to be <=1000'] },
    })
    expect(placeServerError(error, setError)).toBe(true)
    expect(setError).toHaveBeenCalledWith('threshold', {
      type: 'server',
      message: 'Too big: expected number to be <=1000',
    })
  })

  it.each([
    [
      'Cannot enable auto top-up without a default payment method. Please add a payment method first.',
      'enabled',
    ],
    ['Auto top-up amount must be at least $1', 'amount'],
    ['Auto top-up threshold cannot exceed $1000', 'threshold'],
  ])('places %j on %s', (message, field) => {
    const setError = vi.fn()
    expect(placeServerError(new ApiError('invalid', message, 400), setError)).toBe(true)
    expect(setError).toHaveBeenCalledWith(field, { type: 'server', message })
  })

  it('leaves other failures to the form', () => {
    const setError = vi.fn()
    expect(
      placeServerError(new ApiError('server', 'Failed to update billing settings', 500), setError),
    ).toBe(false)
    expect(placeServerError(new ApiError('invalid', 'Something else', 400), setError)).toBe(false)
    expect(setError).not.toHaveBeenCalled()
  })
})
