// The platform skills behind message/send (docs/cloud/a2a-discovery.md "Skill dispatch inside message/send").
// Each skill throws an Error with the cloud's message on failure; the route maps the message to
// a JSON-RPC code and HTTP status (protocol.ts), exactly as the cloud does by text.
import { randomUUID } from 'node:crypto'
import { InsufficientCreditsError } from '../core/ledger.ts'
import { composeReply, type ChatTurn, type Persona } from '../chat/responder.ts'
import { countTokens, encoderFor, truncateToTokens } from '../chat/tokens.ts'
import { pause } from '../core/timing.ts'
import { estimateCost, priceOf, tokenCost, withReservation } from './billing.ts'
import { drawImage } from './image.ts'
import {
  createConversation,
  deleteMemory,
  getConversationContext,
  retrieveMemories,
  saveMemory,
} from './memory-skills.ts'
import {
  IMAGE_COST,
  isUuid,
  recordUsage,
  reserveOrFail,
  str,
  VIDEO_COST,
  type Data,
  type SkillContext,
  type SkillOutcome,
} from './skill-context.ts'
import type { Artifact, PartWriter } from './types.ts'

export { isUuid, SkillCreditsError, type SkillContext, type SkillOutcome } from './skill-context.ts'

// A2A has no provider reporting usage: it counts with the GPT-4o family's o200k_base for every
// model (other providers count a little differently, which only moves the cents).
const a2aEncoder = () => encoderFor('openai/gpt-4o')

/**
 * The 17 skill ids `GET /api/a2a` lists, with one line each (docs/cloud/a2a-discovery.md "GET /api/a2a");
 * the aliases `generate_video` and `profile` work but are not listed.
 */
export const AVAILABLE_SKILLS = [
  { id: 'chat_completion', description: 'Generate text with LLMs' },
  { id: 'image_generation', description: 'Generate images' },
  { id: 'video_generation', description: 'Generate videos (async)' },
  { id: 'web_search', description: 'Search the web (hosted search)' },
  { id: 'extract_page', description: 'Extract the content of a web page' },
  { id: 'browser_session', description: 'Drive a hosted browser session' },
  { id: 'check_balance', description: 'Check credit balance' },
  { id: 'get_usage', description: 'Get usage statistics' },
  { id: 'list_agents', description: 'List available agents' },
  { id: 'chat_with_agent', description: 'Chat with agent (requires agentId or roomId)' },
  { id: 'save_memory', description: 'Save a memory (requires roomId)' },
  { id: 'retrieve_memories', description: 'Retrieve memories by query' },
  { id: 'delete_memory', description: 'Delete a memory (requires memoryId)' },
  { id: 'create_conversation', description: 'Create a new conversation (requires title)' },
  {
    id: 'get_conversation_context',
    description: 'Get conversation details (requires conversationId)',
  },
  { id: 'list_containers', description: 'List deployed containers' },
  { id: 'get_user_profile', description: 'Get current user profile' },
] as const

// ─── chat_completion ──────────────────────────────────────────────────────────────────────

export interface ChatResult {
  content: string
  model: string
  usage: { inputTokens: number; outputTokens: number; totalTokens: number }
  cost: number
}

/**
 * Generates a reply with the sandbox responder and bills it: reserve the estimate, count the
 * real tokens, settle. Shared by chat_completion and the per-agent `chat` method.
 */
export async function billedChat(
  s: SkillContext,
  input: {
    model: string
    messages: ChatTurn[]
    maxTokens?: number
    temperature?: number
    persona?: Persona | null
    /** Percent added for the agent's creator (per-agent `chat` with monetization). */
    markupPercent?: number
    operation: string
    insufficientMessage: (e: InsufficientCreditsError) => string
  },
): Promise<ChatResult & { baseCost: number; markup: number }> {
  const price = priceOf(input.model)
  // docs/cloud/chat.md: an unpriced model fails before anything is generated or billed.
  if (!price) throw new Error(`Pricing unavailable for model: ${input.model}`)
  const markupFactor = 1 + (input.markupPercent ?? 0) / 100
  const estimate = estimateCost(price, input.messages, input.maxTokens) * markupFactor
  const reservation = await reserveOrFail(s, estimate, input.operation, input.insufficientMessage, {
    model: input.model,
  })
  return withReservation(reservation, async () => {
    let content = composeReply({
      messages: input.messages,
      persona: input.persona ?? null,
      model: input.model,
      maxTokens: input.maxTokens,
      seed: input.temperature === undefined ? undefined : Math.round(input.temperature * 1000),
    })
    const enc = await a2aEncoder()
    if (input.maxTokens !== undefined)
      content = truncateToTokens(enc, content, input.maxTokens).text
    // Each message's content plus the few framing tokens per message.
    const inputTokens = input.messages.reduce((n, m) => n + 4 + countTokens(enc, m.content), 3)
    const outputTokens = countTokens(enc, content)
    // The call is synchronous in the cloud too: hold the answer for the time the tokens take.
    await pause(s.sandbox.timing.tokenDelayMs * outputTokens, s.signal)
    const { inputCost, outputCost, totalCost } = tokenCost(price, inputTokens, outputTokens)
    const markup = totalCost * (markupFactor - 1)
    await recordUsage(s, {
      type: 'chat',
      model: input.model,
      provider: price.provider,
      inputTokens,
      outputTokens,
      inputCost,
      outputCost,
    })
    return {
      content,
      model: input.model,
      usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
      baseCost: totalCost,
      markup,
      cost: totalCost + markup,
    }
  })
}

