import { beforeEach, describe, expect, it } from 'vitest'
import { createMemoryStore } from '@/lib/storage'
import {
  conversationToMarkdown,
  getConversation,
  listConversations,
  newConversation,
  saveConversation,
  setConversationStore,
  titleFrom,
  type Conversation,
} from './conversations'

beforeEach(() => setConversationStore(createMemoryStore<Conversation>()))

describe('conversations', () => {
  it('lists the most recently updated first and reads one back', async () => {
    const a = { ...newConversation('a', { kind: 'model', modelId: 'm' }), updatedAt: 1 }
    const b = { ...newConversation('b', { kind: 'model', modelId: 'm' }), updatedAt: 2 }
    await saveConversation(a)
    await saveConversation(b)
    expect((await listConversations()).map((c) => c.id)).toEqual(['b', 'a'])
    expect(await getConversation('a')).toEqual(a)
    expect(await getConversation('nope')).toBeUndefined()
  })

  it('titles a chat from its first message, cut at a word', () => {
    expect(titleFrom('  Hello   there ')).toBe('Hello there')
    const long = 'word '.repeat(30)
    expect(titleFrom(long).length).toBeLessThanOrEqual(61)
    expect(titleFrom(long).endsWith('…')).toBe(true)
  })

  it('exports Markdown with the target, the system prompt and stopped replies marked', () => {
    const c: Conversation = {
      ...newConversation('x', { kind: 'agent', agentId: 'id', agentName: 'Lore Keeper' }),
      title: 'History',
      params: {
        system: 'Be brief.',
        temperature: null,
        topP: null,
        maxTokens: null,
        stop: [],
        seed: null,
      },
      messages: [
        { id: '1', role: 'user', content: 'Hi', createdAt: 0, status: 'done' },
        { id: '2', role: 'assistant', content: 'Hel', createdAt: 0, status: 'stopped' },
      ],
    }
    const md = conversationToMarkdown(c)
    expect(md).toContain('# History')
    expect(md).toContain('Target: Lore Keeper')
    expect(md).toContain('## System\n\nBe brief.')
    expect(md).toContain('## You\n\nHi')
    expect(md).toContain('## Lore Keeper (stopped)\n\nHel')
  })
})
