import { ApiError, isApiError } from '@/lib/api-error'
import {
  deleteConversation,
  saveConversation,
  targetLabel,
  titleFrom,
  type ChatMessage,
  type ChatParams,
  type ChatTarget,
  type Conversation,
  type ReplyStats,
  type ToolCall,
} from '../storage/conversations'
import type { ChatModel, ChatRequest } from '../api/schemas'
import {
  createRoom,
  streamCompletion,
  streamRoomMessage,
  type StreamEvent,
  type StreamOptions,
} from '../api/stream'
import { costUsd } from '../lib/pricing'
import { parseSchema, parseToolChoice, parseTools } from '../lib/tools'

export type SessionStatus = 'idle' | 'streaming' | 'stopped' | 'error'

export type SessionState = {
  conversation: Conversation
  status: SessionStatus
  /** The last failure; with `failedBeforeReply` a new message was refused and is only in the draft. */
  error: ApiError | null
  failedBeforeReply: boolean
  /** The reply being streamed: flushed from the token buffer once per animation frame. */
  streaming: { id: string; text: string } | null
}

/** Transport seams, so tests can drive the session without a network. */
export type SessionDeps = {
  streamCompletion: (body: ChatRequest, opts: StreamOptions) => AsyncIterable<StreamEvent>
  streamRoomMessage: (
    roomId: string,
    text: string,
    opts: StreamOptions,
  ) => AsyncIterable<StreamEvent>
  createRoom: (agentId: string, signal?: AbortSignal) => Promise<string>
  save: (c: Conversation) => Promise<void>
  remove: (id: string) => Promise<void>
  /** Calls `listener` when the page is going away or hidden (it may not come back); returns an unsubscribe. */
  onLeave: (listener: () => void) => () => void
  now: () => number
  schedule: (flush: () => void) => void
  newId: () => string
}

const defaultSchedule = (flush: () => void) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(flush)
  else setTimeout(flush, 16)
}

// `pagehide` is the last event a closing tab or a reload is sure to fire; a hidden tab (a phone
// switching apps) may be discarded without one.
function onLeave(listener: () => void): () => void {
  const onHidden = () => {
    if (document.visibilityState === 'hidden') listener()
  }
  window.addEventListener('pagehide', listener)
  document.addEventListener('visibilitychange', onHidden)
  return () => {
    window.removeEventListener('pagehide', listener)
    document.removeEventListener('visibilitychange', onHidden)
  }
}

export const defaultDeps: SessionDeps = {
  streamCompletion,
  streamRoomMessage,
  createRoom,
  save: saveConversation,
  remove: deleteConversation,
  onLeave,
  now: () => performance.now(),
  schedule: defaultSchedule,
  newId: () => crypto.randomUUID(),
}

export type SendCallbacks = {
  /** The message is safe (saved, or taken by the cloud): the draft may be cleared. */
  onKept?: () => void
  /** The message was refused after `onKept`: here is its text again. */
  onRefused?: (text: string) => void
}

export type SessionHooks = {
  /** The model facts (prices) used to compute a reply's cost. */
  modelFor: (id: string) => ChatModel | undefined
  /** A reply finished or stopped: the balance has changed. */
  onSettled?: () => void
  /** The conversation was written to storage. */
  onSaved?: (c: Conversation) => void
}

