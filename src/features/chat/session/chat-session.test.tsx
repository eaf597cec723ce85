import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/lib/api-error'
import { newConversation, type Conversation } from '../storage/conversations'
import type { ChatRequest } from '../api/schemas'
import type { StreamEvent, StreamOptions } from '../api/stream'
import { buildRequest, ChatSession, type SessionDeps } from './chat-session'

/** A stream the test feeds by hand; `fail` errors it, an abort ends it quietly. */
function channel() {
  const queue: (StreamEvent | Error | 'end')[] = []
  let wake: (() => void) | null = null
  const push = (item: StreamEvent | Error | 'end') => {
    queue.push(item)
    wake?.()
  }
  async function* read(signal: AbortSignal): AsyncGenerator<StreamEvent> {
    while (true) {
      if (signal.aborted) return
      const item = queue.shift()
      if (item === undefined) {
        await new Promise<void>((resolve) => {
          wake = resolve
          signal.addEventListener('abort', () => resolve(), { once: true })
        })
        continue
      }
      if (item === 'end') return
      if (item instanceof Error) throw item
      yield item
    }
  }
  return { push, read }
}

function setup(opts: { reject?: ApiError } = {}) {
  const ch = channel()
  const frames: (() => void)[] = []
  const saved: Conversation[] = []
  const requests: ChatRequest[] = []
  const removed: string[] = []
  const leave = new Set<() => void>()
  let t = 0
  let n = 0
  const deps: SessionDeps = {
    streamCompletion: (body: ChatRequest, o: StreamOptions) => {
      requests.push(body)
      return (async function* () {
        if (opts.reject) throw opts.reject
        o.onAccepted?.()
        yield* ch.read(o.signal)
      })()
    },
    streamRoomMessage: () => ch.read(new AbortController().signal),
    createRoom: async () => 'room',
    save: async (c) => {
      saved.push(c)
    },
    remove: async (id) => {
      removed.push(id)
    },
    onLeave: (listener) => {
      leave.add(listener)
      return () => leave.delete(listener)
    },
    now: () => (t += 100),
    schedule: (f) => frames.push(f),
    newId: () => `id-${++n}`,
  }
  const onSettled = vi.fn()
  const session = new ChatSession(
    newConversation('c1', { kind: 'model', modelId: 'm' }),
    {
      modelFor: () => ({ inputPerToken: 0.000001, outputPerToken: 0.000002 }) as never,
      onSettled,
    },
    deps,
  )
  const flushFrames = () => frames.splice(0).forEach((f) => f())
  /** The page goes away (pagehide). */
  const leavePage = () => [...leave].forEach((l) => l())
  return { ch, session, frames, flushFrames, saved, removed, requests, onSettled, leave, leavePage }
}

const tick = () => new Promise((r) => setTimeout(r, 0))

