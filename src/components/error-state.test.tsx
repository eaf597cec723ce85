import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, type ApiErrorKind } from '@/lib/api-error'
import { ErrorState } from './error-state'

afterEach(cleanup)

const TITLES: [ApiErrorKind, number | null, string][] = [
  ['network', null, 'The local proxy is not reachable'],
  ['timeout', null, 'The request timed out'],
  ['aborted', null, 'The request was cancelled'],
  ['unauthorized', 401, 'The API key was not accepted'],
  ['session_only', 401, 'This needs a dashboard login'],
  ['insufficient_credits', 402, 'Out of credits'],
  ['forbidden', 403, 'Access denied'],
  ['not_found', 404, 'Not found'],
  ['invalid', 400, 'The cloud rejected the request'],
  ['conflict', 409, 'It conflicts with what is there'],
  ['rate_limited', 429, 'Rate limited'],
  ['server', 500, 'The cloud hit an error (500)'],
  ['unavailable', 502, 'The cloud is unreachable'],
  ['bad_response', 200, 'Unexpected response'],
  ['stream_cut', 200, 'The reply was cut off'],
  ['too_large', 413, 'Too large'],
]

describe('ErrorState', () => {
  it.each(TITLES)('shows a title for %s', (kind, status, title) => {
    render(<ErrorState error={new ApiError(kind, 'cloud says no', status)} />)
    expect(screen.getByRole('heading', { name: title })).toBeTruthy()
    expect(screen.getByRole('alert')).toBeTruthy()
  })

  it('shows the status of a server error in its title', () => {
    render(<ErrorState error={new ApiError('server', 'boom', 503)} />)
    expect(screen.getByRole('heading', { name: 'The cloud hit an error (503)' })).toBeTruthy()
  })

  it('names a bad gateway with its status', () => {
    render(<ErrorState error={new ApiError('unavailable', 'no route', 502)} />)
    expect(screen.getByText(/HTTP 502, bad gateway/)).toBeTruthy()
  })

  it('tells how to set the key and never shows one', () => {
    const { container } = render(
      <ErrorState error={new ApiError('unauthorized', 'Invalid or expired API key', 401)} />,
    )
    expect(container.textContent).toContain('proxy’s environment')
    expect(container.textContent).toContain('npm start')
    expect(container.textContent).not.toMatch(/eliza_[a-z0-9]{6,}/i)
  })

  it('links session-only errors to the dashboard', () => {
    render(<ErrorState error={new ApiError('session_only', 'session needed', 401)} />)
    expect(screen.getByRole('link', { name: 'Open the dashboard' }).getAttribute('href')).toBe(
      'https://www.elizacloud.ai/dashboard',
    )
  })

  it('states the balance needed and links to the billing page to add credits', () => {
    render(
      <ErrorState
        error={new ApiError('insufficient_credits', 'Insufficient', 402, { requiredUsd: 15 })}
      />,
    )
    expect(screen.getByText(/\$15\.00/)).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Add credits' }).getAttribute('href')).toBe(
      '/billing#add-credits',
    )
  })

  it('keeps the cloud message and raw body in a Details disclosure', () => {
    const { container } = render(
      <ErrorState
        error={
          new ApiError('bad_response', 'Unexpected shape at data.0.id', 200, {
            raw: '<html>oops</html>',
            code: 'weird',
          })
        }
      />,
    )
    const details = container.querySelector('details')
    expect(details?.querySelector('summary')?.textContent).toBe('Details')
    expect(details?.textContent).toContain('Unexpected shape at data.0.id')
    expect(details?.textContent).toContain('<html>oops</html>')
    expect(details?.textContent).toContain('weird')
  })

  it('has a Retry button only when onRetry is given', () => {
    const onRetry = vi.fn()
    const { rerender } = render(<ErrorState error={new ApiError('server', 'x', 500)} />)
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull()
    rerender(<ErrorState error={new ApiError('server', 'x', 500)} onRetry={onRetry} />)
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalledTimes(1)
  })

  it('maps unknown errors to a generic message', () => {
    render(<ErrorState error={new Error('kaput')} />)
    expect(screen.getByRole('heading', { name: 'Something went wrong' })).toBeTruthy()
  })

  describe('rate limit countdown', () => {
    beforeEach(() => {
      vi.useFakeTimers()
    })
    afterEach(() => {
      vi.useRealTimers()
    })

    it('counts down from retryAfterSec and enables Retry at 0', () => {
      const onRetry = vi.fn()
      render(
        <ErrorState
          error={new ApiError('rate_limited', 'Too many requests', 429, { retryAfterSec: 3 })}
          onRetry={onRetry}
        />,
      )
      const button = screen.getByRole('button', { name: 'Retry' }) as HTMLButtonElement
      expect(button.disabled).toBe(true)
      expect(screen.getByText('You can retry in 3 s.')).toBeTruthy()

      act(() => {
        vi.advanceTimersByTime(1000)
      })
      expect(screen.getByText('You can retry in 2 s.')).toBeTruthy()
      expect(button.disabled).toBe(true)

      act(() => {
        vi.advanceTimersByTime(1000)
      })
      expect(screen.getByText('You can retry in 1 s.')).toBeTruthy()
      expect(button.disabled).toBe(true)

      act(() => {
        vi.advanceTimersByTime(1000)
      })
      expect(screen.queryByText(/You can retry in/)).toBeNull()
      expect(button.disabled).toBe(false)
      fireEvent.click(button)
      expect(onRetry).toHaveBeenCalledTimes(1)
    })

    it('restarts the countdown for a new error', () => {
      const { rerender } = render(
        <ErrorState
          error={new ApiError('rate_limited', 'Too many', 429, { retryAfterSec: 1 })}
          onRetry={() => {}}
        />,
      )
      act(() => {
        vi.advanceTimersByTime(1000)
      })
      expect((screen.getByRole('button', { name: 'Retry' }) as HTMLButtonElement).disabled).toBe(
        false,
      )
      rerender(
        <ErrorState
          error={new ApiError('rate_limited', 'Too many', 429, { retryAfterSec: 5 })}
          onRetry={() => {}}
        />,
      )
      expect((screen.getByRole('button', { name: 'Retry' }) as HTMLButtonElement).disabled).toBe(
        true,
      )
      expect(screen.getByText('You can retry in 5 s.')).toBeTruthy()
    })

    it('enables Retry at once when the cloud gave no wait', () => {
      render(
        <ErrorState error={new ApiError('rate_limited', 'Too many', 429)} onRetry={() => {}} />,
      )
      expect((screen.getByRole('button', { name: 'Retry' }) as HTMLButtonElement).disabled).toBe(
        false,
      )
    })
  })
})