function chatMessages(text: string, data: Data): ChatTurn[] {
  if (data.messages === undefined) return [{ role: 'user', content: text }]
  if (!Array.isArray(data.messages)) throw new Error('Invalid prompt: messages must be an array')
  return data.messages.map((m: unknown) => {
    const turn = (m ?? {}) as { role?: unknown; content?: unknown }
    const role = turn.role === 'assistant' || turn.role === 'system' ? turn.role : 'user'
    return { role, content: typeof turn.content === 'string' ? turn.content : '' }
  })
}

async function chatCompletion(s: SkillContext, text: string, data: Data) {
  const model = str(data.model) ?? 'gpt-4o'
  return billedChat(s, {
    model,
    messages: chatMessages(text, data),
    maxTokens: typeof data.max_tokens === 'number' ? data.max_tokens : undefined,
    temperature: typeof data.temperature === 'number' ? data.temperature : undefined,
    operation: `A2A chat: ${model}`,
    insufficientMessage: (e) =>
      `Insufficient credits: need $${e.required.toFixed(4)}, have $${e.balance.toFixed(4)}`,
  })
}

// ─── the other skills ─────────────────────────────────────────────────────────────────────

async function imageGeneration(s: SkillContext, text: string, data: Data) {
  const prompt = str(data.prompt) ?? text
  const aspectRatio = str(data.aspectRatio) ?? '1:1'
  if (!prompt) throw new Error('Image prompt required')
  const reservation = await reserveOrFail(
    s,
    IMAGE_COST,
    'A2A image generation',
    () => `Insufficient credits: need $${IMAGE_COST.toFixed(4)}`,
    { model: 'google/gemini-2.5-flash-image' },
  )
  return withReservation(reservation, async () => {
    await pause(s.sandbox.timing.imageDelayMs, s.signal)
    const png = await drawImage(prompt, aspectRatio)
    await recordUsage(s, {
      type: 'image',
      model: 'google/gemini-2.5-flash-image',
      provider: 'google',
      inputTokens: 0,
      outputTokens: 0,
      inputCost: 0,
      outputCost: IMAGE_COST,
    })
    return { bytes: png.toString('base64'), mimeType: 'image/png', cost: IMAGE_COST }
  })
}

/** The cloud records a pending video job and bills its flat price; nothing renders it. */
async function videoGeneration(s: SkillContext, text: string, data: Data) {
  const prompt = str(data.prompt) ?? text
  const model = str(data.model) ?? 'fal-ai/veo3'
  if (!prompt) throw new Error('Video prompt required')
  const reservation = await reserveOrFail(
    s,
    VIDEO_COST,
    'A2A video generation',
    () => `Insufficient credits: need $${VIDEO_COST.toFixed(2)}`,
    { model },
  )
  return withReservation(reservation, async () => ({
    jobId: randomUUID(),
    status: 'pending',
    cost: VIDEO_COST,
  }))
}

async function checkBalance(s: SkillContext) {
  const { rows } = await s.sandbox.db.query<{ id: string; name: string; credit_balance: string }>(
    'SELECT id, name, credit_balance FROM organizations WHERE id = $1',
    [s.auth.organizationId],
  )
  const org = rows[0]
  if (!org) throw new Error('Organization not found')
  return { balance: Number(org.credit_balance), organizationId: org.id, organizationName: org.name }
}

async function getUsage(s: SkillContext, data: Data) {
  const limit = Math.min(50, typeof data.limit === 'number' && data.limit ? data.limit : 10)
  const { rows } = await s.sandbox.db.query<{
    id: string
    type: string
    model: string | null
    input_tokens: number
    output_tokens: number
    input_cost: string
    output_cost: string
    created_at: Date
  }>(
    `SELECT id, type, model, input_tokens, output_tokens, input_cost, output_cost, created_at
       FROM a2a_usage_records WHERE organization_id = $1
      ORDER BY created_at DESC LIMIT $2`,
    [s.auth.organizationId, Math.max(0, Math.floor(limit))],
  )
  return {
    usage: rows.map((r) => ({
      id: r.id,
      type: r.type,
      model: r.model ?? 'unknown',
      inputTokens: r.input_tokens,
      outputTokens: r.output_tokens,
      totalCost: Number(r.input_cost) + Number(r.output_cost),
      createdAt: r.created_at.toISOString(),
    })),
    total: rows.length,
  }
}

