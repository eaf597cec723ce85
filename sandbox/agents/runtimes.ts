// Hosted agent runtimes ("milady sandboxes", docs/cloud/agents.md "Hosted runtime routes usable with an API
// key"). The cloud provisions a database and a Docker container; here a provisioning is stored as
// its start instant and its pace, and every read derives the current state from those timestamps
// (`observe`), so a lifecycle keeps moving across a restart without any timer.
//
// Lifecycle (two `lifecycleStepMs` steps): pending|stopped|error → provisioning (database
// provisioning) → provisioning (database ready, container starting) → running.
// Hosting is billed per whole hour through the ledger at the cloud's Milady rates.
import { randomUUID } from 'node:crypto'
import type { Db, Queryable } from '../core/db/client.ts'
import { charge, getBalance, InsufficientCreditsError } from '../core/ledger.ts'

export type RuntimeStatus =
  'pending' | 'provisioning' | 'running' | 'stopped' | 'disconnected' | 'error'

export interface RuntimeRow {
  id: string
  organization_id: string
  user_id: string
  character_id: string | null
  agent_name: string | null
  agent_config: Record<string, unknown>
  environment_vars: Record<string, string>
  status: RuntimeStatus
  database_status: 'none' | 'provisioning' | 'ready' | 'error'
  node_id: string | null
  container_name: string | null
  headscale_ip: string | null
  bridge_url: string | null
  health_url: string | null
  last_heartbeat_at: Date | null
  last_backup_at: Date | null
  error_message: string | null
  error_count: number
  provision_started_at: Date | null
  provision_step_ms: number | null
  provision_job_id: string | null
  billed_through: Date
  created_at: Date
  updated_at: Date
}

export interface BackupRow {
  id: string
  sandbox_record_id: string
  snapshot_type: 'auto' | 'manual' | 'pre-shutdown'
  state_data: Record<string, unknown>
  size_bytes: number
  created_at: Date
}

/**
 * The cloud's Milady pricing constants (hourly cron billing; the $5 minimum balance gates
 * create, provision and resume). Not in docs/cloud/agents.md, which only names the 402 gate: taken from
 * the cloud's `milady-pricing` constants.
 */
export const MILADY_PRICING = {
  RUNNING_HOURLY_RATE: 0.01,
  IDLE_HOURLY_RATE: 0.0025,
  MINIMUM_DEPOSIT: 5,
} as const

const HOUR_MS = 3_600_000
const HEARTBEAT_MS = 60_000
const MAX_BACKUPS = 10

/** `__milady…` keys in agentConfig are internal flags; callers may not set them. */
export function stripReservedConfigKeys(
  config: Record<string, unknown> | undefined,
): Record<string, unknown> {
  if (!config) return {}
  return Object.fromEntries(
    Object.entries(config).filter(([key]) => !key.toLowerCase().startsWith('__milady')),
  )
}

/** Marks a runtime created for an existing character: deleting the runtime keeps the character. */
export const REUSE_EXISTING_CHARACTER = { __miladyCharacterOwnership: 'reuse-existing' } as const

export const reusesExistingCharacter = (config: Record<string, unknown>) =>
  config.__miladyCharacterOwnership === 'reuse-existing'

// ─── Reading and deriving state ───────────────────────────────────────────────────────────

const iso = (d: Date | null) => (d ? d.toISOString() : null)

/** A small, stable, fake network identity for a runtime, derived from its id. */
function placement(id: string) {
  const hex = id.replace(/-/g, '')
  const octet = (i: number) => parseInt(hex.slice(i, i + 2), 16)
  const ip = `100.64.${octet(0) % 64}.${(octet(2) % 250) + 2}`
  return {
    node_id: `sandbox-node-${(octet(4) % 3) + 1}`,
    container_name: `milady-${id}`,
    headscale_ip: ip,
    bridge_url: `http://${ip}:18790`,
    health_url: `http://${ip}:18790/health`,
  }
}

