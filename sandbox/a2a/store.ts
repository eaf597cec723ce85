// The A2A task store (docs/cloud/a2a-discovery.md "Task ids"; the cloud's a2a-task-store.ts): one entry per
// task id, living one hour from its last write, readable only by the organization that wrote it.
import type { Db } from '../core/db/client.ts'
import type { Artifact, Message, Task, TaskState } from './types.ts'

const TTL_SECONDS = 3600

export class TaskStore {
  constructor(private readonly db: Db) {}

  /** The task, or null when it is unknown, expired or another organization's. */
  async get(id: string, organizationId: string): Promise<Task | null> {
    const { rows } = await this.db.query<{ task: Task; organization_id: string }>(
      `SELECT task, organization_id FROM a2a_tasks WHERE id = $1 AND expires_at > now()`,
      [id],
    )
    const row = rows[0]
    if (!row || row.organization_id !== organizationId) return null
    return row.task
  }

  /** Stores a task under its id, replacing whatever was there (even another organization's). */
  async set(task: Task, organizationId: string, userId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO a2a_tasks (id, organization_id, user_id, task, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))
       ON CONFLICT (id) DO UPDATE
         SET organization_id = EXCLUDED.organization_id, user_id = EXCLUDED.user_id,
             task = EXCLUDED.task, created_at = clock_timestamp(), updated_at = clock_timestamp(),
             expires_at = EXCLUDED.expires_at`,
      [task.id, organizationId, userId, JSON.stringify(task), TTL_SECONDS],
    )
  }

  /** Read-modify-write of one task; every write restarts the hour, as SETEX does. */
  async update(
    id: string,
    organizationId: string,
    change: (task: Task) => Task,
  ): Promise<Task | null> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ task: Task; organization_id: string }>(
        `SELECT task, organization_id FROM a2a_tasks
          WHERE id = $1 AND expires_at > now() FOR UPDATE`,
        [id],
      )
      const row = rows[0]
      if (!row || row.organization_id !== organizationId) return null
      const task = change(row.task)
      await tx.query(
        `UPDATE a2a_tasks SET task = $2, updated_at = clock_timestamp(),
                expires_at = now() + make_interval(secs => $3)
          WHERE id = $1`,
        [id, JSON.stringify(task), TTL_SECONDS],
      )
      return task
    })
  }

  addToHistory(id: string, organizationId: string, message: Message) {
    return this.update(id, organizationId, (t) => ({
      ...t,
      history: [...(t.history ?? []), message],
    }))
  }

  addArtifact(id: string, organizationId: string, artifact: Artifact) {
    return this.update(id, organizationId, (t) => ({
      ...t,
      artifacts: [...(t.artifacts ?? []), artifact],
    }))
  }

  setState(id: string, organizationId: string, state: TaskState, message?: Message) {
    return this.update(id, organizationId, (t) => ({
      ...t,
      status: { state, ...(message ? { message } : {}), timestamp: new Date().toISOString() },
    }))
  }
}
