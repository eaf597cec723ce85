import { describe, expect, it } from 'vitest'
import {
  duplicateIndexes,
  envNameProblem,
  envValueProblem,
  formatDotenv,
  looksLikeDotenv,
  parseDotenv,
  toEnvObject,
} from './env'

describe('environment variable rules (docs/containers.md §Create)', () => {
  it('checks names like the cloud', () => {
    expect(envNameProblem('NODE_ENV')).toBeNull()
    expect(envNameProblem('_private1')).toBeNull()
    expect(envNameProblem('1BAD')).toBe('Must start with a letter or underscore')
    expect(envNameProblem('MY-VAR')).toBe('Letters, digits and underscores only')
    expect(envNameProblem('')).toBe('Name is required')
  })

  it('counts value size in UTF-8 bytes', () => {
    expect(envValueProblem('x'.repeat(32_768))).toBeNull()
    expect(envValueProblem('x'.repeat(32_769))).toMatch(/^At most 32 KB/)
    // 16,385 × "é" is 32,770 bytes although it is 16,385 characters.
    expect(envValueProblem('é'.repeat(16_385))).toMatch(/this is 32,770$/)
  })

  it('finds the later copies of a name', () => {
    const vars = [
      { key: 'A', value: '1' },
      { key: 'B', value: '2' },
      { key: 'A', value: '3' },
      { key: '', value: '' },
      { key: '', value: '' },
    ]
    expect(duplicateIndexes(vars)).toEqual([2])
    expect(toEnvObject(vars)).toEqual({ A: '3', B: '2' })
  })
})

describe('.env text', () => {
  it('reads comments, export, quotes, escapes and multi-line values', () => {
    const { vars, errors } = parseDotenv(
      [
        '# a comment',
        '',
        'export NODE_ENV=production',
        'PORT = 3000 # inline comment',
        "GREETING='hello # not a comment'",
        'JSON="{\\"a\\": 1}"',
        'KEY="line one',
        'line two"',
        'EMPTY=',
        'URL=https://example.com/?a=b#frag',
      ].join('\r\n'),
    )
    expect(errors).toEqual([])
    expect(vars).toEqual([
      { key: 'NODE_ENV', value: 'production' },
      { key: 'PORT', value: '3000' },
      { key: 'GREETING', value: 'hello # not a comment' },
      { key: 'JSON', value: '{"a": 1}' },
      { key: 'KEY', value: 'line one\nline two' },
      { key: 'EMPTY', value: '' },
      { key: 'URL', value: 'https://example.com/?a=b#frag' },
    ])
  })

  it('names each line it cannot read', () => {
    const { vars, errors } = parseDotenv('OK=1\njust words\nOPEN="never closed\nB=\'x')
    expect(vars).toEqual([{ key: 'OK', value: '1' }])
    expect(errors).toEqual([
      'Line 2: expected NAME=value',
      'Line 3: the quoted value of OPEN is not closed',
    ])
    expect(parseDotenv("B='x").errors).toEqual(['Line 1: the quoted value of B is not closed'])
  })

  it('writes text that reads back to the same rows', () => {
    const rows = [
      { key: 'PLAIN', value: 'abc123' },
      { key: 'SPACES', value: 'a b  c' },
      { key: 'QUOTES', value: `it's "quoted"` },
      { key: 'MULTI', value: 'one\ntwo\tthree\\' },
      { key: 'HASH', value: 'x #y' },
      { key: 'EMPTY', value: '' },
    ]
    const text = formatDotenv(rows)
    expect(text.split('\n')[0]).toBe('PLAIN=abc123')
    expect(parseDotenv(text)).toEqual({ vars: rows, errors: [] })
  })

  it('recognises pasted .env content', () => {
    expect(looksLikeDotenv('A=1\nB=2')).toBe(true)
    expect(looksLikeDotenv('# c\nexport A=1')).toBe(true)
    expect(looksLikeDotenv('just a value')).toBe(false)
    expect(looksLikeDotenv('')).toBe(false)
  })
})
