// Agent rooms (/api/eliza/rooms): create for a character, talk in its persona, stream, bill,
// and survive a restart (docs/cloud/chat.md "Talking to a specific agent").
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEMO_ROOM_ID } from './rooms.ts'
import { setBalance } from '../core/ledger.ts'
import { SEED } from '../core/seed.ts'
import { openTestSandbox, SANDBOX_TIMEOUTS, type TestSandbox } from '../core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
let dataDir: string
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sandbox-rooms-'))
  sb = await openTestSandbox({ dataDir })
})
afterAll(async () => {
  await sb?.close()
  await rm(dataDir, { recursive: true, force: true })
})

const post = (p: string, body: unknown, key?: string | null) =>
  sb.call(p, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    ...(key === undefined ? {} : { key }),
  })

const LORE_KEEPER = SEED.agentIds[1]
let roomId = ''

describe('/api/eliza/rooms', () => {
  it('creates a room for a character and lists it (the seeded demo room too)', async () => {
    const res = await post('/api/eliza/rooms', { characterId: LORE_KEEPER, name: 'Unix' })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toEqual({
      success: true,
      roomId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      characterId: LORE_KEEPER,
      createdAt: expect.any(String),
    })
    roomId = body.roomId
    const list = await (await sb.call(`/api/eliza/rooms?characterId=${LORE_KEEPER}`)).json()
    expect(list.rooms.map((r: { id: string }) => r.id)).toEqual([roomId, DEMO_ROOM_ID])
    expect(list.rooms[0]).toMatchObject({
      characterName: 'Lore Keeper',
      name: 'Unix',
      messageCount: 0,
    })
  })

  it('rejects unknown characters, bad bodies and missing keys', async () => {
    const unknown = await post('/api/eliza/rooms', {
      characterId: '00000000-0000-4000-8000-000000000000',
    })
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ success: false, error: 'Character not found' })
    expect((await post('/api/eliza/rooms', {})).status).toBe(400)
    const noKey = await post('/api/eliza/rooms', { characterId: LORE_KEEPER }, null)
    expect(noKey.status).toBe(401)
    expect(await noKey.json()).toMatchObject({ success: false, error: 'Authentication required' })
    const missingRoom = await post('/api/eliza/rooms/not-a-room/messages', { text: 'hi' })
    expect(missingRoom.status).toBe(404)
  })

  it('answers in the persona, stores both messages and bills the reply', async () => {
    const res = await post(`/api/eliza/rooms/${roomId}/messages`, { text: 'Who are you?' })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.message).toMatchObject({ role: 'assistant', entityId: LORE_KEEPER, roomId })
    expect(body.message.content.text).toMatch(/Lore Keeper/)
    expect(body.message.content.text).toMatch(/history of computing/)
    // The character's `settings.model` when priced, else openai/gpt-4o-mini.
    expect(body.usage).toMatchObject({
      model: expect.stringMatching(/\//),
      inputTokens: expect.any(Number),
    })
    expect(body.usage.cost).toBeGreaterThan(0)
    const history = await (await sb.call(`/api/eliza/rooms/${roomId}/messages`)).json()
    expect(history.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant'])
    const tx = await sb.ctx.db.query<{ description: string }>(
      `SELECT description FROM credit_transactions WHERE description LIKE 'Agent chat:%'`,
    )
    expect(tx.rows.map((r) => r.description)).toContain(
      `Agent chat: Lore Keeper (${body.usage.model}) (reserved)`,
    )
  })

  it('remembers what the user said earlier in the room', async () => {
    await post(`/api/eliza/rooms/${roomId}/messages`, { text: 'My project is a retro compiler.' })
    const res = await post(`/api/eliza/rooms/${roomId}/messages`, { text: 'ok' })
    const text: string = (await res.json()).message.content.text
    expect(text).toMatch(/your project is a retro compiler/)
  })

  it('streams the reply as user_message, delta…, done, [DONE]', async () => {
    const res = await post(`/api/eliza/rooms/${roomId}/messages/stream`, {
      text: 'Tell me about ENIAC',
    })
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    const events = (await res.text())
      .trim()
      .split('\n\n')
      .map((e) => e.replace(/^data: /, ''))
    expect(events.at(-1)).toBe('[DONE]')
    const parsed = events.slice(0, -1).map((e) => JSON.parse(e))
    expect(parsed[0].type).toBe('user_message')
    const done = parsed.at(-1)
    expect(done.type).toBe('done')
    const deltas = parsed.filter((p) => p.type === 'delta').map((p) => p.delta)
    expect(deltas.join('')).toBe(done.message.content.text)
  })

  it('402 when the balance cannot cover the reply', async () => {
    await setBalance(sb.ctx.db, SEED.organizationId, 0)
    const res = await post(`/api/eliza/rooms/${roomId}/messages`, { text: 'hello' })
    expect(res.status).toBe(402)
    expect(await res.json()).toMatchObject({
      success: false,
      error: expect.stringMatching(/^Insufficient credits/),
    })
    await setBalance(sb.ctx.db, SEED.organizationId, 5)
  })

  it('rooms and messages survive a restart', async () => {
    const before = await (await sb.call(`/api/eliza/rooms/${roomId}/messages`)).json()
    await sb.close()
    sb = await openTestSandbox({ dataDir })
    const after = await (await sb.call(`/api/eliza/rooms/${roomId}/messages`)).json()
    expect(after.messages).toEqual(before.messages)
    expect(after.messages.length).toBeGreaterThanOrEqual(8)
  })
})