/** Public web UI of a running runtime; unset while it is not running. */
export const webUiUrl = (row: RuntimeRow) =>
  row.status === 'running' ? `https://${row.id}.agents.sandbox.invalid` : null

/**
 * Brings a row up to date for `now`: finishes the provisioning steps that are due and refreshes
 * a running runtime's heartbeat. Writes only when something changed.
 */
async function advance(db: Queryable, row: RuntimeRow, now: number): Promise<RuntimeRow> {
  if (row.status === 'provisioning' && row.provision_started_at) {
    const step = row.provision_step_ms ?? 0
    const start = row.provision_started_at.getTime()
    if (now >= start + 2 * step) {
      const doneAt = new Date(start + 2 * step)
      const { rows } = await db.query<RuntimeRow>(
        `UPDATE milady_sandboxes
            SET status = 'running', database_status = 'ready', node_id = $2, container_name = $3,
                headscale_ip = $4, bridge_url = $5, health_url = $6, last_heartbeat_at = $7,
                error_message = NULL, provision_started_at = NULL, provision_step_ms = NULL,
                updated_at = $7
          WHERE id = $1 AND status = 'provisioning' AND provision_started_at = $8
          RETURNING *`,
        [
          row.id,
          ...Object.values(placement(row.id)),
          doneAt.toISOString(),
          row.provision_started_at.toISOString(),
        ],
      )
      return rows[0] ?? row
    }
    if (now >= start + step && row.database_status !== 'ready') {
      const { rows } = await db.query<RuntimeRow>(
        `UPDATE milady_sandboxes SET database_status = 'ready'
          WHERE id = $1 AND status = 'provisioning' RETURNING *`,
        [row.id],
      )
      return rows[0] ?? row
    }
  }
  if (
    row.status === 'running' &&
    (!row.last_heartbeat_at || now - row.last_heartbeat_at.getTime() >= HEARTBEAT_MS)
  ) {
    const beat = new Date(now - (now % HEARTBEAT_MS))
    const { rows } = await db.query<RuntimeRow>(
      `UPDATE milady_sandboxes SET last_heartbeat_at = $2 WHERE id = $1 RETURNING *`,
      [row.id, beat.toISOString()],
    )
    return rows[0] ?? row
  }
  return row
}

const hourlyRate = (status: RuntimeStatus) =>
  status === 'running'
    ? MILADY_PRICING.RUNNING_HOURLY_RATE
    : status === 'stopped' || status === 'disconnected'
      ? MILADY_PRICING.IDLE_HOURLY_RATE
      : 0

/**
 * The cloud's hourly billing cron, caught up lazily: every whole hour since `billed_through` is
 * charged at the rate of the runtime's current status. The hours are claimed first (conditional
 * UPDATE), so concurrent reads never charge twice. When the balance cannot pay, the runtime is
 * stopped at once (the cloud warns and stops after a 48 h grace period).
 */
async function settleHosting(db: Db, row: RuntimeRow, now: number): Promise<RuntimeRow> {
  const hours = Math.floor((now - row.billed_through.getTime()) / HOUR_MS)
  if (hours < 1) return row
  const through = new Date(row.billed_through.getTime() + hours * HOUR_MS)
  const claimed = await db.query<RuntimeRow>(
    `UPDATE milady_sandboxes SET billed_through = $2
      WHERE id = $1 AND billed_through = $3 RETURNING *`,
    [row.id, through.toISOString(), row.billed_through.toISOString()],
  )
  const current = claimed.rows[0]
  if (!current) return (await findRuntimeRow(db, row.id)) ?? row
  const rate = hourlyRate(row.status)
  if (rate === 0) return current
  try {
    await charge(db, {
      organizationId: row.organization_id,
      userId: row.user_id,
      amount: rate * hours,
      description: `Agent hosting: ${row.agent_name ?? row.id} (${hours}h ${row.status === 'running' ? 'running' : 'idle'})`,
      metadata: { type: 'milady_hosting', agentId: row.id, hours, hourlyRate: rate },
    })
    return current
  } catch (error) {
    if (!(error instanceof InsufficientCreditsError)) throw error
    if (row.status !== 'running') return current
    const { rows } = await db.query<RuntimeRow>(
      `UPDATE milady_sandboxes
          SET status = 'stopped', bridge_url = NULL, health_url = NULL,
              error_message = 'Stopped: insufficient credits for hosting', updated_at = now()
        WHERE id = $1 RETURNING *`,
      [row.id],
    )
    return rows[0] ?? current
  }
}

