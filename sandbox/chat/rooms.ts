// Agent rooms: /api/eliza/rooms (docs/cloud/chat.md "Talking to a specific agent", option 1). The note
// gives the create body/response and the `{message, usage}` reply; the rest of the shapes
// (list, history, stream events) are the sandbox's own, listed as differences in the report.
// The reply is written in the character's persona (name, system, bio, style, topics,
// adjectives from `user_characters`) and billed like a chat completion.
import type { Context } from 'hono'
import { z } from 'zod'
import { authenticate, type AuthContext } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import type { Db, Queryable } from '../core/db/client.ts'
import { apiError, codeForStatus, flagError, methodNotAllowed } from '../core/errors.ts'
import { SEED } from '../core/seed.ts'
import { pause } from '../core/timing.ts'
import {
  costOf,
  priceFor,
  refundAll,
  ReserveFailed,
  settle,
  type Price,
  type Reservation,
} from './billing.ts'
import { generate, type Generated } from './engine.ts'
import { isRecord, readJson, reserveGeneration } from './http.ts'
import { composeReply, type ChatTurn, type Persona } from './responder.ts'
import {
  createRoomBody,
  flag,
  roomMessage,
  roomMessageBody,
  roomParams,
  roomSummary,
  roomUsage,
  sse,
  roomAuthErrors,
} from './schemas.ts'
import { FamilyRoutes } from '../core/route.ts'
import { sseResponse } from './sse.ts'
import { tokenChunks } from './tokens.ts'

/** Model used for rooms unless the character's `settings.model` names a priced one. */
export const DEFAULT_ROOM_MODEL = 'openai/gpt-4o-mini'
/** Turns of history a reply reads (older ones are still stored and listed). */
const HISTORY_TURNS = 40

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

interface CharacterRow {
  id: string
  organization_id: string
  name: string
  system: string | null
  bio: unknown
  style: unknown
  topics: unknown
  adjectives: unknown
  message_examples: unknown
  is_public: boolean
  model: string | null
}

interface RoomRow {
  id: string
  user_id: string
  organization_id: string
  character_id: string
  character_name: string
  name: string | null
  created_at: Date
  updated_at: Date
  last_message_at: Date | null
  last_text: string | null
  message_count: number
}

interface MessageRow {
  id: string
  room_id: string
  role: 'user' | 'assistant'
  entity_id: string
  text: string
  created_at: Date
}

const strings = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.filter((x): x is string => typeof x === 'string')
    : typeof v === 'string'
      ? [v]
      : []

/** `user_characters.style` is elizaOS's `{all, chat, post}` object; older rows hold an array. */
function styleLines(style: unknown): string[] {
  if (Array.isArray(style)) return strings(style)
  if (isRecord(style)) return [...strings(style.all), ...strings(style.chat)]
  return []
}

export function personaOf(row: CharacterRow): Persona {
  return {
    name: row.name,
    system: row.system,
    bio: strings(row.bio),
    style: styleLines(row.style),
    topics: strings(row.topics),
    adjectives: strings(row.adjectives),
    messageExamples: row.message_examples,
  }
}

const CHARACTER_SQL = `SELECT id, organization_id, name, system, bio, style, topics, adjectives,
                              message_examples, is_public, settings->>'model' AS model
                         FROM user_characters WHERE id = $1`

async function loadCharacter(db: Queryable, id: string): Promise<CharacterRow | null> {
  if (!UUID.test(id)) return null
  const { rows } = await db.query<CharacterRow>(CHARACTER_SQL, [id])
  return rows[0] ?? null
}

const ROOM_SQL = `SELECT r.id, r.user_id, r.organization_id, r.character_id, c.name AS character_name,
                         r.name, r.created_at, r.updated_at,
                         (SELECT max(created_at) FROM eliza_room_messages m WHERE m.room_id = r.id) AS last_message_at,
                         (SELECT text FROM eliza_room_messages m WHERE m.room_id = r.id ORDER BY seq DESC LIMIT 1) AS last_text,
                         (SELECT count(*)::int FROM eliza_room_messages m WHERE m.room_id = r.id) AS message_count
                    FROM eliza_rooms r JOIN user_characters c ON c.id = r.character_id`

