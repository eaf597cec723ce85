import { describe, expect, it } from 'vitest'
import { agentPageSchema } from './schemas'

// Fixture from docs/cloud/agents.md, "GET /api/my-agents/characters — list".
describe('agentPageSchema', () => {
  it('maps characters to agents and keeps the pagination', () => {
    const page = agentPageSchema.parse({
      success: true,
      data: {
        characters: [
          {
            id: '3f6c2a10-8b7d-4e21-9c55-0d1e2f3a4b5c',
            name: 'Support Bot',
            bio: ['Answers billing questions politely.'],
            avatarUrl: null,
            avatar_url: null,
            category: null,
            isPublic: false,
            is_public: false,
            createdAt: '2025-06-02T08:41:17.204Z',
            created_at: '2025-06-02T08:41:17.204Z',
            updatedAt: '2025-06-02T08:41:17.204Z',
            updated_at: '2025-06-02T08:41:17.204Z',
            tags: [],
          },
        ],
        pagination: { page: 1, limit: 30, totalPages: 1, totalCount: 1, hasMore: false },
      },
    })
    expect(page.pagination.totalCount).toBe(1)
    expect(page.agents[0]).toMatchObject({
      name: 'Support Bot',
      bio: 'Answers billing questions politely.',
      isPublic: false,
    })
  })

  it('accepts an empty list (totalPages 0)', () => {
    const page = agentPageSchema.parse({
      success: true,
      data: {
        characters: [],
        pagination: { page: 1, limit: 1, totalPages: 0, totalCount: 0, hasMore: false },
      },
    })
    expect(page.agents).toEqual([])
  })
})