/** The row brought up to date (lifecycle, heartbeat, hourly billing). */
export async function observe(db: Db, row: RuntimeRow, now = Date.now()): Promise<RuntimeRow> {
  return settleHosting(db, await advance(db, row, now), now)
}

async function findRuntimeRow(db: Queryable, id: string): Promise<RuntimeRow | undefined> {
  const { rows } = await db.query<RuntimeRow>('SELECT * FROM milady_sandboxes WHERE id = $1', [id])
  return rows[0]
}

/**
 * One runtime of the organization, up to date, or undefined. A non-UUID id makes Postgres throw,
 * which each route turns into its own 500, as the cloud's uuid column does.
 */
export async function getRuntime(
  db: Db,
  id: string,
  organizationId: string,
): Promise<RuntimeRow | undefined> {
  const { rows } = await db.query<RuntimeRow>(
    'SELECT * FROM milady_sandboxes WHERE id = $1 AND organization_id = $2',
    [id, organizationId],
  )
  return rows[0] && observe(db, rows[0])
}

export async function listRuntimes(db: Db, organizationId: string): Promise<RuntimeRow[]> {
  const { rows } = await db.query<RuntimeRow>(
    'SELECT * FROM milady_sandboxes WHERE organization_id = $1 ORDER BY created_at DESC',
    [organizationId],
  )
  const now = Date.now()
  const out: RuntimeRow[] = []
  for (const row of rows) out.push(await observe(db, row, now))
  return out
}

// ─── Mutations ────────────────────────────────────────────────────────────────────────────

export interface CreateRuntimeInput {
  organizationId: string
  userId: string
  agentName: string
  characterId?: string
  agentConfig?: Record<string, unknown>
  environmentVars?: Record<string, string>
}