const roomJson = (r: RoomRow) => ({
  id: r.id,
  characterId: r.character_id,
  characterName: r.character_name,
  name: r.name,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  lastMessageAt: r.last_message_at ? r.last_message_at.toISOString() : null,
  lastText: r.last_text,
  messageCount: r.message_count,
})

const messageJson = (m: MessageRow) => ({
  id: m.id,
  roomId: m.room_id,
  role: m.role,
  entityId: m.entity_id,
  content: { text: m.text, source: m.role === 'user' ? 'api' : 'agent' },
  createdAt: m.created_at.toISOString(),
})

async function insertMessage(
  db: Queryable,
  m: {
    roomId: string
    role: 'user' | 'assistant'
    entityId: string
    text: string
    model?: string
    inputTokens?: number
    outputTokens?: number
    cost?: number
  },
): Promise<MessageRow> {
  const { rows } = await db.query<MessageRow>(
    `INSERT INTO eliza_room_messages (room_id, role, entity_id, text, model, input_tokens, output_tokens, cost)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     RETURNING id, room_id, role, entity_id, text, created_at`,
    [
      m.roomId,
      m.role,
      m.entityId,
      m.text,
      m.model ?? null,
      m.inputTokens ?? null,
      m.outputTokens ?? null,
      m.cost === undefined ? null : m.cost.toFixed(6),
    ],
  )
  await db.query('UPDATE eliza_rooms SET updated_at = now() WHERE id = $1', [m.roomId])
  const row = rows[0]
  if (!row) throw new Error('room message insert returned no row')
  return row
}

async function history(db: Queryable, roomId: string): Promise<MessageRow[]> {
  const { rows } = await db.query<MessageRow>(
    `SELECT * FROM (SELECT id, room_id, role, entity_id, text, created_at, seq
                      FROM eliza_room_messages WHERE room_id = $1 ORDER BY seq DESC LIMIT $2) t
      ORDER BY seq`,
    [roomId, HISTORY_TURNS],
  )
  return rows
}

function turnsFor(character: CharacterRow, past: MessageRow[], text: string): ChatTurn[] {
  const persona = personaOf(character)
  const system = [character.system, ...strings(character.bio)].filter(Boolean).join('\n')
  return [
    ...(system ? [{ role: 'system' as const, content: system }] : []),
    ...past.map((m) => ({ role: m.role, content: m.text })),
    { role: 'user' as const, content: text },
  ].map((t) => ({ ...t, ...(t.role === 'assistant' ? { name: persona.name } : {}) }))
}

const authFailure = (status: 401 | 403, message: string) =>
  apiError(status, message, codeForStatus(status))

const roomNotFound = () => flagError(404, 'Room not found')

function roomModel(character: CharacterRow): { model: string; price: Price } {
  const wanted =
    character.model && priceFor(character.model, 'language') ? character.model : DEFAULT_ROOM_MODEL
  const price = priceFor(wanted, 'language')
  if (!price) throw new Error(`No price for ${wanted}`)
  return { model: wanted, price }
}

/** The room if the caller's user owns it. */
async function ownedRoom(db: Db, auth: AuthContext, roomId: string): Promise<RoomRow | null> {
  if (!UUID.test(roomId)) return null
  const { rows } = await db.query<RoomRow>(`${ROOM_SQL} WHERE r.id = $1 AND r.user_id = $2`, [
    roomId,
    auth.userId,
  ])
  return rows[0] ?? null
}

interface Turn {
  auth: AuthContext
  room: RoomRow
  character: CharacterRow
  model: string
  price: Price
  userMessage: MessageRow
  reservation: Reservation
  generated: Generated
}