describe('ChatSession', () => {
  it('streams into a buffer flushed once per frame, then finishes with stats', async () => {
    const { ch, session, frames, flushFrames, saved, onSettled } = setup()
    const onKept = vi.fn()
    const done = session.send('Hello', { onKept })
    expect(session.getState().status).toBe('streaming')
    // Saved with the message before the request is answered.
    expect(saved[0]?.messages.map((m) => m.content)).toEqual(['Hello'])
    ch.push({ type: 'delta', text: 'Hel' })
    ch.push({ type: 'delta', text: 'lo' })
    await tick()
    expect(onKept).toHaveBeenCalledOnce()
    // Two tokens, one scheduled frame; nothing visible until it runs.
    expect(frames).toHaveLength(1)
    expect(session.getState().streaming?.text).toBe('')
    const before = session.getState().conversation.messages
    flushFrames()
    expect(session.getState().streaming?.text).toBe('Hello'.slice(0, 5))
    // Finished messages keep their identity while tokens arrive.
    expect(session.getState().conversation.messages).toBe(before)
    ch.push({ type: 'finish', reason: 'stop' })
    ch.push({ type: 'usage', inputTokens: 10, outputTokens: 4 })
    ch.push('end')
    await done
    const { status, streaming, conversation } = session.getState()
    expect(status).toBe('idle')
    expect(streaming).toBeNull()
    const reply = conversation.messages[1]
    expect(reply).toMatchObject({ role: 'assistant', content: 'Hello', status: 'done' })
    expect(reply?.stats).toMatchObject({
      inputTokens: 10,
      outputTokens: 4,
      finishReason: 'stop',
      ttftMs: 100,
    })
    // (10 × 1e-6 + 4 × 2e-6) × 1.2
    expect(reply?.stats?.costUsd).toBeCloseTo(0.0000216, 10)
    expect(onSettled).toHaveBeenCalledOnce()
    // Saved in a task of its own, after the finished reply has rendered.
    await vi.waitFor(() => expect(saved.at(-1)?.messages).toHaveLength(2))
    expect(conversation.title).toBe('Hello')
  })

  it('Stop keeps the partial reply, marked stopped', async () => {
    const { ch, session } = setup()
    const done = session.send('Tell a story')
    ch.push({ type: 'delta', text: 'Once upon' })
    await tick()
    session.stop()
    await done
    expect(session.getState().status).toBe('stopped')
    expect(session.getState().conversation.messages[1]).toMatchObject({
      content: 'Once upon',
      status: 'stopped',
    })
  })

  it('a refusal before the reply removes the message from the log and storage, and hands its text back', async () => {
    const error = new ApiError('insufficient_credits', 'Insufficient credits', 402)
    const { session, onSettled, removed } = setup({ reject: error })
    const onKept = vi.fn()
    const onRefused = vi.fn()
    await session.send('Too expensive', { onKept, onRefused })
    const state = session.getState()
    expect(state.status).toBe('error')
    expect(state.error).toBe(error)
    expect(state.failedBeforeReply).toBe(true)
    expect(state.conversation.messages).toEqual([])
    // The new chat's record, saved before the request, is gone again.
    expect(removed).toEqual(['c1'])
    // Kept (saved) first, so the draft was cleared: the text comes back to it.
    expect(onKept).toHaveBeenCalledOnce()
    expect(onRefused).toHaveBeenCalledWith('Too expensive')
    expect(onSettled).toHaveBeenCalledOnce() // the balance is shown fresh
  })

  it('the page going away mid-reply saves what arrived, marked interrupted, and leaves the live state alone', async () => {
    const { ch, session, saved, flushFrames, leave, leavePage } = setup()
    const done = session.send('Tell a story')
    ch.push({ type: 'delta', text: 'Once upon' })
    await tick()
    flushFrames()
    ch.push({ type: 'delta', text: ' a time' }) // buffered, not yet flushed: saved too
    await tick()
    leavePage()
    await tick()
    const last = saved.at(-1)
    expect(last?.messages.map((m) => [m.role, m.content, m.status])).toEqual([
      ['user', 'Tell a story', 'done'],
      ['assistant', 'Once upon a time', 'interrupted'],
    ])
    // A hidden tab that comes back finishes the reply, which replaces the interrupted one.
    expect(session.getState().status).toBe('streaming')
    ch.push('end')
    await done
    expect(session.getState().conversation.messages[1]).toMatchObject({
      content: 'Once upon a time',
      status: 'done',
    })
    expect(leave.size).toBe(0) // no listener left behind
    await vi.waitFor(() => expect(saved.at(-1)?.messages[1]?.status).toBe('done'))
  })

  it('a cut stream keeps the partial reply as incomplete; Regenerate replaces it', async () => {
    const { ch, session, requests } = setup()
    const first = session.send('Explain')
    ch.push({ type: 'delta', text: 'Part' })
    ch.push(new ApiError('stream_cut', 'cut', 200))
    await first
    expect(session.getState()).toMatchObject({ status: 'error', failedBeforeReply: false })
    expect(session.getState().conversation.messages[1]).toMatchObject({
      content: 'Part',
      status: 'error',
    })
    const second = session.regenerate()
    ch.push({ type: 'delta', text: 'Whole' })
    ch.push('end')
    await second
    const messages = session.getState().conversation.messages
    expect(messages.map((m) => [m.role, m.content, m.status])).toEqual([
      ['user', 'Explain', 'done'],
      ['assistant', 'Whole', 'done'],
    ])
    // The regenerated request ends with the user's message, not the partial reply.
    expect(requests[1]?.messages.at(-1)).toEqual({ role: 'user', content: 'Explain' })
  })
})

