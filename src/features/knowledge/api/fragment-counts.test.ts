// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  MAX_REMEMBERED,
  rememberFragmentCounts,
  resetFragmentCountCache,
  useFragmentCounts,
} from './fragment-counts'

beforeEach(() => {
  localStorage.clear()
  resetFragmentCountCache()
})

describe('remembered fragment counts', () => {
  it('keeps what answers reported, across a reload, and re-renders readers', () => {
    const { result } = renderHook(() => useFragmentCounts())
    expect(result.current).toEqual({})
    act(() =>
      rememberFragmentCounts([
        { id: 'a', count: 3 },
        { id: '', count: 1 },
      ]),
    )
    expect(result.current).toEqual({ a: 3 })
    resetFragmentCountCache() // a reload
    const { result: later } = renderHook(() => useFragmentCounts())
    expect(later.current).toEqual({ a: 3 })
  })

  it('drops the oldest beyond the bound', () => {
    rememberFragmentCounts(
      Array.from({ length: MAX_REMEMBERED + 2 }, (_, i) => ({ id: `d${i}`, count: i })),
    )
    const { result } = renderHook(() => useFragmentCounts())
    expect(Object.keys(result.current)).toHaveLength(MAX_REMEMBERED)
    expect(result.current.d0).toBeUndefined()
    expect(result.current[`d${MAX_REMEMBERED + 1}`]).toBe(MAX_REMEMBERED + 1)
  })

  it('ignores stored garbage', () => {
    localStorage.setItem('eliza-console:knowledge-fragments', '{"a":"x","b":-1,"c":2}')
    const { result } = renderHook(() => useFragmentCounts())
    expect(result.current).toEqual({ c: 2 })
  })
})
