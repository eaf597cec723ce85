import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/lib/api-error'
import { ErrorState } from './error-state'

afterEach(cleanup)

// This file never preloads the view, so the first render shows the fallback.
describe('ErrorState before its full view has loaded', () => {
  it('is an alert with the title and a working Retry at once, then the full view', async () => {
    const onRetry = vi.fn()
    render(<ErrorState error={new ApiError('server', 'boom', 503)} onRetry={onRetry} />)
    expect(screen.getByRole('alert')).toBeTruthy()
    expect(screen.getByRole('heading', { name: 'The cloud hit an error (503)' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalledTimes(1)

    expect(
      await screen.findByText(/This is on the cloud’s side/, {}, { timeout: 10_000 }),
    ).toBeTruthy()
    expect(screen.getAllByRole('alert')).toHaveLength(1)
    expect(screen.getByRole('heading', { name: 'The cloud hit an error (503)' })).toBeTruthy()
  }, 15_000)

  it('holds Retry while a rate limit asks to wait', () => {
    render(
      <ErrorState
        error={new ApiError('rate_limited', 'Too many', 429, { retryAfterSec: 5 })}
        onRetry={() => {}}
      />,
    )
    const button = screen.getByRole('button', { name: 'Retry' }) as HTMLButtonElement
    expect(button.disabled).toBe(true)
  })
})
