// The message-based error table of POST /api/a2a and how message parts are read, without a DB.
import { describe, expect, it } from 'vitest'
import { classifyFailure, platformEnvelope } from './protocol.ts'
import { PartWriter, readMessage } from './types.ts'

describe('classifyFailure (docs/cloud/a2a-discovery.md "Errors")', () => {
  it.each([
    ['Insufficient credits: need $0.0123, have $0.0040', -32011, 402],
    ['Task not found: abc', -32001, 404],
    ['Conversation not found', -32001, 404],
    ['Account suspended due to policy violations', -32013, 403],
    ['Agent is banned due to policy violations', -32013, 403],
    ['Message must contain at least one part', -32603, 500],
    ['Task t is already in terminal state: completed', -32603, 500],
  ])('%s → %i / HTTP %i', (message, code, status) => {
    expect(classifyFailure(message)).toEqual({ code, status })
  })

  it('checks "Insufficient" before "not found", as the cloud does', () => {
    expect(classifyFailure('Insufficient credits: wallet not found').status).toBe(402)
  })
})

describe('platformEnvelope', () => {
  it('requires id but allows null', () => {
    expect(platformEnvelope.safeParse({ jsonrpc: '2.0', method: 'x', id: null }).success).toBe(true)
    expect(platformEnvelope.safeParse({ jsonrpc: '2.0', method: 'x' }).success).toBe(false)
  })
})

describe('readMessage', () => {
  const parts = [
    { type: 'text', text: 'one' },
    { kind: 'text', text: 'two' },
    { type: 'data', data: { skill: 'check_balance' } },
    { type: 'data', data: { skill: 'ignored' } },
  ]

  it('joins text parts and takes the first data part', () => {
    expect(readMessage(parts, true)).toEqual({ text: 'one\ntwo', data: { skill: 'check_balance' } })
  })

  it('ignores kind-only parts when the extension is off (strict mode)', () => {
    expect(readMessage(parts, false).text).toBe('one')
    expect(readMessage([{ kind: 'text', text: 'x' }], false)).toEqual({ text: '', data: {} })
  })

  it('prefers type over kind when a part has both', () => {
    expect(readMessage([{ type: 'data', kind: 'text', text: 'x', data: {} }], true).text).toBe('')
  })
})

describe('PartWriter', () => {
  it('spells parts with type only in strict mode and adds kind otherwise', () => {
    let extension = false
    const w = new PartWriter(() => extension)
    expect(w.agentMessage([w.text('hi')])).toEqual({
      role: 'agent',
      parts: [{ type: 'text', text: 'hi' }],
    })
    extension = true
    expect(w.agentMessage([w.text('hi')])).toEqual({
      role: 'agent',
      parts: [{ type: 'text', kind: 'text', text: 'hi' }],
      kind: 'message',
      messageId: expect.any(String),
    })
  })
})
