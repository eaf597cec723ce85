import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SearchField } from './search-field'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

function renderField(props: { value?: string; isVerbatim?: boolean } = {}) {
  const onSearch = vi.fn()
  const view = render(
    <SearchField
      value={props.value ?? ''}
      onSearch={onSearch}
      label="Search things"
      placeholder="Search by name"
      debounceMs={250}
      isVerbatim={props.isVerbatim}
    />,
  )
  const field = screen.getByRole('searchbox', { name: 'Search things' }) as HTMLInputElement
  return { onSearch, field, view }
}

describe('SearchField', () => {
  it('applies the trimmed text once typing pauses, not before', () => {
    const { onSearch, field } = renderField()
    fireEvent.change(field, { target: { value: '  llama ' } })
    act(() => vi.advanceTimersByTime(249))
    expect(onSearch).not.toHaveBeenCalled()
    act(() => vi.advanceTimersByTime(1))
    expect(onSearch).toHaveBeenCalledExactlyOnceWith('llama')
  })

  it('restarts the pause on each keystroke', () => {
    const { onSearch, field } = renderField()
    fireEvent.change(field, { target: { value: 'll' } })
    act(() => vi.advanceTimersByTime(200))
    fireEvent.change(field, { target: { value: 'llama' } })
    act(() => vi.advanceTimersByTime(200))
    expect(onSearch).not.toHaveBeenCalled()
    act(() => vi.advanceTimersByTime(50))
    expect(onSearch).toHaveBeenCalledExactlyOnceWith('llama')
  })

  it('applies at once on Enter', () => {
    const { onSearch, field } = renderField()
    fireEvent.change(field, { target: { value: 'llama ' } })
    fireEvent.keyDown(field, { key: 'Enter' })
    expect(onSearch).toHaveBeenCalledExactlyOnceWith('llama')
  })

  it('sends nothing when the trimmed text is the search in force', () => {
    const { onSearch, field } = renderField({ value: 'llama' })
    fireEvent.change(field, { target: { value: 'llama  ' } })
    act(() => vi.advanceTimersByTime(1_000))
    expect(onSearch).not.toHaveBeenCalled()
  })

  it('verbatim: keeps spaces and ignores Enter', () => {
    const { onSearch, field } = renderField({ isVerbatim: true })
    fireEvent.change(field, { target: { value: 'POST /api ' } })
    fireEvent.keyDown(field, { key: 'Enter' })
    expect(onSearch).not.toHaveBeenCalled()
    act(() => vi.advanceTimersByTime(250))
    expect(onSearch).toHaveBeenCalledExactlyOnceWith('POST /api ')
  })

  it('follows the search in force when it changes elsewhere', () => {
    const { onSearch, field, view } = renderField({ value: 'llama' })
    expect(field.value).toBe('llama')
    view.rerender(
      <SearchField
        value=""
        onSearch={onSearch}
        label="Search things"
        placeholder="Search by name"
        debounceMs={250}
      />,
    )
    expect(field.value).toBe('')
    act(() => vi.advanceTimersByTime(1_000))
    expect(onSearch).not.toHaveBeenCalled()
  })
})
