// Contract: what the sandbox answers on the container routes is what the console's own schemas
// (src/features/containers/api/schemas.ts) accept. A drift on either side fails here.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { containerListSchema } from '@/features/containers/api/schemas'
import { openTestSandbox, SANDBOX_TIMEOUTS, type TestSandbox } from '../sandbox/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())

describe('GET /api/v1/containers', () => {
  it('parses with containerListSchema', async () => {
    const res = await sb.call('/api/v1/containers')
    expect(res.status).toBe(200)
    const list = containerListSchema.parse(await res.json())
    expect(list.length).toBeGreaterThan(0)
    expect(list[0]).toMatchObject({ status: 'running' })
  })
})
