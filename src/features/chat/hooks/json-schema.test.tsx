import { describe, expect, it } from 'vitest'
import { validateJson } from './json-schema'

const book = {
  type: 'object',
  properties: {
    title: { type: 'string', minLength: 1 },
    year: { type: 'integer', minimum: 0 },
    tags: { type: 'array', items: { type: 'string' } },
    kind: { enum: ['novel', 'essay'] },
  },
  required: ['title', 'year'],
  additionalProperties: false,
}

describe('validateJson', () => {
  it('accepts a matching value', () => {
    expect(validateJson(book, { title: 'Dune', year: 1965, tags: ['sf'], kind: 'novel' })).toEqual(
      [],
    )
  })

  it('names every problem with its path', () => {
    expect(
      validateJson(book, { title: '', year: 1.5, tags: ['ok', 3], kind: 'poem', extra: true }),
    ).toEqual([
      '/title must have ≥ 1 characters',
      '/year must be integer',
      '/tags/1 must be string',
      '/kind must be one of "novel", "essay"',
      '(root) must not have "extra"',
    ])
    expect(validateJson(book, {})).toEqual([
      '(root) must have property "title"',
      '(root) must have property "year"',
    ])
    expect(validateJson(book, [])).toEqual(['(root) must be object'])
  })

  it('treats an integer as a number, and handles anyOf', () => {
    expect(validateJson({ type: 'number' }, 3)).toEqual([])
    expect(validateJson({ anyOf: [{ type: 'string' }, { type: 'null' }] }, null)).toEqual([])
    expect(validateJson({ anyOf: [{ type: 'string' }, { type: 'null' }] }, 1)).toHaveLength(1)
  })
})