/** Shared by the plain and the streaming POST: validate, store the user's text, reserve, generate. */
async function startTurn(ctx: SandboxContext, c: Context): Promise<Turn | Response> {
  const result = await authenticate(c.req.raw, ctx.db, ctx.balanceCache)
  if (!result.ok) return authFailure(result.status, result.message)
  const room = await ownedRoom(ctx.db, result.auth, c.req.param('roomId') ?? '')
  if (!room) return roomNotFound()
  const parsed = await readJson(c)
  if (!parsed.ok) return flagError(400, 'Invalid JSON body')
  const body = roomMessageBody.safeParse(parsed.value)
  if (!body.success) {
    return flagError(400, body.error.issues[0]?.message ?? 'Invalid request', {
      details: body.error.issues,
    })
  }
  const character = await loadCharacter(ctx.db, room.character_id)
  if (!character) return roomNotFound()
  const { model, price } = roomModel(character)
  const past = await history(ctx.db, room.id)
  const turns = turnsFor(character, past, body.data.text)
  let reservation: Reservation
  try {
    reservation = await reserveGeneration(ctx, result.auth, {
      operation: `Agent chat: ${character.name} (${model})`,
      price,
      turns,
    })
  } catch (error) {
    if (error instanceof ReserveFailed) {
      return flagError(402, error.message, { required: error.required })
    }
    throw error
  }
  const userMessage = await insertMessage(ctx.db, {
    roomId: room.id,
    role: 'user',
    entityId: result.auth.userId,
    text: body.data.text,
  })
  const generated = await generate({ model, turns, persona: personaOf(character) })
  return { auth: result.auth, room, character, model, price, userMessage, reservation, generated }
}

async function finishTurn(ctx: SandboxContext, t: Turn) {
  const g = t.generated
  const cost = await settle(
    ctx.db,
    t.reservation,
    costOf(t.price, g.promptTokens, g.completionTokens),
    { inputTokens: g.promptTokens, outputTokens: g.completionTokens },
  )
  const message = await insertMessage(ctx.db, {
    roomId: t.room.id,
    role: 'assistant',
    entityId: t.character.id,
    text: g.text,
    model: t.model,
    inputTokens: g.promptTokens,
    outputTokens: g.completionTokens,
    cost,
  })
  await ctx.db.query(
    'UPDATE user_characters SET interaction_count = interaction_count + 1 WHERE id = $1',
    [t.character.id],
  )
  return {
    message: messageJson(message),
    usage: {
      model: t.model,
      inputTokens: g.promptTokens,
      outputTokens: g.completionTokens,
      totalTokens: g.promptTokens + g.completionTokens,
      cost,
    },
  }
}

