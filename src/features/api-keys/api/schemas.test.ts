import { describe, expect, it } from 'vitest'
import { safeParse } from 'zod/mini'
import { apiKeyListSchema, createKeyBody, createKeyInput, type CreateKeyValues } from './schemas'

const NOW = Date.parse('2026-06-10T12:00:00Z')
const values: CreateKeyValues = {
  name: '  CI key ',
  description: ' ',
  permissions: ['chat'],
  rateLimit: 60,
  expiry: 'never',
  expiresOn: '',
}

describe('API key schemas', () => {
  it("drops the cloud's plaintext secret and hash from list items", () => {
    // The cloud's list item (docs/api-keys.md §List): the full secret is in `key`.
    const parsed = apiKeyListSchema.parse({
      keys: [
        {
          id: '6b8f3c1e-2d4a-4f5b-9c7e-1a2b3c4d5e6f',
          name: 'Production Key',
          description: null,
          // Stand-ins for the secret and its hash: browser code holds no key-shaped string.
          key: 'PLAINTEXT-SECRET-MARKER',
          key_hash: 'SECRET-HASH-MARKER',
          key_prefix: 'eliza_50e6a2',
          permissions: ['chat', 'agents'],
          rate_limit: 1000,
          is_active: true,
          usage_count: 42,
          expires_at: null,
          last_used_at: '2025-06-01T17:22:10.118Z',
          created_at: '2025-05-20T09:00:00.000Z',
          updated_at: '2025-06-01T17:22:10.118Z',
        },
      ],
    })
    expect(JSON.stringify(parsed)).not.toContain('PLAINTEXT-SECRET-MARKER')
    expect(JSON.stringify(parsed)).not.toContain('SECRET-HASH-MARKER')
    expect(parsed[0]).toMatchObject({ prefix: 'eliza_50e6a2', usageCount: 42, isActive: true })
  })

  it('refuses what the cloud would, before any request', () => {
    const errors = (v: Partial<CreateKeyValues>) => {
      const result = safeParse(createKeyInput, { ...values, ...v })
      return result.success ? [] : result.error.issues.map((i) => i.path.join('.'))
    }
    expect(errors({})).toEqual([])
    expect(errors({ name: '   ' })).toEqual(['name'])
    expect(errors({ name: 'x'.repeat(101) })).toEqual(['name'])
    expect(errors({ rateLimit: 0 })).toEqual(['rateLimit'])
    expect(errors({ rateLimit: 100_001 })).toEqual(['rateLimit'])
    expect(errors({ rateLimit: 1.5 })).toEqual(['rateLimit'])
    expect(errors({ rateLimit: Number.NaN })).toEqual(['rateLimit'])
    expect(errors({ expiry: 'custom', expiresOn: '2000-01-01' })).toEqual(['expiresOn'])
    expect(errors({ expiry: 'custom', expiresOn: '' })).toEqual(['expiresOn'])
  })

  it('builds the body: trimmed name, blank description as null, expiry as an ISO date', () => {
    expect(createKeyBody(values, NOW)).toEqual({
      name: 'CI key',
      description: null,
      permissions: ['chat'],
      rate_limit: 60,
      expires_at: null,
    })
    expect(createKeyBody({ ...values, expiry: '30' }, NOW).expires_at).toBe(
      '2026-07-10T12:00:00.000Z',
    )
    const custom = createKeyBody({ ...values, expiry: 'custom', expiresOn: '2026-12-31' }, NOW)
    expect(new Date(custom.expires_at ?? '').getDate()).toBe(31)
  })
})
