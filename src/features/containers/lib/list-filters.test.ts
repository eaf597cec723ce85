import { describe, expect, it } from 'vitest'
import { filterContainers } from './list-filters'
import type { Container } from '../api/schemas'

const row = (name: string, status: string, createdAt: string, extra: Partial<Container> = {}) =>
  ({
    id: name,
    name,
    projectName: name.toLowerCase(),
    description: null,
    status,
    url: null,
    errorMessage: null,
    billingStatus: null,
    cpu: 1792,
    memory: 1792,
    port: 3000,
    instances: 1,
    lastDeployedAt: createdAt,
    createdAt,
    updatedAt: createdAt,
    ...extra,
  }) satisfies Container

const list = [
  row('Beta', 'running', '2026-04-02T00:00:00Z', { url: 'https://beta.example.com' }),
  row('alpha', 'failed', '2026-04-03T00:00:00Z', { errorMessage: 'Health check failed' }),
  row('Gamma', 'deploying', '2026-04-01T00:00:00Z'),
]
const names = (l: Container[]) => l.map((c) => c.name)

describe('filterContainers', () => {
  it('searches name, project, URL and error message', () => {
    expect(names(filterContainers(list, { q: 'BETA', status: '', sort: 'newest' }))).toEqual([
      'Beta',
    ])
    expect(names(filterContainers(list, { q: 'health', status: '', sort: 'newest' }))).toEqual([
      'alpha',
    ])
    expect(names(filterContainers(list, { q: 'example.com', status: '', sort: 'newest' }))).toEqual(
      ['Beta'],
    )
  })

  it('filters by status, "active" meaning on its way', () => {
    expect(names(filterContainers(list, { q: '', status: 'failed', sort: 'newest' }))).toEqual([
      'alpha',
    ])
    expect(names(filterContainers(list, { q: '', status: 'active', sort: 'newest' }))).toEqual([
      'Gamma',
    ])
  })

  it('sorts by creation, name (case-insensitive) or status (failed first)', () => {
    expect(names(filterContainers(list, { q: '', status: '', sort: 'newest' }))).toEqual([
      'alpha',
      'Beta',
      'Gamma',
    ])
    expect(names(filterContainers(list, { q: '', status: '', sort: 'oldest' }))).toEqual([
      'Gamma',
      'Beta',
      'alpha',
    ])
    expect(names(filterContainers(list, { q: '', status: '', sort: 'name' }))).toEqual([
      'alpha',
      'Beta',
      'Gamma',
    ])
    expect(names(filterContainers(list, { q: '', status: '', sort: 'status' }))).toEqual([
      'alpha',
      'Gamma',
      'Beta',
    ])
    // The input is left as it was.
    expect(names(list)).toEqual(['Beta', 'alpha', 'Gamma'])
  })
})