export function roomsRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('chat')
  const { app } = routes
  const { db } = ctx

  routes.route({
    method: 'post',
    path: '/api/eliza/rooms',
    auth: 'key',
    note: 'docs/cloud/chat.md "Talking to a specific agent"',
    summary: 'Create a chat room with a character (owned by the caller or public)',
    body: createRoomBody,
    responses: {
      ...roomAuthErrors,
      200: {
        description: 'Created',
        schema: z.object({
          success: z.literal(true),
          roomId: z.string(),
          characterId: z.string(),
          createdAt: z.string(),
        }),
      },
      400: { description: 'Invalid body', schema: flag },
      404: { description: 'Character not found', schema: flag },
    },
    handler: async (c) => {
      const result = await authenticate(c.req.raw, db, ctx.balanceCache)
      if (!result.ok) return authFailure(result.status, result.message)
      const parsed = await readJson(c)
      if (!parsed.ok) return flagError(400, 'Invalid JSON body')
      const body = createRoomBody.safeParse(parsed.value)
      if (!body.success) {
        return flagError(400, 'characterId is required', { details: body.error.issues })
      }
      const character = await loadCharacter(db, body.data.characterId)
      // Owned by the caller's organization, or public (docs/cloud/chat.md).
      if (
        !character ||
        (character.organization_id !== result.auth.organizationId && !character.is_public)
      ) {
        return flagError(404, 'Character not found')
      }
      const { rows } = await db.query<{ id: string; created_at: Date }>(
        `INSERT INTO eliza_rooms (organization_id, user_id, character_id, name)
       VALUES ($1, $2, $3, $4) RETURNING id, created_at`,
        [result.auth.organizationId, result.auth.userId, character.id, body.data.name ?? null],
      )
      const room = rows[0]
      if (!room) throw new Error('room insert returned no row')
      return c.json({
        success: true,
        roomId: room.id,
        characterId: character.id,
        createdAt: room.created_at.toISOString(),
      })
    },
  })

  routes.route({
    method: 'get',
    path: '/api/eliza/rooms',
    auth: 'key',
    note: 'docs/cloud/chat.md "Talking to a specific agent"',
    summary: "The caller's rooms, most recently active first (optional ?characterId=)",
    query: z.object({ characterId: z.string().optional() }),
    responses: {
      ...roomAuthErrors,
      200: {
        description: 'Rooms',
        schema: z.object({ success: z.literal(true), rooms: z.array(roomSummary) }),
      },
    },
    handler: async (c) => {
      const result = await authenticate(c.req.raw, db, ctx.balanceCache)
      if (!result.ok) return authFailure(result.status, result.message)
      const characterId = c.req.query('characterId')
      if (characterId !== undefined && !UUID.test(characterId))
        return c.json({ success: true, rooms: [] })
      const { rows } = await db.query<RoomRow>(
        `${ROOM_SQL} WHERE r.user_id = $1 AND ($2::uuid IS NULL OR r.character_id = $2::uuid)
        ORDER BY r.updated_at DESC, r.created_at DESC`,
        [result.auth.userId, characterId ?? null],
      )
      return c.json({ success: true, rooms: rows.map(roomJson) })
    },
  })
  app.all('/api/eliza/rooms', () => methodNotAllowed(['GET', 'POST', 'OPTIONS']))

  routes.route({
    method: 'get',
    path: '/api/eliza/rooms/{roomId}',
    auth: 'key',
    summary: 'One room',
    params: roomParams,
    responses: {
      ...roomAuthErrors,
      200: {
        description: 'The room',
        schema: z.object({ success: z.literal(true), room: roomSummary }),
      },
      404: { description: 'Room not found', schema: flag },
    },
    handler: async (c) => {
      const result = await authenticate(c.req.raw, db, ctx.balanceCache)
      if (!result.ok) return authFailure(result.status, result.message)
      const room = await ownedRoom(db, result.auth, c.req.param('roomId') ?? '')
      if (!room) return roomNotFound()
      return c.json({ success: true, room: roomJson(room) })
    },
  })
  app.all('/api/eliza/rooms/:roomId', () => methodNotAllowed(['GET', 'OPTIONS']))

  routes.route({
    method: 'get',
    path: '/api/eliza/rooms/{roomId}/messages',
    auth: 'key',
    summary: 'Messages of a room, oldest first (last ?limit=, default 50, max 200)',
    params: roomParams,
    query: z.object({ limit: z.string().optional() }),
    responses: {
      ...roomAuthErrors,
      200: {
        description: 'Messages',
        schema: z.object({
          success: z.literal(true),
          roomId: z.string(),
          messages: z.array(roomMessage),
        }),
      },
      404: { description: 'Room not found', schema: flag },
    },
    handler: async (c) => {
      const result = await authenticate(c.req.raw, db, ctx.balanceCache)
      if (!result.ok) return authFailure(result.status, result.message)
      const room = await ownedRoom(db, result.auth, c.req.param('roomId') ?? '')
      if (!room) return roomNotFound()
      const limit = Math.min(200, Math.max(1, Number(c.req.query('limit') ?? 50) || 50))
      const { rows } = await db.query<MessageRow>(
        `SELECT * FROM (SELECT id, room_id, role, entity_id, text, created_at, seq
                        FROM eliza_room_messages WHERE room_id = $1 ORDER BY seq DESC LIMIT $2) t
        ORDER BY seq`,
        [room.id, limit],
      )
      return c.json({ success: true, roomId: room.id, messages: rows.map(messageJson) })
    },
  })

  routes.route({
    method: 'post',
    path: '/api/eliza/rooms/{roomId}/messages',
    auth: 'key',
    note: 'docs/cloud/chat.md "Talking to a specific agent"',
    summary: 'Send a message; the character answers in its persona (billed like a completion)',
    params: roomParams,
    body: roomMessageBody,
    responses: {
      ...roomAuthErrors,
      200: {
        description: 'The reply',
        schema: z.object({ userMessage: roomMessage, message: roomMessage, usage: roomUsage }),
      },
      400: { description: 'Invalid body', schema: flag },
      402: { description: 'Insufficient credits', schema: flag },
      404: { description: 'Room not found', schema: flag },
    },
    handler: async (c) => {
      const t = await startTurn(ctx, c)
      if (t instanceof Response) return t
      const done = await finishTurn(ctx, t)
      return c.json({ userMessage: messageJson(t.userMessage), ...done })
    },
  })
  app.all('/api/eliza/rooms/:roomId/messages', () => methodNotAllowed(['GET', 'POST', 'OPTIONS']))

  // Events, one JSON `data:` line each: `user_message`, then `delta` per token chunk, then
  // `done` with the stored reply and usage, then `[DONE]`.
  routes.route({
    method: 'post',
    path: '/api/eliza/rooms/{roomId}/messages/stream',
    auth: 'key',
    summary: 'Send a message and stream the reply: user_message, delta…, done, [DONE]',
    params: roomParams,
    body: roomMessageBody,
    responses: {
      ...roomAuthErrors,
      200: sse('data: {"type":"user_message"|"delta"|"done",…}'),
      400: { description: 'Invalid body', schema: flag },
      402: { description: 'Insufficient credits', schema: flag },
      404: { description: 'Room not found', schema: flag },
    },
    handler: async (c) => {
      const t = await startTurn(ctx, c)
      if (t instanceof Response) return t
      return sseResponse(
        async (out) => {
          out.send(JSON.stringify({ type: 'user_message', message: messageJson(t.userMessage) }))
          for (const [i, delta] of tokenChunks(t.generated.enc, t.generated.text).entries()) {
            if (i > 0) await pause(ctx.timing.tokenDelayMs, out.signal)
            if (out.signal.aborted) return
            out.send(JSON.stringify({ type: 'delta', delta }))
          }
          if (out.signal.aborted) return
          const done = await finishTurn(ctx, t)
          out.send(JSON.stringify({ type: 'done', ...done }))
          out.send('[DONE]')
        },
        {
          requestSignal: c.req.raw.signal,
          onAbort: () => void refundAll(ctx.db, t.reservation).catch(() => undefined),
        },
      )
    },
  })
  app.all('/api/eliza/rooms/:roomId/messages/stream', () => methodNotAllowed(['POST', 'OPTIONS']))

  return routes
}

/** A demo conversation with the public "Lore Keeper" (fixed ids survive a reset). */
export const DEMO_ROOM_ID = '5a4db0c0-0000-4000-8000-0000000000d1'

export async function seedRooms(db: Db): Promise<void> {
  const character = await loadCharacter(db, SEED.agentIds[1])
  if (!character) return
  await db.query(
    `INSERT INTO eliza_rooms (id, organization_id, user_id, character_id, name, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'Computing history', now() - interval '1 day', now() - interval '1 day')`,
    [DEMO_ROOM_ID, SEED.organizationId, SEED.userId, character.id],
  )
  const question = 'Who wrote the first compiler?'
  const reply = composeReply({
    messages: [
      { role: 'system', content: character.system ?? '' },
      { role: 'user', content: question },
    ],
    persona: personaOf(character),
  })
  for (const [role, entity, text] of [
    ['user', SEED.userId, question],
    ['assistant', character.id, reply],
  ] as const) {
    await db.query(
      `INSERT INTO eliza_room_messages (room_id, role, entity_id, text, created_at)
       VALUES ($1, $2, $3, $4, now() - interval '1 day')`,
      [DEMO_ROOM_ID, role, entity, text],
    )
  }
}