async function listAgents(s: SkillContext, data: Data) {
  const limit = typeof data.limit === 'number' && data.limit ? data.limit : 20
  const { rows } = await s.sandbox.db.query<{
    id: string
    name: string
    bio: unknown
    avatar_url: string | null
    created_at: Date
  }>(
    `SELECT id, name, bio, avatar_url, created_at FROM user_characters
      WHERE organization_id = $1 ORDER BY created_at DESC`,
    [s.auth.organizationId],
  )
  return {
    agents: rows.slice(0, limit).map((c) => ({
      id: c.id,
      name: c.name,
      bio: c.bio,
      avatarUrl: c.avatar_url,
      createdAt: c.created_at,
    })),
    total: rows.length,
  }
}

export interface CharacterRow {
  id: string
  organization_id: string
  user_id: string
  name: string
  system: string | null
  bio: string[] | string
  style: unknown
  topics: string[]
  adjectives: string[]
  is_public: boolean
}

/** A character row as the responder's persona. */
export function personaOf(c: CharacterRow): Persona {
  const style = Array.isArray(c.style)
    ? (c.style as string[])
    : c.style && typeof c.style === 'object'
      ? Object.values(c.style as Record<string, unknown>).flatMap((v) =>
          Array.isArray(v) ? v.map(String) : [],
        )
      : null
  return {
    name: c.name,
    system: c.system,
    bio: c.bio,
    style,
    topics: c.topics,
    adjectives: c.adjectives,
  }
}

interface RoomRow {
  id: string
  agent_id: string
  messages: ChatTurn[]
}

/**
 * Talks to one of the caller's or a public agent through a room kept per (user, agent). The
 * cloud hands this to the agent runtime; the sandbox answers with the responder in the agent's
 * persona, with the room's earlier turns as context.
 */
async function chatWithAgent(s: SkillContext, text: string, data: Data) {
  const message = str(data.message) ?? text
  const roomId = str(data.roomId)
  const agentId = str(data.agentId)
  if (!message) throw new Error('Message required')
  if (!agentId && !roomId) throw new Error('agentId or roomId required')
  const db = s.sandbox.db
  let room: RoomRow | undefined
  if (roomId) {
    const found = isUuid(roomId)
      ? await db.query<RoomRow>(
          'SELECT id, agent_id, messages FROM a2a_rooms WHERE id = $1 AND organization_id = $2',
          [roomId, s.auth.organizationId],
        )
      : { rows: [] }
    room = found.rows[0]
    if (!room) throw new Error(`Room not found: ${roomId}`)
  } else if (agentId) {
    const agent = isUuid(agentId)
      ? await db.query<{ id: string }>(
          `SELECT id FROM user_characters WHERE id = $1 AND (organization_id = $2 OR is_public)`,
          [agentId, s.auth.organizationId],
        )
      : { rows: [] }
    if (!agent.rows[0]) throw new Error(`Agent not found: ${agentId}`)
    const { rows } = await db.query<RoomRow>(
      `INSERT INTO a2a_rooms (organization_id, user_id, agent_id) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, agent_id) DO UPDATE SET updated_at = a2a_rooms.updated_at
       RETURNING id, agent_id, messages`,
      [s.auth.organizationId, s.auth.userId, agentId],
    )
    room = rows[0]
  }
  if (!room) throw new Error('Room not found')
  const { rows: characters } = await db.query<CharacterRow>(
    'SELECT * FROM user_characters WHERE id = $1',
    [room.agent_id],
  )
  const character = characters[0]
  if (!character) throw new Error(`Agent not found: ${room.agent_id}`)
  const turns: ChatTurn[] = [...room.messages, { role: 'user', content: message }]
  const response = composeReply({ messages: turns, persona: personaOf(character) })
  const tokens = countTokens(await a2aEncoder(), response)
  await pause(s.sandbox.timing.tokenDelayMs * tokens, s.signal)
  await db.query('UPDATE a2a_rooms SET messages = $2, updated_at = now() WHERE id = $1', [
    room.id,
    JSON.stringify([...turns, { role: 'assistant', content: response }]),
  ])
  return { response, roomId: room.id, messageId: randomUUID(), timestamp: new Date().toISOString() }
}

