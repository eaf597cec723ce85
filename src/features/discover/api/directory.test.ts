import { describe, expect, it } from 'vitest'
import { DIRECTORY_LIMIT, mergeDirectory, typesOf } from './directory'
import type { DiscoveryPage, Service } from './schemas'

const service = (over: Partial<Service>): Service => ({
  id: 'id',
  name: 'Name',
  description: '',
  type: 'agent',
  tags: [],
  active: true,
  mcpTools: [],
  a2aSkills: [],
  x402Support: false,
  verified: false,
  pricing: { type: 'free' },
  ...over,
})

const page = (services: Service[], cached = false): DiscoveryPage => ({
  services,
  total: services.length,
  hasMore: false,
  pagination: { limit: DIRECTORY_LIMIT, offset: 0 },
  cached,
})

describe('mergeDirectory', () => {
  it('merges the types, sorted by name without regard to case', () => {
    const merged = mergeDirectory([
      {
        type: 'agent',
        page: page([service({ id: 'a', name: 'zeta' }), service({ id: 'b', name: 'Alpha' })]),
      },
      { type: 'mcp', page: page([service({ id: 'c', name: 'beta', type: 'mcp' })]) },
    ])
    expect(merged.services.map((s) => s.name)).toEqual(['Alpha', 'beta', 'zeta'])
    expect(merged.truncatedTypes).toEqual([])
    expect(merged.isCached).toBe(false)
  })

  it('keeps an agent and an MCP server with the same id apart, and drops repeats', () => {
    const merged = mergeDirectory([
      { type: 'agent', page: page([service({ id: 'x' }), service({ id: 'x' })]) },
      { type: 'mcp', page: page([service({ id: 'x', type: 'mcp' })]) },
    ])
    expect(merged.services.map((s) => `${s.type}:${s.id}`)).toEqual(['agent:x', 'mcp:x'])
  })

  it('says which type came back full: the API cannot page beyond it', () => {
    const full = Array.from({ length: DIRECTORY_LIMIT }, (_, i) =>
      service({ id: `a${i}`, name: `A${i}` }),
    )
    const merged = mergeDirectory([
      { type: 'agent', page: page(full) },
      { type: 'mcp', page: page([service({ id: 'm', type: 'mcp' })], true) },
    ])
    expect(merged.truncatedTypes).toEqual(['agent'])
    expect(merged.services).toHaveLength(DIRECTORY_LIMIT + 1)
    expect(merged.isCached).toBe(true)
  })

  it('is empty for no answers', () => {
    expect(mergeDirectory([])).toEqual({ services: [], truncatedTypes: [], isCached: false })
  })
})

describe('typesOf', () => {
  it('asks for both types, or the one chosen', () => {
    expect(typesOf('all')).toEqual(['agent', 'mcp'])
    expect(typesOf('mcp')).toEqual(['mcp'])
  })
})