/** Builds a completion request from the history and the parameters. */
export function buildRequest(
  modelId: string,
  params: ChatParams,
  history: readonly Pick<ChatMessage, 'role' | 'content' | 'toolCalls' | 'toolCallId'>[],
): ChatRequest {
  const messages: ChatRequest['messages'] = []
  if (params.system.trim()) messages.push({ role: 'system', content: params.system })
  for (const m of history) {
    if (m.role === 'tool') {
      messages.push({ role: 'tool', tool_call_id: m.toolCallId ?? '', content: m.content })
    } else if (m.role === 'assistant' && m.toolCalls?.length) {
      messages.push({
        role: 'assistant',
        content: m.content || null,
        tool_calls: m.toolCalls.map((c) => ({
          id: c.id,
          type: 'function' as const,
          function: { name: c.name, arguments: c.arguments },
        })),
      })
    } else if (m.content) messages.push({ role: m.role, content: m.content })
  }
  const body: ChatRequest = { model: modelId, messages }
  if (params.temperature !== null) body.temperature = params.temperature
  if (params.topP !== null) body.top_p = params.topP
  if (params.maxTokens !== null) body.max_tokens = params.maxTokens
  if (params.stop.length > 0) body.stop = params.stop
  if (params.seed !== null) body.seed = params.seed
  // Invalid editor text is not sent (the editor shows why).
  const tools = parseTools(params.tools ?? '')
  if (tools.ok && tools.value.length > 0) body.tools = tools.value
  const toolChoice = parseToolChoice(params.toolChoice, tools)
  if (toolChoice.ok && toolChoice.value !== undefined) body.tool_choice = toolChoice.value
  const schema = parseSchema(params.responseSchema ?? '')
  if (schema.ok && schema.value) {
    body.response_format = {
      type: 'json_schema',
      json_schema: { name: 'reply', schema: schema.value },
    }
  }
  return body
}

/**
 * One conversation's live state in a small external store (docs/architecture.md §9): status
 * idle | streaming | stopped | error; tokens are buffered and flushed once per animation frame;
 * finished messages keep their identity, so only the streaming bubble re-renders per token. A
 * completion is a billed POST, never a query: nothing here retries by itself.
 */
export class ChatSession {
  private state: SessionState
  private listeners = new Set<() => void>()
  private controller: AbortController | null = null
  private buffer = ''
  private isFlushScheduled = false
  private frames: { atMs: number; data: string }[] = []

