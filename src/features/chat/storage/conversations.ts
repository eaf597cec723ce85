import { createIdbStore, createMemoryStore, type KeyValueStore } from '@/lib/storage'

/** Who answers: a catalog model (chat/completions) or one of my agents (rooms, in persona). */
export type ChatTarget =
  { kind: 'model'; modelId: string } | { kind: 'agent'; agentId: string; agentName: string }

/** `auto` (the default), `none`, `required`, or one function of the defined tools by name. */
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string }

export type ChatParams = {
  system: string
  temperature: number | null
  topP: number | null
  maxTokens: number | null
  stop: string[]
  seed: number | null
  /** Tool definitions as typed (a JSON array); '' sends none. Absent in older saves. */
  tools?: string
  /** Which tool the model may or must call; absent means `auto` (not sent). */
  toolChoice?: ToolChoice
  /** A JSON schema for structured output, as typed; '' asks for plain text. */
  responseSchema?: string
}

export const DEFAULT_PARAMS: ChatParams = {
  system: '',
  temperature: null,
  topP: null,
  maxTokens: null,
  stop: [],
  seed: null,
  tools: '',
  responseSchema: '',
}

/** Measured per reply; token counts are null when the route reported none. */
export type ReplyStats = {
  /** The model or agent that answered. */
  source: string
  ttftMs: number | null
  durationMs: number | null
  tokensPerSec: number | null
  inputTokens: number | null
  outputTokens: number | null
  costUsd: number | null
  finishReason: string | null
}

/**
 * `interrupted`: the page went away (tab closed, reload) while the reply streamed; what had
 * arrived was saved on the way out. The cloud refunds a stream the client left (docs/chat.md).
 */
export type MessageStatus = 'done' | 'stopped' | 'error' | 'interrupted'

export type ToolCall = { id: string; name: string; arguments: string }

export type ChatMessage = {
  id: string
  role: 'user' | 'assistant' | 'tool'
  content: string
  createdAt: number
  status: MessageStatus
  stats?: ReplyStats
  /** Functions the model asked to call (assistant). */
  toolCalls?: ToolCall[]
  /** The call this result answers (tool). */
  toolCallId?: string
  toolName?: string
  /** The JSON schema the reply was asked to follow (assistant), as sent. */
  schema?: string
}

/** An edited user message: every version of the conversation from that point on. */
export type Fork = {
  /** Index in `messages` of the user message that was edited. */
  at: number
  tails: { messages: ChatMessage[]; forks: Fork[] }[]
  current: number
}

export type Conversation = {
  id: string
  title: string
  target: ChatTarget
  params: ChatParams
  messages: ChatMessage[]
  /** Earlier versions after edited messages (absent in conversations saved before edits existed). */
  forks?: Fork[]
  /** The room that holds an agent conversation's history on the server. */
  room: { agentId: string; roomId: string } | null
  createdAt: number
  updatedAt: number
}

let store: KeyValueStore<Conversation> | null = null
function conversations(): KeyValueStore<Conversation> {
  store ??=
    typeof indexedDB === 'undefined'
      ? createMemoryStore<Conversation>()
      : createIdbStore<Conversation>('eliza-console-chat', 'conversations')
  return store
}

/** Tests swap the store (jsdom has no IndexedDB). */
export function setConversationStore(next: KeyValueStore<Conversation>): void {
  store = next
}

export async function listConversations(): Promise<Conversation[]> {
  const all = await conversations().values()
  return all.sort((a, b) => b.updatedAt - a.updatedAt)
}

export function getConversation(id: string): Promise<Conversation | undefined> {
  return conversations().get(id)
}

export function saveConversation(conversation: Conversation): Promise<void> {
  return conversations().set(conversation.id, conversation)
}

export function deleteConversation(id: string): Promise<void> {
  return conversations().delete(id)
}

/** A title from the first user message, cut at a word near 60 characters. */
export function titleFrom(text: string): string {
  const line = text.trim().replace(/\s+/g, ' ')
  if (line.length <= 60) return line || 'New chat'
  const cutAt = line.lastIndexOf(' ', 60)
  return `${line.slice(0, cutAt > 30 ? cutAt : 60)}…`
}

export function targetLabel(target: ChatTarget): string {
  return target.kind === 'model' ? target.modelId : target.agentName
}

export function conversationToMarkdown(c: Conversation): string {
  const lines = [`# ${c.title}`, '', `Target: ${targetLabel(c.target)}`, '']
  if (c.params.system) lines.push('## System', '', c.params.system, '')
  for (const m of c.messages) {
    const who =
      m.role === 'user'
        ? 'You'
        : m.role === 'tool'
          ? `Tool ${m.toolName ?? ''}`
          : targetLabel(c.target)
    const note = m.status === 'done' ? '' : ` (${m.status})`
    lines.push(`## ${who}${note}`, '', m.content, '')
  }
  return lines.join('\n')
}

export function conversationToJson(c: Conversation): string {
  return JSON.stringify(c, null, 2)
}

/** The model a new chat starts on when none is asked for. */
export const DEFAULT_MODEL_ID = 'openai/gpt-4o-mini'

/** An empty conversation; it is saved once its first message is accepted. */
export function newConversation(id: string, target: ChatTarget): Conversation {
  const now = Date.now()
  return {
    id,
    title: 'New chat',
    target,
    params: DEFAULT_PARAMS,
    messages: [],
    room: null,
    createdAt: now,
    updatedAt: now,
  }
}
