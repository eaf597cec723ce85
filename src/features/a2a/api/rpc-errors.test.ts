import { describe, expect, it } from 'vitest'
import { readErrorBody } from '@/lib/api-error-body'
import { ApiError } from '@/lib/api-error'
import { describeRpcError, rpcCodeOf } from './rpc-errors'

/** The error bodies and statuses of docs/a2a.md §Errors, read by the app's one error reader. */
const CASES = [
  [400, -32700, 'Parse error: Invalid JSON', 'invalid', 'Parse error'],
  [400, -32600, 'Invalid Request: Does not conform to JSON-RPC 2.0', 'invalid', 'Invalid request'],
  [404, -32601, 'Method not found: tasks/send', 'not_found', 'Method not found'],
  [400, -32602, 'Invalid params', 'invalid', 'Invalid parameters'],
  [401, -32010, 'Invalid or expired API key', 'unauthorized', 'Authentication failed'],
  [
    402,
    -32011,
    'Insufficient credits: need $0.0123, have $0.0040',
    'insufficient_credits',
    'Insufficient credits',
  ],
  [429, -32012, 'Rate limited', 'rate_limited', 'Rate limited'],
  [404, -32001, 'Task not found: abc', 'not_found', 'Not found'],
  [403, -32013, 'Account suspended due to policy violations', 'forbidden', 'Account suspended'],
  [500, -32603, 'Task abc is already in terminal state: completed', 'server', 'Internal error'],
] as const

/** The error the client throws for such an answer (ApiError.fromResponse reads it this way). */
const errorOf = (...args: Parameters<typeof readErrorBody>) =>
  ApiError.fromFields(readErrorBody(...args))

describe('JSON-RPC error mapping', () => {
  it.each(CASES)(
    'HTTP %i with code %i reads as its kind, with a title, an explanation and the raw message',
    (status, code, message, kind, title) => {
      const body = JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: 1 })
      const error = errorOf(status, body, new Headers({ 'content-type': 'application/json' }))
      expect(error.kind).toBe(kind)
      expect(error.message).toBe(message)
      expect(rpcCodeOf(error)).toBe(code)
      const info = describeRpcError(error)
      expect(info.title).toBe(title)
      expect(info.code).toBe(code)
      expect(info.explanation.length).toBeGreaterThan(20)
    },
  )

  it('keeps the amount the cloud asked for, for the credits offer', () => {
    const body = JSON.stringify({
      jsonrpc: '2.0',
      error: { code: -32011, message: 'Insufficient credits: need $0.0123, have $0.0040' },
      id: 1,
    })
    expect(readErrorBody(402, body, new Headers()).details.requiredUsd).toBeCloseTo(0.0123)
  })

  it('explains errors without a JSON-RPC code by kind (empty or HTML body, network, timeout)', () => {
    const empty = errorOf(502, '', new Headers())
    expect(rpcCodeOf(empty)).toBeUndefined()
    expect(describeRpcError(empty).title).toBe('Cloud unavailable')
    const html = errorOf(
      500,
      '<html><body>Oops</body></html>',
      new Headers({ 'content-type': 'text/html' }),
    )
    expect(describeRpcError(html).title).toBe('The call failed')
    expect(describeRpcError(new ApiError('network', 'x', null)).title).toBe(
      'Local proxy not reachable',
    )
    expect(describeRpcError(new ApiError('timeout', 'x', null)).title).toBe('No answer in time')
    expect(describeRpcError(new ApiError('bad_response', 'x', 200)).title).toBe('Unreadable answer')
  })

  it('does not take a non-numeric code for a JSON-RPC code', () => {
    expect(
      rpcCodeOf(new ApiError('rate_limited', 'x', 429, { code: 'rate_limit_exceeded' })),
    ).toBeUndefined()
  })
})
