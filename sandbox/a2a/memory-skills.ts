// The memory and conversation skills of message/send (docs/cloud/a2a-discovery.md "Skill dispatch
// inside message/send"): save_memory, retrieve_memories, delete_memory, create_conversation,
// get_conversation_context. Each costs a fixed $1 reserved before it runs (skill-context.ts).
import { withReservation } from './billing.ts'
import {
  CONVERSATION_COST,
  isUuid,
  MEMORY_COST,
  reserveOrFail,
  str,
  type Data,
  type SkillContext,
} from './skill-context.ts'

export async function saveMemory(s: SkillContext, text: string, data: Data) {
  const content = str(data.content) ?? text
  const type = str(data.type) ?? 'fact'
  const roomId = str(data.roomId)
  if (!content || !roomId) throw new Error('content and roomId required')
  const reservation = await reserveOrFail(
    s,
    MEMORY_COST,
    `A2A memory: ${type}`,
    () => 'Insufficient credits',
  )
  return withReservation(reservation, async () => {
    const { rows } = await s.sandbox.db.query<{ id: string }>(
      `INSERT INTO a2a_memories (organization_id, room_id, entity_id, content, type, tags, metadata)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        s.auth.organizationId,
        roomId,
        s.auth.userId,
        content,
        type,
        JSON.stringify(Array.isArray(data.tags) ? data.tags : []),
        JSON.stringify(data.metadata && typeof data.metadata === 'object' ? data.metadata : {}),
      ],
    )
    return { memoryId: rows[0]?.id ?? '', storage: 'persistent', cost: MEMORY_COST }
  })
}

/** Relevance = share of the query's words found in the memory (the cloud ranks by embeddings). */
export async function retrieveMemories(s: SkillContext, text: string, data: Data) {
  const query = (str(data.query) ?? text).toLowerCase()
  const roomId = str(data.roomId)
  const limit = Math.min(50, typeof data.limit === 'number' && data.limit ? data.limit : 10)
  const sortBy = str(data.sortBy) ?? 'relevance'
  const { rows } = await s.sandbox.db.query<{ id: string; content: string; created_at: Date }>(
    `SELECT id, content, created_at FROM a2a_memories
      WHERE organization_id = $1 AND ($2::text IS NULL OR room_id = $2)
      ORDER BY created_at DESC`,
    [s.auth.organizationId, roomId ?? null],
  )
  const words = query.split(/\W+/).filter(Boolean)
  const scored = rows
    .map((m) => {
      const hay = m.content.toLowerCase()
      const score = words.length ? words.filter((w) => hay.includes(w)).length / words.length : 1
      return { id: m.id, content: m.content, score, createdAt: m.created_at.toISOString() }
    })
    .filter((m) => m.score > 0)
  if (sortBy === 'relevance') scored.sort((a, b) => b.score - a.score)
  const memories = scored.slice(0, limit)
  return { memories, count: memories.length }
}

export async function deleteMemory(s: SkillContext, data: Data) {
  const memoryId = str(data.memoryId)
  if (!memoryId) throw new Error('memoryId required')
  if (isUuid(memoryId)) {
    await s.sandbox.db.query('DELETE FROM a2a_memories WHERE id = $1 AND organization_id = $2', [
      memoryId,
      s.auth.organizationId,
    ])
  }
  return { success: true, memoryId }
}

export async function createConversation(s: SkillContext, data: Data) {
  const title = str(data.title)
  const model = str(data.model) ?? 'gpt-4o'
  if (!title) throw new Error('title required')
  const reservation = await reserveOrFail(
    s,
    CONVERSATION_COST,
    `A2A conversation: ${title}`,
    () => 'Insufficient credits',
  )
  return withReservation(reservation, async () => {
    const { rows } = await s.sandbox.db.query<{ id: string; title: string; model: string }>(
      `INSERT INTO a2a_conversations (organization_id, user_id, title, model, settings)
       VALUES ($1, $2, $3, $4, $5) RETURNING id, title, model`,
      [
        s.auth.organizationId,
        s.auth.userId,
        title,
        model,
        JSON.stringify({ systemPrompt: str(data.systemPrompt) }),
      ],
    )
    const conv = rows[0]
    if (!conv) throw new Error('Failed to create conversation')
    return {
      conversationId: conv.id,
      title: conv.title,
      model: conv.model,
      cost: CONVERSATION_COST,
    }
  })
}

export async function getConversationContext(s: SkillContext, data: Data) {
  const conversationId = str(data.conversationId)
  if (!conversationId) throw new Error('conversationId required')
  const { rows } = isUuid(conversationId)
    ? await s.sandbox.db.query<{
        id: string
        organization_id: string
        title: string
        model: string
        settings: unknown
        created_at: Date
        updated_at: Date
      }>('SELECT * FROM a2a_conversations WHERE id = $1', [conversationId])
    : { rows: [] }
  const conv = rows[0]
  if (!conv || conv.organization_id !== s.auth.organizationId) {
    throw new Error('Conversation not found')
  }
  return {
    context: {
      id: conv.id,
      title: conv.title,
      model: conv.model,
      settings: conv.settings,
      createdAt: conv.created_at,
      updatedAt: conv.updated_at,
    },
  }
}
