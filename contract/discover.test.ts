// Contract: the answers /discover reads (the directory, agent cards, per-agent chat with its
// HTTP-200 errors, clone), produced by the in-process sandbox and parsed with the console's own
// schemas and error readers (src/features/discover/api/, src/features/agents/api/, src/lib/api-error.ts).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { clonedAgentSchema } from '@/features/agents/api/schemas'
import { agentRpcError } from '@/features/discover/api/chat'
import { DIRECTORY_LIMIT, mergeDirectory } from '@/features/discover/api/directory'
import {
  agentCardSchema,
  agentChatResultSchema,
  agentRpcResponseSchema,
  discoveryPageSchema,
} from '@/features/discover/api/schemas'
import { ApiError } from '@/lib/api-error'
import { DIRECTORY_SEED } from '../sandbox/a2a/directory-seed.ts'
import { setBalance } from '../sandbox/core/ledger.ts'
import { SEED } from '../sandbox/core/seed.ts'
import { openTestSandbox, SANDBOX_TIMEOUTS, type TestSandbox } from '../sandbox/core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
beforeEach(() => sb.reset())

const CODE_REVIEWER = DIRECTORY_SEED.agents.codeReviewer
const [SUPPORT_BOT] = SEED.agentIds
const rpc = (agentId: string, body: unknown) =>
  sb.call(`/api/agents/${agentId}/a2a`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
const chat = (agentId: string, params: unknown) =>
  rpc(agentId, { jsonrpc: '2.0', id: 'c1', method: 'chat', params })

describe('directory', () => {
  it('the first page of each type parses and merges into the whole directory', async () => {
    const answers = await Promise.all(
      (['agent', 'mcp'] as const).map(async (type) => ({
        type,
        page: discoveryPageSchema.parse(
          await (
            await sb.call(`/api/v1/discovery?types=${type}&limit=${DIRECTORY_LIMIT}&offset=0`, {
              key: null,
            })
          ).json(),
        ),
      })),
    )
    const merged = mergeDirectory(answers)
    expect(merged.services.filter((s) => s.type === 'agent')).toHaveLength(11)
    expect(merged.services.filter((s) => s.type === 'mcp')).toHaveLength(5)
    expect(merged.truncatedTypes).toEqual([])
    const remy = merged.services.find((s) => s.id === DIRECTORY_SEED.agents.chefRemy)
    expect(remy).toMatchObject({
      pricing: { type: 'credits' },
      image: expect.stringMatching(/^data:image/),
    })
  })

  it('a 400 for a bad limit reads as invalid with field errors', async () => {
    const res = await sb.call('/api/v1/discovery?limit=500')
    const error = await ApiError.fromResponse(res)
    expect(error.kind).toBe('invalid')
    expect(error.details.fieldErrors?.limit).toBeDefined()
  })
})

describe('agent card', () => {
  it('parses, with the markup of a monetized agent', async () => {
    const card = agentCardSchema.parse(
      await (await sb.call(`/api/agents/${CODE_REVIEWER}/a2a`, { key: null })).json(),
    )
    expect(card.skills.map((s) => s.id)).toEqual(['chat', 'generate_image'])
    expect(card.skills[0]?.pricing?.markupPercentage).toBe(25)
    expect(card.capabilities?.streaming).toBe(true)
  })

  it('403 for a private agent reads as forbidden, 404 as not found', async () => {
    const priv = await ApiError.fromResponse(await sb.call(`/api/agents/${SUPPORT_BOT}/a2a`))
    expect(priv).toMatchObject({ kind: 'forbidden', status: 403, message: 'Agent is not public' })
    const gone = await ApiError.fromResponse(
      await sb.call('/api/agents/00000000-0000-4000-8000-000000000000/a2a'),
    )
    expect(gone.kind).toBe('not_found')
  })
})

describe('per-agent chat', () => {
  it('a reply parses with its cost split into base and markup', async () => {
    const res = await chat(CODE_REVIEWER, {
      messages: [{ role: 'user', content: 'Review: x = 1' }],
    })
    expect(res.status).toBe(200)
    const body = agentRpcResponseSchema.parse(await res.json())
    expect(body.error).toBeUndefined()
    const result = agentChatResultSchema.parse(body.result)
    expect(result.cost.markup).toBeGreaterThan(0)
    expect(result.cost.total).toBeCloseTo(result.cost.base + result.cost.markup, 10)
  })

  it('-32602 (no messages) arrives with HTTP 200 and maps to invalid', async () => {
    const res = await chat(CODE_REVIEWER, {})
    expect(res.status).toBe(200)
    const body = agentRpcResponseSchema.parse(await res.json())
    expect(body.error?.code).toBe(-32602)
    expect(agentRpcError(body.error!.code, body.error!.message, 200).kind).toBe('invalid')
  })

  it('-32003 (empty balance) arrives with HTTP 200 and maps to insufficient_credits', async () => {
    await setBalance(sb.ctx.db, SEED.organizationId, 0)
    const res = await chat(CODE_REVIEWER, { messages: [{ role: 'user', content: 'Hi' }] })
    expect(res.status).toBe(200)
    const body = agentRpcResponseSchema.parse(await res.json())
    expect(body.error?.code).toBe(-32003)
    const error = agentRpcError(body.error!.code, body.error!.message, 200)
    expect(error.kind).toBe('insufficient_credits')
    expect(error.details.requiredUsd).toBeGreaterThan(0)
  })

  it('-32000 (model failure) arrives with HTTP 200 and maps to server', async () => {
    const res = await chat(CODE_REVIEWER, {
      messages: [{ role: 'user', content: 'Hi' }],
      model: 'no-such-model',
    })
    expect(res.status).toBe(200)
    const body = agentRpcResponseSchema.parse(await res.json())
    expect(body.error?.code).toBe(-32000)
    expect(agentRpcError(body.error!.code, body.error!.message, 200).kind).toBe('server')
  })

  it('a private agent answers 403 -32001, read as forbidden', async () => {
    const res = await chat(SUPPORT_BOT, { messages: [{ role: 'user', content: 'Hi' }] })
    const error = await ApiError.fromResponse(res)
    expect(error).toMatchObject({ kind: 'forbidden', status: 403 })
  })
})

describe('fork', () => {
  it("cloning another organization's public agent parses as the caller's new agent", async () => {
    const res = await sb.call(`/api/my-agents/characters/${CODE_REVIEWER}/clone`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'My Reviewer' }),
    })
    expect(res.status).toBe(200)
    const agent = clonedAgentSchema.parse(await res.json())
    expect(agent).toMatchObject({ name: 'My Reviewer', isPublic: false })
    expect(agent.id).not.toBe(CODE_REVIEWER)
  })
})
