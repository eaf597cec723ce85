import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/lib/api-error'
import { ConfirmMutationDialog } from './confirm-mutation-dialog'

afterEach(cleanup)

type State = { isPending: boolean; isError: boolean; error: unknown }

/** A stand-in mutation whose state the test sets, like react-query's would change. */
function Harness({
  onConfirm,
}: {
  onConfirm: (close: () => void, set: (s: State) => void) => void
}) {
  const [state, setState] = useState<State>({ isPending: false, isError: false, error: null })
  const reset = () => setState({ isPending: false, isError: false, error: null })
  return (
    <ConfirmMutationDialog
      trigger={<button type="button">Delete</button>}
      title="Delete it?"
      description="Gone for good."
      confirmLabel="Delete thing"
      mutation={{ ...state, reset }}
      onConfirm={(close) => onConfirm(close, setState)}
    />
  )
}

describe('ConfirmMutationDialog', () => {
  it('does nothing until confirmed, and Cancel closes without running', () => {
    const onConfirm = vi.fn()
    render(<Harness onConfirm={onConfirm} />)
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }))
    expect(screen.getByRole('alertdialog', { name: 'Delete it?' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(onConfirm).not.toHaveBeenCalled()
  })

  it('shows a refusal inside the dialog, forgets it on close, and closes on success', () => {
    let attempt = 0
    render(
      <Harness
        onConfirm={(close, set) => {
          attempt += 1
          if (attempt === 1) {
            set({ isPending: false, isError: true, error: new ApiError('forbidden', 'No', 403) })
          } else close()
        }}
      />,
    )
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }))
    fireEvent.click(screen.getByRole('button', { name: 'Delete thing' }))
    expect(screen.getByRole('heading', { name: 'Access denied' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }))
    expect(screen.queryByRole('heading', { name: 'Access denied' })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Delete thing' }))
    expect(screen.queryByRole('alertdialog')).toBeNull()
  })

  it('cannot be dismissed while the request runs', () => {
    render(
      <Harness
        onConfirm={(_close, set) => set({ isPending: true, isError: false, error: null })}
      />,
    )
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }))
    fireEvent.click(screen.getByRole('button', { name: 'Delete thing' }))
    const cancel = screen.getByRole('button', { name: 'Cancel' }) as HTMLButtonElement
    expect(cancel.disabled).toBe(true)
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' })
    expect(screen.getByRole('alertdialog')).toBeTruthy()
  })
})