  constructor(
    conversation: Conversation,
    private hooks: SessionHooks,
    private deps: SessionDeps = defaultDeps,
  ) {
    this.state = {
      conversation,
      status: 'idle',
      error: null,
      failedBeforeReply: false,
      streaming: null,
    }
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  getState = (): SessionState => this.state

  setHooks(hooks: SessionHooks) {
    this.hooks = hooks
  }

  private set(patch: Partial<SessionState>) {
    this.state = { ...this.state, ...patch }
    for (const l of this.listeners) l()
  }

  private setConversation(patch: Partial<Conversation>) {
    this.set({ conversation: { ...this.state.conversation, ...patch } })
  }

  private async persist() {
    const c = this.state.conversation
    if (c.messages.length === 0) return
    try {
      await this.deps.save(c)
      this.hooks.onSaved?.(c)
    } catch {
      // Storage full or unavailable: the conversation stays on screen; nothing else to do.
    }
  }

  setTarget(target: ChatTarget) {
    if (this.state.status === 'streaming') return
    this.setConversation({ target })
    void this.persist()
  }

  setParams(params: ChatParams) {
    this.setConversation({ params })
    void this.persist()
  }

  setTitle(title: string) {
    this.setConversation({ title })
  }

  /**
   * Sends `text` as a user message and streams the reply. The conversation is saved with the
   * message before the request starts, so a tab closed at any moment keeps it. `onKept` runs once
   * the message is safe (saved, or the cloud took the request): the caller clears the draft then.
   * A refusal before the reply removes the message again; `onRefused` then gets the text back if
   * `onKept` had run, so the draft is again the one copy of what was typed.
   */
  send(text: string, callbacks: SendCallbacks = {}): Promise<void> {
    if (this.state.status === 'streaming' || !text.trim()) return Promise.resolve()
    const c = this.state.conversation
    const user: ChatMessage = {
      id: this.deps.newId(),
      role: 'user',
      content: text,
      createdAt: Date.now(),
      status: 'done',
    }
    this.setConversation({
      messages: [...c.messages, user],
      title: c.messages.length === 0 ? titleFrom(text) : c.title,
    })
    let isKept = false
    let isRefused = false
    const keep = () => {
      if (isKept || isRefused) return
      isKept = true
      callbacks.onKept?.()
    }
    this.deps.save(this.state.conversation).then(keep, () => undefined)
    return this.run(user, true, {
      onAccepted: keep,
      onRefused: () => {
        isRefused = true
        if (isKept) callbacks.onRefused?.(text)
      },
    })
  }

  /** Replaces the last reply (or retries a failed one) with a new one for the same user message. */
  regenerate(): Promise<void> {
    if (this.state.status === 'streaming') return Promise.resolve()
    const messages = [...this.state.conversation.messages]
    while (messages.length > 0 && messages[messages.length - 1]?.role === 'assistant')
      messages.pop()
    const anchor = messages[messages.length - 1]
    if (!anchor) return Promise.resolve()
    this.setConversation({ messages })
    return this.run(anchor, false)
  }

  /** Adds the user's result for each tool call of the last reply and lets the model continue. */
  submitToolResults(results: { id: string; name: string; content: string }[]): Promise<void> {
    if (this.state.status === 'streaming' || results.length === 0) return Promise.resolve()
    const now = Date.now()
    const tools: ChatMessage[] = results.map((r) => ({
      id: this.deps.newId(),
      role: 'tool',
      content: r.content,
      createdAt: now,
      status: 'done',
      toolCallId: r.id,
      toolName: r.name,
    }))
    this.setConversation({ messages: [...this.state.conversation.messages, ...tools] })
    const anchor = tools[tools.length - 1]
    return anchor ? this.run(anchor, false) : Promise.resolve()
  }

  stop() {
    this.controller?.abort()
  }

  /**
   * Replaces the user message `id` with `text` and asks again. The conversation from that
   * message on is kept as an earlier version, reachable with `showVersion`.
   */
  editAndResend(id: string, text: string): Promise<void> {
    if (this.state.status === 'streaming' || !text.trim()) return Promise.resolve()
    const c = this.state.conversation
    const at = c.messages.findIndex((m) => m.id === id)
    const old = c.messages[at]
    if (at < 0 || old?.role !== 'user') return Promise.resolve()
    const forks = c.forks ?? []
    const existing = forks.find((f) => f.at === at)
    const saved = { messages: c.messages.slice(at), forks: forks.filter((f) => f.at > at) }
    const user: ChatMessage = {
      ...old,
      id: this.deps.newId(),
      content: text,
      createdAt: Date.now(),
    }
    const tails = existing
      ? existing.tails.map((t, i) => (i === existing.current ? saved : t))
      : [saved]
    const fork = { at, tails: [...tails, { messages: [user], forks: [] }], current: tails.length }
    this.setConversation({
      messages: [...c.messages.slice(0, at), user],
      forks: [...forks.filter((f) => f.at < at), fork],
    })
    return this.run(user, false)
  }

  /** Shows version `index` of the conversation after the edited message at `at`. */
  showVersion(at: number, index: number) {
    if (this.state.status === 'streaming') return
    const c = this.state.conversation
    const forks = c.forks ?? []
    const fork = forks.find((f) => f.at === at)
    const next = fork?.tails[index]
    if (!fork || !next || index === fork.current) return
    const saved = { messages: c.messages.slice(at), forks: forks.filter((f) => f.at > at) }
    const tails = fork.tails.map((t, i) => (i === fork.current ? saved : t))
    this.setConversation({
      messages: [...c.messages.slice(0, at), ...next.messages],
      forks: [...forks.filter((f) => f.at < at), { at, tails, current: index }, ...next.forks],
    })
    void this.persist()
  }

  /** Takes over another session's result ("continue with this one" in Compare). */
  adopt(next: Pick<Conversation, 'target' | 'messages' | 'room'>) {
    if (this.state.status === 'streaming') return
    const c = this.state.conversation
    const firstUser = next.messages.find((m) => m.role === 'user')
    this.set({
      status: 'idle',
      error: null,
      failedBeforeReply: false,
      streaming: null,
      conversation: {
        ...c,
        target: next.target,
        messages: next.messages,
        // An agent's compare reply lives in the room it was asked in; later messages go there.
        room: next.room,
        title: c.messages.length === 0 && firstUser ? titleFrom(firstUser.content) : c.title,
        updatedAt: Date.now(),
      },
    })
    void this.persist()
  }

  /** The raw SSE frames of the last reply, with milliseconds since its request started. */
  getFrames(): readonly { atMs: number; data: string }[] {
    return this.frames.slice()
  }

  dispose() {
    this.controller?.abort()
    this.listeners.clear()
  }

  /**
   * `user` is the message the reply answers (a tool result when continuing after tools); `isNew`
   * when it was just added by `send` (a refusal removes it again).
   */
  private async run(
    user: ChatMessage,
    isNew: boolean,
    { onAccepted, onRefused }: { onAccepted?: () => void; onRefused?: () => void } = {},
  ) {
    const controller = new AbortController()
    this.controller = controller
    const replyId = this.deps.newId()
    const { target, params } = this.state.conversation
    const source = targetLabel(target)
    this.buffer = ''
    this.set({
      status: 'streaming',
      error: null,
      failedBeforeReply: false,
      streaming: { id: replyId, text: '' },
    })

    const startedAt = this.deps.now()
    const onFrame = (data: string) => {
      this.frames.push({ atMs: this.deps.now() - startedAt, data })
    }
    let firstTokenAt: number | null = null
    let isAccepted = false
    let usage: { inputTokens: number; outputTokens: number; costUsd?: number } | null = null
    let finishReason: string | null = null
    const calls: ToolCall[] = []
    const schemaText = target.kind === 'model' ? (params.responseSchema ?? '').trim() : ''
    const schema = schemaText && parseSchema(schemaText).ok ? schemaText : undefined
    const accept = () => {
      isAccepted = true
      onAccepted?.()
      if (isNew) void this.persist()
    }
    // Before the request: an edit, a regenerate or tool results are on screen, so in storage too.
    if (!isNew) void this.deps.save(this.state.conversation).catch(() => undefined)

    const stats = (): ReplyStats => {
      const end = this.deps.now()
      const model = target.kind === 'model' ? this.hooks.modelFor(target.modelId) : undefined
      const genMs = firstTokenAt === null ? null : end - firstTokenAt
      const out = usage?.outputTokens ?? null
      return {
        source,
        ttftMs: firstTokenAt === null ? null : firstTokenAt - startedAt,
        durationMs: end - startedAt,
        tokensPerSec: out !== null && genMs !== null && genMs > 0 ? (out / genMs) * 1000 : null,
        inputTokens: usage?.inputTokens ?? null,
        outputTokens: out,
        costUsd:
          usage?.costUsd ?? (usage ? costUsd(model, usage.inputTokens, usage.outputTokens) : null),
        finishReason,
      }
    }

    // The page going away mid-reply: what arrived is saved, marked interrupted (the live state
    // is left alone: a hidden tab may come back and finish the reply, which then replaces it).
    const stopWatching = this.deps.onLeave(() => {
      if (this.controller !== controller || controller.signal.aborted) return
      const partial: ChatMessage = {
        id: replyId,
        role: 'assistant',
        content: (this.state.streaming?.text ?? '') + this.buffer,
        createdAt: Date.now(),
        status: 'interrupted',
        stats: stats(),
      }
      const c = this.state.conversation
      void this.deps
        .save({ ...c, messages: [...c.messages, partial], updatedAt: Date.now() })
        .catch(() => undefined)
    })

    try {
      const history = this.state.conversation.messages
      let events: AsyncIterable<StreamEvent>
      if (target.kind === 'model') {
        events = this.deps.streamCompletion(buildRequest(target.modelId, params, history), {
          signal: controller.signal,
          onAccepted: accept,
          onFrame,
        })
      } else {
        let room = this.state.conversation.room
        if (!room || room.agentId !== target.agentId) {
          const roomId = await this.deps.createRoom(target.agentId, controller.signal)
          room = { agentId: target.agentId, roomId }
          this.setConversation({ room })
        }
        events = this.deps.streamRoomMessage(room.roomId, user.content, {
          signal: controller.signal,
          onAccepted: accept,
          onFrame,
        })
      }
      for await (const event of events) {
        if (event.type === 'delta') {
          firstTokenAt ??= this.deps.now()
          this.push(event.text)
        } else if (event.type === 'usage') usage = event
        else if (event.type === 'tool_call') {
          firstTokenAt ??= this.deps.now()
          const call = (calls[event.index] ??= { id: '', name: '', arguments: '' })
          if (event.id) call.id = event.id
          if (event.name) call.name = event.name
          if (event.arguments) call.arguments += event.arguments
        } else finishReason = event.reason
      }
      const isStopped = controller.signal.aborted
      this.finish(replyId, isStopped ? 'stopped' : 'done', stats(), calls, schema)
      this.set({ status: isStopped ? 'stopped' : 'idle' })
    } catch (error) {
      const apiError = isApiError(error)
        ? error
        : new ApiError('server', error instanceof Error ? error.message : String(error), null)
      if (controller.signal.aborted || apiError.kind === 'aborted') {
        if (isAccepted) this.finish(replyId, 'stopped', stats())
        else this.dropUnsent(user, isNew, onRefused)
        this.set({ status: 'stopped' })
      } else if (!isAccepted) {
        // The balance matters now (402 shows it), whatever the cache holds.
        if (apiError.kind === 'insufficient_credits') this.hooks.onSettled?.()
        this.dropUnsent(user, isNew, onRefused)
        // A new message goes back to the draft (Retry sends it); a regenerate or an edit keeps
        // its message in the log (Retry asks again).
        this.set({ status: 'error', error: apiError, failedBeforeReply: isNew })
      } else {
        this.finish(replyId, 'error', stats())
        this.set({ status: 'error', error: apiError, failedBeforeReply: false })
      }
    } finally {
      stopWatching()
      if (this.controller === controller) this.controller = null
      if (isAccepted) {
        this.hooks.onSettled?.()
        // Its own task: cloning a long conversation into IndexedDB right after the finished reply
        // renders made one task of both (55 ms with 500 messages in `npm run bench`, chat render).
        window.setTimeout(() => void this.persist(), 0)
      }
    }
  }

  /**
   * A request the cloud never took: the user's message leaves the log and storage (a new chat's
   * record goes entirely); `onRefused` hands its text back to the draft.
   */
  private dropUnsent(user: ChatMessage, isNew: boolean, onRefused?: () => void) {
    this.buffer = ''
    this.set({ streaming: null })
    if (!isNew) return
    const messages = this.state.conversation.messages.filter((m) => m.id !== user.id)
    this.setConversation({ messages })
    const c = this.state.conversation
    void (messages.length === 0 ? this.deps.remove(c.id) : this.deps.save(c)).catch(() => undefined)
    onRefused?.()
  }

  private push(text: string) {
    this.buffer += text
    if (this.isFlushScheduled) return
    this.isFlushScheduled = true
    this.deps.schedule(() => this.flush())
  }

  private flush() {
    this.isFlushScheduled = false
    const streaming = this.state.streaming
    if (!streaming || !this.buffer) return
    const text = streaming.text + this.buffer
    this.buffer = ''
    this.set({ streaming: { id: streaming.id, text } })
  }

  private finish(
    id: string,
    status: ChatMessage['status'],
    stats: ReplyStats,
    toolCalls: ToolCall[] = [],
    schema?: string,
  ) {
    const text = (this.state.streaming?.text ?? '') + this.buffer
    this.buffer = ''
    const reply: ChatMessage = {
      id,
      role: 'assistant',
      content: text,
      createdAt: Date.now(),
      status,
      stats,
      ...(toolCalls.length > 0 ? { toolCalls: toolCalls.filter(Boolean) } : {}),
      ...(schema ? { schema } : {}),
    }
    this.set({
      streaming: null,
      conversation: {
        ...this.state.conversation,
        messages: [...this.state.conversation.messages, reply],
        updatedAt: Date.now(),
      },
    })
  }
}
