import { describe, expect, it } from 'vitest'
import { validateJson } from './json-schema'

const book = {
  type: 'object',
  $defs: { isbn: { type: 'string', pattern: '^97[89]-\\d{10}$' } },
  properties: {
    title: { type: 'string', minLength: 1 },
    year: { type: 'integer', minimum: 0 },
    price: { type: 'number', exclusiveMinimum: 0 },
    isbn: { $ref: '#/$defs/isbn' },
    tags: { type: 'array', items: { type: 'string' } },
    kind: { enum: ['novel', 'essay'] },
    email: { type: 'string', format: 'email' },
  },
  required: ['title', 'year'],
  additionalProperties: false,
}

const problems = (value: unknown, schema: unknown = book) =>
  validateJson(schema, value).map((p) => `${p.path || '(root)'} ${p.keyword}`)

describe('validateJson', () => {
  it('accepts a matching value', () => {
    expect(
      validateJson(book, {
        title: 'Dune',
        year: 1965,
        price: 9.5,
        isbn: '978-0441172719',
        tags: ['sf'],
        kind: 'novel',
        email: 'frank@example.com',
      }),
    ).toEqual([])
  })

  it('flags a $ref target that does not match, at the property that uses it', () => {
    expect(problems({ title: 'Dune', year: 1965, isbn: 'not an isbn' })).toEqual(['/isbn pattern'])
  })

  it('flags a pattern violation', () => {
    const code = { type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' }
    expect(problems('ABC-1234', code)).toEqual([])
    expect(validateJson(code, 'abc')).toEqual([
      { path: '', keyword: 'pattern', message: 'String does not match pattern.' },
    ])
  })

  it('flags exclusiveMinimum (equal is too small), and exclusiveMaximum', () => {
    expect(problems({ title: 'x', year: 1, price: 0 })).toEqual(['/price exclusiveMinimum'])
    expect(problems(1, { type: 'number', exclusiveMaximum: 1 })).toEqual([
      '(root) exclusiveMaximum',
    ])
    expect(problems({ title: 'x', year: 1, price: 0.01 })).toEqual([])
  })

  it('names every problem with its path, once', () => {
    expect(
      problems({ title: '', year: 1.5, tags: ['ok', 3], kind: 'poem', email: 'no', extra: true }),
    ).toEqual([
      '/title minLength',
      '/year type',
      '/tags/1 type',
      '/kind enum',
      '/email format',
      '(root) additionalProperties',
    ])
    expect(problems({})).toEqual(['(root) required', '(root) required'])
    expect(problems([])).toEqual(['(root) type'])
  })

  it('follows the draft the schema names', () => {
    // Draft 4: exclusiveMinimum is a boolean modifier of minimum.
    const draft4 = {
      $schema: 'http://json-schema.org/draft-04/schema#',
      type: 'number',
      minimum: 1,
      exclusiveMinimum: true,
    }
    expect(problems(1, draft4)).toHaveLength(1)
    expect(problems(2, draft4)).toEqual([])
  })

  it('reports a schema it cannot use instead of calling the value valid', () => {
    const broken = { type: 'object', properties: { a: { $ref: '#/$defs/missing' } } }
    const result = validateJson(broken, { a: 1 })
    expect(result).toHaveLength(1)
    expect(result[0]?.keyword).toBe('schema')
  })
})
