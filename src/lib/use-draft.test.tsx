import { act, cleanup, renderHook } from '@testing-library/react'
import { useForm } from 'react-hook-form'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readDraft, useDraft, useFieldDraft, useFormDraft } from './use-draft'

const KEY = 'eliza-console:test-draft:a'
const OTHER = 'eliza-console:test-draft:b'

beforeEach(() => {
  localStorage.clear()
  vi.useFakeTimers()
})

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('useDraft', () => {
  it('starts from the stored draft under the full key', () => {
    localStorage.setItem(KEY, 'hello')
    const { result } = renderHook(() => useDraft(KEY))
    expect(result.current.value).toBe('hello')
  })

  it('writes after a pause in typing, not per keystroke', () => {
    const { result } = renderHook(() => useDraft(KEY))
    act(() => result.current.change('h'))
    act(() => result.current.change('hi'))
    expect(result.current.value).toBe('hi')
    expect(localStorage.getItem(KEY)).toBeNull()
    act(() => vi.advanceTimersByTime(300))
    expect(localStorage.getItem(KEY)).toBe('hi')
  })

  it('writes at once on flush and on unmount; an empty draft is removed', () => {
    const { result, unmount } = renderHook(() => useDraft(KEY))
    act(() => result.current.change('sent'))
    act(() => result.current.flush())
    expect(localStorage.getItem(KEY)).toBe('sent')
    act(() => result.current.change(''))
    act(() => result.current.flush())
    expect(localStorage.getItem(KEY)).toBeNull()
    act(() => result.current.change('left behind'))
    unmount()
    expect(localStorage.getItem(KEY)).toBe('left behind')
  })

  it('writes at once when the page is left (a reload right after typing)', () => {
    const { result } = renderHook(() => useDraft(KEY))
    act(() => result.current.change('typed just now'))
    window.dispatchEvent(new Event('pagehide'))
    expect(localStorage.getItem(KEY)).toBe('typed just now')
  })

  it('a copy that mounts and unmounts unchanged leaves a newer draft alone (a remount mid-typing)', () => {
    const typing = renderHook(() => useDraft(KEY))
    act(() => typing.result.current.change('typed just before leaving'))
    // a second copy mounts before the first wrote its draft, so it starts empty
    const remounted = renderHook(() => useDraft(KEY))
    expect(remounted.result.current.value).toBe('')
    typing.unmount()
    remounted.unmount()
    expect(localStorage.getItem(KEY)).toBe('typed just before leaving')
  })

  it('moves the draft to another key', () => {
    const { result } = renderHook(() => useDraft(KEY))
    act(() => result.current.change('moving'))
    act(() => result.current.moveTo(OTHER))
    expect(localStorage.getItem(KEY)).toBeNull()
    expect(localStorage.getItem(OTHER)).toBe('moving')
  })

  it('keeps working in memory when storage throws', () => {
    const spy = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new Error('QuotaExceededError')
    })
    const { result } = renderHook(() => useDraft(KEY))
    act(() => result.current.change('kept'))
    act(() => result.current.flush())
    expect(result.current.value).toBe('kept')
    spy.mockRestore()
  })
})

describe('useFieldDraft', () => {
  function useForm1() {
    const form = useForm<{ prompt: string; n: number }>({
      defaultValues: { prompt: readDraft(KEY), n: 1 },
    })
    useFieldDraft(form, 'prompt', KEY)
    return form
  }

  it('gives the field its stored draft and mirrors setValue and reset into storage', () => {
    localStorage.setItem(KEY, 'stored prompt')
    const { result, unmount } = renderHook(useForm1)
    expect(result.current.getValues('prompt')).toBe('stored prompt')

    act(() => result.current.setValue('prompt', 'typed'))
    expect(localStorage.getItem(KEY)).toBe('stored prompt')
    act(() => vi.advanceTimersByTime(300))
    expect(localStorage.getItem(KEY)).toBe('typed')

    act(() => result.current.reset({ prompt: 'restored', n: 2 }))
    act(() => vi.advanceTimersByTime(300))
    expect(localStorage.getItem(KEY)).toBe('restored')

    act(() => result.current.setValue('prompt', ''))
    unmount()
    expect(localStorage.getItem(KEY)).toBeNull()
  })

  it('does not drop a stored draft when the form unmounts untouched', () => {
    localStorage.setItem(KEY, 'untouched')
    const { unmount } = renderHook(useForm1)
    unmount()
    expect(localStorage.getItem(KEY)).toBe('untouched')
  })

  it('ignores changes of other fields', () => {
    localStorage.setItem(KEY, 'mine')
    const { result } = renderHook(useForm1)
    const spy = vi.spyOn(Storage.prototype, 'setItem')
    act(() => result.current.setValue('n', 3))
    act(() => vi.advanceTimersByTime(300))
    expect(spy).not.toHaveBeenCalled()
    spy.mockRestore()
  })
})

describe('useFormDraft', () => {
  type Values = { name: string; secret: string }
  const hide = (v: Values) => ({ name: v.name })

  it('stores the mapped form after a pause, never what the mapping leaves out', () => {
    const { result } = renderHook(() => {
      const form = useForm<Values>({ defaultValues: { name: '', secret: '' } })
      return { form, draft: useFormDraft(form, KEY, hide) }
    })
    act(() => result.current.form.setValue('name', 'web'))
    act(() => result.current.form.setValue('secret', 'hunter2'))
    expect(localStorage.getItem(KEY)).toBeNull()
    act(() => vi.advanceTimersByTime(300))
    expect(JSON.parse(localStorage.getItem(KEY) ?? '')).toEqual({ name: 'web' })
    expect(localStorage.getItem(KEY)).not.toContain('hunter2')
  })

  it('leaves nothing behind when the form was never touched, and clear() removes it for good', () => {
    const first = renderHook(() => {
      const form = useForm<Values>({ defaultValues: { name: '', secret: '' } })
      return useFormDraft(form, KEY, hide)
    })
    first.unmount()
    expect(localStorage.getItem(KEY)).toBeNull()

    const second = renderHook(() => {
      const form = useForm<Values>({ defaultValues: { name: '', secret: '' } })
      return { form, draft: useFormDraft(form, KEY, hide) }
    })
    act(() => second.result.current.form.setValue('name', 'sent'))
    act(() => second.result.current.draft.clear())
    expect(localStorage.getItem(KEY)).toBeNull()
    act(() => second.result.current.form.setValue('name', 'after submit'))
    second.unmount()
    expect(localStorage.getItem(KEY)).toBeNull()
  })
})