async function listContainers(s: SkillContext, data: Data) {
  const status = str(data.status)
  const { rows } = await s.sandbox.db.query<{
    id: string
    name: string
    status: string
    load_balancer_url: string | null
    created_at: Date
  }>(
    `SELECT id, name, status, load_balancer_url, created_at FROM containers
      WHERE organization_id = $1 ORDER BY created_at DESC`,
    [s.auth.organizationId],
  )
  const containers = (status ? rows.filter((c) => c.status === status) : rows).map((c) => ({
    id: c.id,
    name: c.name,
    status: c.status,
    url: c.load_balancer_url,
    createdAt: c.created_at,
  }))
  return { containers, total: containers.length }
}

async function getUserProfile(s: SkillContext) {
  const { rows } = await s.sandbox.db.query<{
    email: string
    name: string | null
    credit_balance: string
  }>(
    `SELECT u.email, u.name, o.credit_balance FROM users u
       JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1`,
    [s.auth.userId],
  )
  const user = rows[0]
  if (!user) throw new Error('User not found')
  return {
    user: {
      id: s.auth.userId,
      email: user.email,
      name: user.name,
      organizationId: s.auth.organizationId,
      creditBalance: user.credit_balance,
    },
  }
}

/**
 * The hosted web tools reach the internet through the cloud's providers; the sandbox has none.
 * Arguments are checked as the cloud checks them, then the call fails as a provider error would.
 */
function hostedTool(skill: string, text: string, data: Data): never {
  if (skill === 'web_search' && !(str(data.query) ?? text).trim()) {
    throw new Error('Search query required')
  }
  if (skill === 'extract_page' && !(str(data.url) ?? text).trim()) {
    throw new Error('Extract URL required')
  }
  if (skill === 'browser_session') {
    const operation = str(data.operation)?.trim().toLowerCase() || 'command'
    const known = ['list', 'create', 'get', 'delete', 'navigate', 'snapshot', 'command']
    if (!known.includes(operation)) throw new Error(`Unsupported browser operation: ${operation}`)
    if (!['list', 'create'].includes(operation) && !str(data.sessionId)?.trim()) {
      throw new Error('sessionId required')
    }
  }
  throw new Error(`${skill} is not available in the sandbox (it needs the cloud's hosted tools)`)
}

/**
 * Dispatch as the cloud's message/send does: the first data part's `skill`, else chat.
 * Only `chat_completion` named explicitly (or text without a skill) returns the usage artifact;
 * the fallback for an unknown skill or an empty prompt answers with text alone.
 */
export async function runSkill(s: SkillContext, text: string, data: Data): Promise<SkillOutcome> {
  const w = s.writer
  const skill = typeof data.skill === 'string' ? data.skill : undefined
  const reply = (parts: ReturnType<PartWriter['text']>[], artifacts: Artifact[] = []) => ({
    message: w.agentMessage(parts),
    artifacts,
  })
  const dataReply = async (result: Promise<object>) => reply([w.data({ ...(await result) })])

  if (skill === 'chat_completion' || (text && !skill)) {
    const r = await chatCompletion(s, text, data)
    return reply(
      [w.text(r.content)],
      [
        w.artifact(
          [w.data({ model: r.model, usage: r.usage, cost: r.cost })],
          'usage',
          'Token usage and cost information',
        ),
      ],
    )
  }
  switch (skill) {
    case 'image_generation': {
      const r = await imageGeneration(s, text, data)
      return reply(
        [w.file({ bytes: r.bytes, mimeType: r.mimeType })],
        [w.artifact([w.data({ cost: r.cost })], 'cost', 'Generation cost')],
      )
    }
    case 'chat_with_agent':
      return reply([w.text((await chatWithAgent(s, text, data)).response)])
    case 'list_agents':
      return dataReply(listAgents(s, data))
    case 'check_balance':
      return dataReply(checkBalance(s))
    case 'get_usage':
      return dataReply(getUsage(s, data))
    case 'save_memory':
      return dataReply(saveMemory(s, text, data))
    case 'retrieve_memories':
      return dataReply(retrieveMemories(s, text, data))
    case 'delete_memory':
      return dataReply(deleteMemory(s, data))
    case 'create_conversation':
      return dataReply(createConversation(s, data))
    case 'get_conversation_context':
      return dataReply(getConversationContext(s, data))
    case 'list_containers':
      return dataReply(listContainers(s, data))
    case 'video_generation':
    case 'generate_video':
      return dataReply(videoGeneration(s, text, data))
    case 'get_user_profile':
    case 'profile':
      return dataReply(getUserProfile(s))
    case 'web_search':
    case 'extract_page':
    case 'browser_session':
      return hostedTool(skill, text, data)
    default: {
      const r = await chatCompletion(s, text, data)
      return reply([w.text(r.content)])
    }
  }
}
