import { describe, expect, it } from 'vitest'

import { oneOf, optionalText, text } from './search-params'

describe('optionalText', () => {
  it('keeps a string that follows the rules', () => {
    expect(optionalText('abc')).toBe('abc')
    expect(optionalText('a'.repeat(5), { max: 5 })).toBe('aaaaa')
    expect(optionalText('AB-1', { pattern: /^[A-Z0-9-]+$/ })).toBe('AB-1')
  })

  it('trims before checking the length when asked', () => {
    expect(optionalText('  hi  ', { trim: true, max: 2 })).toBe('hi')
    expect(optionalText('  hi  ', { max: 2 })).toBeUndefined()
  })

  it('refuses anything else', () => {
    for (const value of [undefined, null, 42, true, ['a'], { a: 1 }]) {
      expect(optionalText(value)).toBeUndefined()
    }
    expect(optionalText('abcdef', { max: 5 })).toBeUndefined()
    expect(optionalText('ab cd', { pattern: /^[a-z]+$/ })).toBeUndefined()
  })
})

describe('text', () => {
  it('falls back when the value is missing or malformed', () => {
    expect(text(undefined, 'dflt')).toBe('dflt')
    expect(text(7, 'dflt')).toBe('dflt')
    expect(text('x'.repeat(201), 'dflt', { max: 200 })).toBe('dflt')
    expect(text('ok', 'dflt', { max: 200 })).toBe('ok')
  })
})

describe('oneOf', () => {
  const sorts = ['newest', 'name'] as const
  it('keeps an allowed value and falls back otherwise', () => {
    expect(oneOf('name', sorts, 'newest')).toBe('name')
    expect(oneOf('NAME', sorts, 'newest')).toBe('newest')
    expect(oneOf(undefined, sorts, 'newest')).toBe('newest')
    expect(oneOf(['name'], sorts, 'newest')).toBe('newest')
    expect(oneOf('constructor', sorts, 'newest')).toBe('newest')
  })
})