describe('ChatSession edits', () => {
  it('edit and resend keeps the old branch reachable as a version', async () => {
    const { ch, session } = setup()
    const first = session.send('Question one')
    ch.push({ type: 'delta', text: 'Answer one' })
    ch.push('end')
    await first
    const userId = session.getState().conversation.messages[0]?.id ?? ''
    const second = session.editAndResend(userId, 'Question two')
    ch.push({ type: 'delta', text: 'Answer two' })
    ch.push('end')
    await second
    const texts = () => session.getState().conversation.messages.map((m) => m.content)
    expect(texts()).toEqual(['Question two', 'Answer two'])
    expect(session.getState().conversation.forks).toMatchObject([{ at: 0, current: 1 }])
    session.showVersion(0, 0)
    expect(texts()).toEqual(['Question one', 'Answer one'])
    session.showVersion(0, 1)
    expect(texts()).toEqual(['Question two', 'Answer two'])
  })
})

describe('buildRequest', () => {
  it('puts the system prompt first and only sends parameters that are set', () => {
    const body = buildRequest(
      'openai/gpt-4o-mini',
      { system: 'Be brief.', temperature: 0.2, topP: null, maxTokens: 50, stop: ['END'], seed: 7 },
      [{ role: 'user', content: 'Hi' }],
    )
    expect(body).toEqual({
      model: 'openai/gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      temperature: 0.2,
      max_tokens: 50,
      stop: ['END'],
      seed: 7,
    })
  })
})

describe('Compare with an agent', () => {
  it('asks in a room of its own, and the adopting session keeps talking in that room', async () => {
    const created: string[] = []
    const streamed: { roomId: string; text: string }[] = []
    const deps: SessionDeps = {
      streamCompletion: () => (async function* () {})(),
      streamRoomMessage: (roomId, text, o) => {
        streamed.push({ roomId, text })
        return (async function* (): AsyncGenerator<StreamEvent> {
          o.onAccepted?.()
          yield { type: 'delta', text: `Lore Keeper here (${text})` }
          yield { type: 'finish', reason: 'stop' }
        })()
      },
      createRoom: async (agentId) => {
        created.push(agentId)
        return `room-${created.length}`
      },
      save: async () => undefined,
      remove: async () => undefined,
      onLeave: () => () => undefined,
      now: () => 0,
      schedule: (f) => f(),
      newId: () => crypto.randomUUID(),
    }
    const agent = { kind: 'agent', agentId: 'a1', agentName: 'Lore Keeper' } as const
    const main = new ChatSession(
      newConversation('c1', { kind: 'model', modelId: 'm' }),
      {
        modelFor: () => undefined,
      },
      deps,
    )
    const column = new ChatSession(
      { ...main.getState().conversation, id: 'compare-agent:a1', target: agent, room: null },
      { modelFor: () => undefined },
      deps,
    )
    await column.send('Who are you?')
    const state = column.getState().conversation
    expect(state.room).toEqual({ agentId: 'a1', roomId: 'room-1' })
    expect(state.messages.map((m) => m.content)).toEqual([
      'Who are you?',
      'Lore Keeper here (Who are you?)',
    ])

    main.adopt({ target: state.target, messages: state.messages, room: state.room })
    await main.send('And then?')
    expect(created).toEqual(['a1'])
    expect(streamed).toEqual([
      { roomId: 'room-1', text: 'Who are you?' },
      { roomId: 'room-1', text: 'And then?' },
    ])
    expect(main.getState().conversation.target).toEqual(agent)
    expect(main.getState().conversation.messages).toHaveLength(4)
  })
})