/** A new runtime is only a record (`pending`, no database); provisioning is a separate step. */
export async function createRuntime(db: Queryable, input: CreateRuntimeInput): Promise<RuntimeRow> {
  const config = stripReservedConfigKeys(input.agentConfig)
  const { rows } = await db.query<RuntimeRow>(
    `INSERT INTO milady_sandboxes (organization_id, user_id, character_id, agent_name, agent_config,
                                   environment_vars)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
    [
      input.organizationId,
      input.userId,
      input.characterId ?? null,
      input.agentName,
      JSON.stringify(input.characterId ? { ...config, ...REUSE_EXISTING_CHARACTER } : config),
      JSON.stringify(input.environmentVars ?? {}),
    ],
  )
  const row = rows[0]
  if (!row) throw new Error('runtime insert returned no row')
  return row
}

export type StartResult =
  | { kind: 'started'; row: RuntimeRow }
  | { kind: 'running'; row: RuntimeRow }
  | { kind: 'in_progress'; row: RuntimeRow }

/**
 * Starts provisioning unless the runtime is already running or provisioning (the cloud's
 * `trySetProvisioning` lock). The pace is stored with the row.
 */
export async function startProvisioning(
  db: Db,
  row: RuntimeRow,
  stepMs: number,
): Promise<StartResult> {
  if (row.status === 'running') return { kind: 'running', row }
  const { rows } = await db.query<RuntimeRow>(
    `UPDATE milady_sandboxes
        SET status = 'provisioning',
            database_status = CASE WHEN database_status = 'ready' THEN 'ready' ELSE 'provisioning' END,
            provision_started_at = $4, provision_step_ms = $2, provision_job_id = $3,
            error_message = NULL, updated_at = $4
      WHERE id = $1 AND status NOT IN ('provisioning', 'running')
      RETURNING *`,
    // Millisecond precision (not now()'s microseconds): the instant is compared from JS later.
    [row.id, stepMs, randomUUID(), new Date().toISOString()],
  )
  const started = rows[0]
  if (started) return { kind: 'started', row: started }
  const current = (await findRuntimeRow(db, row.id)) ?? row
  return current.status === 'running'
    ? { kind: 'running', row: current }
    : { kind: 'in_progress', row: current }
}

/** When a provisioning started at `row` is due to finish. */
export const provisioningDoneInMs = (row: RuntimeRow, now = Date.now()) =>
  row.provision_started_at
    ? Math.max(0, row.provision_started_at.getTime() + 2 * (row.provision_step_ms ?? 0) - now)
    : 0

export type ShutdownResult = { success: true } | { success: false; error: string }

/**
 * Stops a runtime (the cloud's `shutdown`): a running one first leaves a `pre-shutdown` backup.
 * Refused while provisioning.
 */
export async function shutdownRuntime(db: Db, row: RuntimeRow): Promise<ShutdownResult> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<RuntimeRow>(
      'SELECT * FROM milady_sandboxes WHERE id = $1 FOR UPDATE',
      [row.id],
    )
    const rec = rows[0]
    if (!rec) return { success: false, error: 'Agent not found' }
    if (rec.status === 'provisioning') {
      return { success: false, error: 'Agent provisioning is in progress' }
    }
    if (rec.status === 'running') await insertBackup(tx, rec, 'pre-shutdown')
    await tx.query(
      `UPDATE milady_sandboxes
          SET status = 'stopped', bridge_url = NULL, health_url = NULL, updated_at = now()
        WHERE id = $1`,
      [rec.id],
    )
    await pruneBackups(tx, rec.id)
    return { success: true }
  })
}

export type DeleteResult =
  { success: true; deleted: RuntimeRow } | { success: false; error: string }

export async function deleteRuntime(db: Db, row: RuntimeRow): Promise<DeleteResult> {
  if (row.status === 'provisioning') {
    return { success: false, error: 'Agent provisioning is in progress' }
  }
  const { rows } = await db.query<RuntimeRow>(
    'DELETE FROM milady_sandboxes WHERE id = $1 RETURNING *',
    [row.id],
  )
  const deleted = rows[0]
  return deleted ? { success: true, deleted } : { success: false, error: 'Agent not found' }
}

// ─── Backups ──────────────────────────────────────────────────────────────────────────────

/** What the runtime's bridge would hand back as its state (memories, config): synthetic here. */
function snapshotState(row: RuntimeRow): Record<string, unknown> {
  return {
    agentName: row.agent_name,
    config: row.agent_config,
    memories: [],
    capturedAt: new Date().toISOString(),
  }
}

async function insertBackup(
  tx: Queryable,
  row: RuntimeRow,
  type: BackupRow['snapshot_type'],
): Promise<BackupRow> {
  const state = snapshotState(row)
  const { rows } = await tx.query<BackupRow>(
    `INSERT INTO milady_sandbox_backups (sandbox_record_id, snapshot_type, state_data, size_bytes)
     VALUES ($1, $2, $3, $4) RETURNING *`,
    [row.id, type, JSON.stringify(state), Buffer.byteLength(JSON.stringify(state), 'utf8')],
  )
  await tx.query(
    'UPDATE milady_sandboxes SET last_backup_at = now(), updated_at = now() WHERE id = $1',
    [row.id],
  )
  const backup = rows[0]
  if (!backup) throw new Error('backup insert returned no row')
  return backup
}

async function pruneBackups(tx: Queryable, id: string) {
  await tx.query(
    `DELETE FROM milady_sandbox_backups WHERE sandbox_record_id = $1 AND id NOT IN (
       SELECT id FROM milady_sandbox_backups WHERE sandbox_record_id = $1
        ORDER BY created_at DESC LIMIT ${MAX_BACKUPS})`,
    [id],
  )
}

/** A manual snapshot of a running runtime; the newest 10 backups are kept. */
export async function snapshotRuntime(db: Db, row: RuntimeRow): Promise<BackupRow | null> {
  if (row.status !== 'running' || !row.bridge_url) return null
  return db.transaction(async (tx) => {
    const backup = await insertBackup(tx, row, 'manual')
    await pruneBackups(tx, row.id)
    return backup
  })
}

export async function listBackups(db: Queryable, id: string): Promise<BackupRow[]> {
  const { rows } = await db.query<BackupRow>(
    'SELECT * FROM milady_sandbox_backups WHERE sandbox_record_id = $1 ORDER BY created_at DESC',
    [id],
  )
  return rows
}

export async function findBackup(db: Queryable, id: string): Promise<BackupRow | undefined> {
  const { rows } = await db.query<BackupRow>('SELECT * FROM milady_sandbox_backups WHERE id = $1', [
    id,
  ])
  return rows[0]
}

// ─── Billing gate ─────────────────────────────────────────────────────────────────────────

export interface CreditGate {
  allowed: boolean
  balance: number
  error?: string
}

/** Create, provision and resume need a balance of at least $5 (read fresh from the DB). */
export async function checkCreditGate(db: Queryable, organizationId: string): Promise<CreditGate> {
  const balance = await getBalance(db, organizationId)
  if (balance >= MILADY_PRICING.MINIMUM_DEPOSIT) return { allowed: true, balance }
  const deficit = MILADY_PRICING.MINIMUM_DEPOSIT - balance
  return {
    allowed: false,
    balance,
    error:
      `Insufficient credits. A minimum balance of $${MILADY_PRICING.MINIMUM_DEPOSIT.toFixed(2)} is required ` +
      `to create or run Milady agents. Please add at least $${deficit.toFixed(2)} to your account at /dashboard/billing.`,
  }
}

// ─── Logs ─────────────────────────────────────────────────────────────────────────────────

/**
 * What the runtime's bridge serves at `/logs`: synthesised from the row's own timeline, so it
 * is stable between calls and grows a heartbeat line per minute.
 */
export function runtimeLogs(row: RuntimeRow, tail: number, now = Date.now()): string {
  const up = row.last_heartbeat_at ?? row.updated_at
  const started = new Date(Math.min(row.updated_at.getTime(), up.getTime()))
  const line = (at: Date, text: string) => `${at.toISOString()} ${text}`
  const lines = [
    line(row.created_at, `[cloud] Agent "${row.agent_name ?? row.id}" created`),
    line(started, `[provision] Database ${row.database_status}; container ${row.container_name}`),
    line(started, `[runtime] elizaOS runtime booting on ${row.node_id}`),
    line(started, `[bridge] Listening on ${row.bridge_url}`),
  ]
  const first = started.getTime() + HEARTBEAT_MS
  const beats = Math.max(0, Math.floor((now - first) / HEARTBEAT_MS) + 1)
  const shown = Math.min(beats, tail)
  for (let i = beats - shown; i < beats; i++) {
    lines.push(line(new Date(first + i * HEARTBEAT_MS), '[heartbeat] ok'))
  }
  return lines.slice(-tail).join('\n')
}

// ─── Response shapes ──────────────────────────────────────────────────────────────────────

/** Cloud status → the thin-client status of the compat layer. */
export function compatStatus(status: RuntimeStatus): string {
  switch (status) {
    case 'pending':
      return 'queued'
    case 'disconnected':
      return 'stopped'
    case 'error':
      return 'failed'
    default:
      return status
  }
}

function jobStatus(status: RuntimeStatus): 'queued' | 'processing' | 'completed' | 'failed' {
  switch (status) {
    case 'provisioning':
      return 'processing'
    case 'running':
    case 'stopped':
    case 'disconnected':
      return 'completed'
    case 'error':
      return 'failed'
    default:
      return 'queued'
  }
}

export function toCompatAgent(row: RuntimeRow) {
  const web = webUiUrl(row)
  return {
    agent_id: row.id,
    agent_name: row.agent_name ?? '',
    node_id: row.node_id,
    container_id: row.container_name,
    headscale_ip: row.headscale_ip,
    bridge_url: row.bridge_url,
    web_ui_url: web,
    status: compatStatus(row.status),
    agent_config: row.agent_config,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    containerUrl: row.bridge_url ?? '',
    webUiUrl: web,
    database_status: row.database_status,
    error_message: row.error_message,
    last_heartbeat_at: iso(row.last_heartbeat_at),
    wallet_address: null,
    wallet_provider: null,
  }
}

export function toCompatStatus(row: RuntimeRow) {
  return {
    status: compatStatus(row.status),
    lastHeartbeat: iso(row.last_heartbeat_at),
    bridgeUrl: row.bridge_url,
    webUiUrl: webUiUrl(row),
    currentNode: row.node_id,
    // The cloud reports error_message here, whatever the reason.
    suspendedReason: row.error_message,
    databaseStatus: row.database_status,
  }
}

export const toCompatOpResult = (id: string, action: string, success: boolean) => ({
  jobId: id,
  status: success ? 'completed' : 'failed',
  message: success ? `agent ${action} completed` : `agent ${action} failed`,
})

const WAIFU_STATE: Record<RuntimeStatus, string> = {
  pending: 'waiting',
  provisioning: 'active',
  running: 'completed',
  stopped: 'completed',
  disconnected: 'completed',
  error: 'failed',
}

/** The compat job is synthesised from the runtime row; its id is the runtime's id. */
export function toCompatJob(row: RuntimeRow) {
  const status = jobStatus(row.status)
  const terminal = status === 'completed' || status === 'failed'
  const agentStatus = compatStatus(row.status)
  return {
    jobId: row.id,
    type: 'create-agent',
    status,
    data: {
      agentId: row.id,
      agentName: row.agent_name,
      status: agentStatus,
      bridgeUrl: row.bridge_url,
      errorMessage: row.error_message,
    },
    result: terminal
      ? {
          agentId: row.id,
          agentName: row.agent_name,
          status: agentStatus,
          bridgeUrl: row.bridge_url,
        }
      : null,
    error: row.error_message,
    createdAt: row.created_at.toISOString(),
    startedAt: row.status !== 'pending' ? row.updated_at.toISOString() : null,
    completedAt: terminal ? row.updated_at.toISOString() : null,
    retryCount: row.error_count,
    id: row.id,
    name: 'provision',
    state: WAIFU_STATE[row.status],
    created_on: row.created_at.toISOString(),
    completed_on: terminal ? row.updated_at.toISOString() : null,
  }
}

/** Token linkage of a runtime: from its character, else from agent_config. */
export interface TokenLink {
  token_address: string | null
  token_chain: string | null
  token_name: string | null
  token_ticker: string | null
}

export function tokenFromConfig(config: Record<string, unknown>): TokenLink {
  const str = (v: unknown) => (typeof v === 'string' ? v : null)
  return {
    token_address: str(config.tokenContractAddress),
    token_chain: str(config.chain),
    token_name: str(config.tokenName),
    token_ticker: str(config.tokenTicker),
  }
}

export function toMiladyListItem(row: RuntimeRow, token: TokenLink) {
  return {
    id: row.id,
    agentName: row.agent_name,
    status: row.status,
    databaseStatus: row.database_status,
    lastBackupAt: iso(row.last_backup_at),
    lastHeartbeatAt: iso(row.last_heartbeat_at),
    errorMessage: row.error_message,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...token,
  }
}

export function toMiladyDetail(row: RuntimeRow, token: TokenLink) {
  return {
    id: row.id,
    agentName: row.agent_name,
    status: row.status,
    databaseStatus: row.database_status,
    bridgeUrl: row.bridge_url,
    lastBackupAt: iso(row.last_backup_at),
    lastHeartbeatAt: iso(row.last_heartbeat_at),
    errorMessage: row.error_message,
    errorCount: row.error_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...token,
  }
}
