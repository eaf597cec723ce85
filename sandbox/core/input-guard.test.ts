// The specific bad inputs of issue #15 (docs/sandbox.md §Bad input): each gets the route's 4xx
// in its family's shape by default, and strict mode still answers as the cloud does.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { familyError } from './errors.ts'
import { containsUnstorable, queryInt, UNSTORABLE_MESSAGE } from './input-guard.ts'
import { openTestSandbox, SANDBOX_TIMEOUTS, type TestSandbox } from './test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
afterEach(() => {
  sb.ctx.strict = false
})

const send = (path: string, body: string, method = 'POST', type = 'application/json') =>
  sb.call(path, { method, headers: { 'Content-Type': type }, body })

describe('helpers', () => {
  it('finds NUL and lone surrogates anywhere in a JSON value, and nothing else', () => {
    expect(containsUnstorable({ a: [{ b: 'x\u0000' }] })).toBe(true)
    expect(containsUnstorable({ ['k\u0000']: 1 })).toBe(true)
    expect(containsUnstorable(['a\ud800b'])).toBe(true)
    expect(containsUnstorable('\udc00')).toBe(true)
    expect(containsUnstorable({ a: 'emoji 👋🏽 東京', n: 1, z: null })).toBe(false)
  })

  it('reads whole numbers in range only', () => {
    expect(queryInt(undefined, 'limit')).toEqual({ value: undefined })
    expect(queryInt('50', 'limit')).toEqual({ value: 50 })
    for (const bad of ['abc', '-1', '1.5', '1e3', '99999999999999999999', '']) {
      expect(queryInt(bad, 'limit')).toHaveProperty('error')
    }
  })

  it('shapes an error by the path family', async () => {
    const body = (r: Response) => r.json()
    expect(await body(familyError('/api/v1/chat/completions', 'POST', 400, 'x'))).toEqual({
      error: { message: 'x', type: 'invalid_request_error' },
    })
    expect(await body(familyError('/api/a2a', 'POST', 500, 'boom'))).toEqual({
      jsonrpc: '2.0',
      error: { code: -32603, message: 'Internal error' },
      id: null,
    })
    expect(await body(familyError('/api/compat/agents', 'GET', 500, 'boom'))).toEqual({
      success: false,
      error: 'Internal server error',
    })
    expect(await body(familyError('/api/v1/credits/balance', 'GET', 500, 'boom'))).toEqual({
      success: false,
      error: 'An unexpected error occurred',
      code: 'internal_error',
    })
    expect(await body(familyError('/api/v1/knowledge', 'GET', 400, 'x'))).toEqual({ error: 'x' })
  })
})

describe('NUL and lone surrogates', () => {
  it.each([
    [
      '/api/v1/app/agents',
      { name: 'a\u0000b', bio: 'x' },
      { success: false, error: UNSTORABLE_MESSAGE },
    ],
    ['/api/v1/generate-image', { prompt: 'a\ud800b' }, { error: UNSTORABLE_MESSAGE }],
    [
      '/api/v1/chat/completions',
      { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: '\u0000' }] },
      { error: { message: UNSTORABLE_MESSAGE, type: 'invalid_request_error' } },
    ],
  ])('%s answers 400 in its family shape', async (path, body, expected) => {
    const res = await send(path, JSON.stringify(body))
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual(expected)
  })

  it('refuses a NUL in a query value or a path id', async () => {
    const query = await sb.call('/api/credits/transactions?limit=%00')
    expect(query.status).toBe(400)
    const path = await sb.call('/api/v1/containers/a%00b')
    expect(path.status).toBe(400)
    expect(await path.json()).toEqual({ success: false, error: UNSTORABLE_MESSAGE })
  })

  it('lets a literal backslash-u text through', async () => {
    const res = await send(
      '/api/v1/app/agents',
      JSON.stringify({ name: 'Escapes \\u0000', bio: 'A literal backslash, not a NUL' }),
    )
    expect(res.status).toBe(201)
  })
})

describe('the 500s the cloud would give to a careless client', () => {
  it('transactions: limit=abc is a 400 (strict: the cloud 500)', async () => {
    const res = await sb.call('/api/credits/transactions?limit=abc')
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: expect.stringMatching(/^limit must be a whole number/),
    })
    sb.ctx.strict = true
    const strict = await sb.call('/api/credits/transactions?limit=abc')
    expect(strict.status).toBe(500)
    expect(await strict.json()).toHaveProperty('error')
  })

  it('knowledge query: query: true is a 400', async () => {
    const res = await send('/api/v1/knowledge/query', JSON.stringify({ query: true }))
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ error: 'Query must be a string' })
  })

  it('chat completions: a null body is the missing-field 400', async () => {
    const res = await send('/api/v1/chat/completions', 'null')
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { type: 'invalid_request_error' } })
  })

  it.each(['/api/v1/voice/clone', '/api/v1/voice/stt'])(
    '%s: broken multipart is a 400; a JSON body keeps the cloud 500',
    async (path) => {
      const broken = await send(path, 'garbage', 'POST', 'multipart/form-data')
      expect(broken.status).toBe(400)
      expect(await broken.json()).toEqual({ error: expect.stringMatching(/^Malformed multipart/) })
      const json = await send(path, '{"text":"hi"}')
      expect(json.status).toBe(500)
      expect(await json.json()).toHaveProperty('error')
    },
  )

  it('an E9 empty 500 gets the family JSON body; strict mode keeps it empty', async () => {
    const path = '/api/my-agents/characters/not-a-uuid'
    const res = await sb.call(path)
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ success: false, error: 'An unexpected error occurred' })
    sb.ctx.strict = true
    const strict = await sb.call(path)
    expect(strict.status).toBe(500)
    expect(await strict.text()).toBe('')
  })
})
