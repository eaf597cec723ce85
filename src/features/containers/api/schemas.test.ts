import { describe, expect, it } from 'vitest'
import { containerListSchema } from './schemas'

describe('containerListSchema', () => {
  it('keeps what the console shows and drops environment variables', () => {
    const list = containerListSchema.parse({
      success: true,
      data: [
        {
          id: '6f1d2b3c-4a5e-4f60-8a71-92b3c4d5e6f7',
          name: 'My Agent Runtime',
          project_name: 'my-agent',
          description: null,
          status: 'running',
          load_balancer_url: 'https://my-agent.containers.example.com',
          environment_vars: { SECRET: 'shh' },
          created_at: '2026-04-20T10:00:00.000Z',
        },
      ],
    })
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({
      status: 'running',
      url: 'https://my-agent.containers.example.com',
    })
    expect(JSON.stringify(list)).not.toContain('shh')
  })
})
