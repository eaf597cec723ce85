import { describe, expect, it } from 'vitest'
import { agentRpcError } from './chat'

describe('agentRpcError (per-agent JSON-RPC errors, several with HTTP 200)', () => {
  it('-32602 messages required → invalid, with the cloud message', () => {
    const e = agentRpcError(-32602, 'messages required', 200)
    expect(e).toMatchObject({ kind: 'invalid', status: 200, details: { code: '-32602' } })
    expect(e.message).toContain('messages required')
  })

  it('-32003 insufficient credits → insufficient_credits with the amount needed', () => {
    const e = agentRpcError(-32003, 'Insufficient credits. Required: $0.0123', 200)
    expect(e.kind).toBe('insufficient_credits')
    expect(e.details.requiredUsd).toBe(0.0123)
  })

  it('-32000 model failure → server, naming the model failure', () => {
    const e = agentRpcError(-32000, 'Model not available', 200)
    expect(e.kind).toBe('server')
    expect(e.message).toMatch(/model failed.*Model not available/)
  })

  it('-32001 is not found at 404 and forbidden at 403', () => {
    expect(agentRpcError(-32001, 'Agent not found', 404).kind).toBe('not_found')
    expect(agentRpcError(-32001, 'Agent not accessible', 403).kind).toBe('forbidden')
  })

  it('-32601 and -32002 and unknown codes', () => {
    expect(agentRpcError(-32601, 'Method not found', 400).kind).toBe('invalid')
    expect(agentRpcError(-32002, 'Authentication required', 401).kind).toBe('unauthorized')
    expect(agentRpcError(-32099, 'odd', 500).kind).toBe('server')
    expect(agentRpcError(-32099, 'odd', 200).message).toBe('odd')
  })
})
