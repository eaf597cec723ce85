// The tasks this browser has sent, kept in IndexedDB (docs/a2a.md §History): the cloud keeps a
// task for one hour only, so the stored copy is what is left to show after that.
import { queryOptions, type QueryClient } from '@tanstack/react-query'
import { createIdbStore, createMemoryStore, type KeyValueStore } from '@/lib/storage'
import { a2aKeys } from './keys'
import { skillOfTask } from './message'
import type { Task, TaskState } from './schemas'

export type HistoryEntry = {
  id: string
  /** The skill the message named (`chat_completion` when none). */
  skill: string
  state: TaskState
  /** When this browser first sent it. */
  sentAt: string
  /** When the stored copy was last refreshed from the cloud. */
  savedAt: string
  task: Task
}

/** At most this many are kept; the oldest go first. */
export const HISTORY_LIMIT = 200

export type TaskHistory = {
  list(): Promise<HistoryEntry[]>
  get(id: string): Promise<HistoryEntry | undefined>
  /** Saves a task answer; `skill` and `sentAt` of an existing entry are kept unless given. */
  save(task: Task, info?: { skill?: string; now?: Date }): Promise<HistoryEntry>
  remove(id: string): Promise<void>
}

export function createTaskHistory(store: KeyValueStore<HistoryEntry>): TaskHistory {
  const list = async () =>
    (await store.values()).sort(
      (a, b) => b.sentAt.localeCompare(a.sentAt) || (a.id < b.id ? -1 : 1),
    )
  return {
    list,
    get: (id) => store.get(id),
    async save(task, info = {}) {
      const now = (info.now ?? new Date()).toISOString()
      const existing = await store.get(task.id)
      const entry: HistoryEntry = {
        id: task.id,
        skill: info.skill ?? existing?.skill ?? skillOfTask(task) ?? 'unknown',
        state: task.status.state,
        sentAt: existing?.sentAt ?? now,
        savedAt: now,
        task,
      }
      await store.set(task.id, entry)
      const all = await list()
      for (const old of all.slice(HISTORY_LIMIT)) await store.delete(old.id)
      return entry
    },
    remove: (id) => store.delete(id),
  }
}

let shared: TaskHistory | null = null
/** The browser's history (IndexedDB; in memory where IndexedDB is missing). */
export function taskHistory(): TaskHistory {
  shared ??= createTaskHistory(
    typeof indexedDB === 'undefined'
      ? createMemoryStore<HistoryEntry>()
      : createIdbStore<HistoryEntry>('eliza-console-a2a', 'tasks'),
  )
  return shared
}

export const taskHistoryQuery = () =>
  queryOptions({
    queryKey: a2aKeys.history(),
    queryFn: () => taskHistory().list(),
    staleTime: Infinity,
  })

export async function saveToHistory(
  queryClient: QueryClient,
  task: Task,
  info?: { skill?: string },
): Promise<void> {
  await taskHistory().save(task, info)
  await queryClient.invalidateQueries({ queryKey: a2aKeys.history() })
}
