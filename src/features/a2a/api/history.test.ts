import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '@/lib/storage'
import { createTaskHistory, HISTORY_LIMIT, type HistoryEntry } from './history'
import type { Task } from './schemas'

const task = (id: string, state: Task['status']['state'] = 'completed', skill?: string): Task => ({
  id,
  status: { state, timestamp: '2026-01-01T00:00:00.000Z' },
  history: skill ? [{ role: 'user', parts: [{ type: 'data', data: { skill } }] }] : undefined,
})

describe('task history', () => {
  it('saves tasks newest first, with skill, state and times', async () => {
    const history = createTaskHistory(createMemoryStore<HistoryEntry>())
    await history.save(task('a'), { skill: 'check_balance', now: new Date('2026-01-01T10:00:00Z') })
    await history.save(task('b'), {
      skill: 'chat_completion',
      now: new Date('2026-01-01T11:00:00Z'),
    })
    const list = await history.list()
    expect(list.map((e) => [e.id, e.skill, e.state, e.sentAt])).toEqual([
      ['b', 'chat_completion', 'completed', '2026-01-01T11:00:00.000Z'],
      ['a', 'check_balance', 'completed', '2026-01-01T10:00:00.000Z'],
    ])
  })

  it('refreshes the stored copy on a later answer but keeps when and what was sent', async () => {
    const history = createTaskHistory(createMemoryStore<HistoryEntry>())
    await history.save(task('a', 'working'), {
      skill: 'get_usage',
      now: new Date('2026-01-01T10:00:00Z'),
    })
    await history.save(task('a', 'canceled'), { now: new Date('2026-01-01T10:05:00Z') })
    const entry = await history.get('a')
    expect(entry).toMatchObject({
      skill: 'get_usage',
      state: 'canceled',
      sentAt: '2026-01-01T10:00:00.000Z',
      savedAt: '2026-01-01T10:05:00.000Z',
    })
    expect(entry?.task.status.state).toBe('canceled')
  })

  it('reads the skill of a task it did not send from the task’s first user message', async () => {
    const history = createTaskHistory(createMemoryStore<HistoryEntry>())
    expect((await history.save(task('x', 'completed', 'list_agents'))).skill).toBe('list_agents')
    expect((await history.save(task('y'))).skill).toBe('unknown')
  })

  it(`keeps at most ${HISTORY_LIMIT} tasks, dropping the oldest`, async () => {
    const history = createTaskHistory(createMemoryStore<HistoryEntry>())
    const start = Date.parse('2026-01-01T00:00:00Z')
    for (let i = 0; i <= HISTORY_LIMIT; i++) {
      await history.save(task(`t${i}`), { skill: 's', now: new Date(start + i * 1000) })
    }
    const list = await history.list()
    expect(list).toHaveLength(HISTORY_LIMIT)
    expect(list.some((e) => e.id === 't0')).toBe(false)
    expect(list[0]?.id).toBe(`t${HISTORY_LIMIT}`)
  })

  it('removes one task', async () => {
    const history = createTaskHistory(createMemoryStore<HistoryEntry>())
    await history.save(task('a'))
    await history.remove('a')
    expect(await history.list()).toEqual([])
  })
})
