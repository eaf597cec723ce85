// Synthetic CloudWatch lines for emulated containers and the cloud's level inference
// (docs/cloud/containers.md §9). Lines are generated from the container id and time, so the same
// container always tells the same story, and they are stored, so they survive restarts.
import { createHash } from 'node:crypto'
import type { Queryable } from '../core/db/client.ts'

export type LogLevel = 'error' | 'warn' | 'info' | 'debug'
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const

export interface LogEntry {
  timestamp: string
  level: LogLevel
  message: string
  metadata?: Record<string, unknown>
}

const PINO_LEVELS: Record<number, LogLevel> = {
  10: 'debug',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'error',
}

function normalizeLevel(value: unknown): LogLevel | null {
  if (typeof value === 'number') return PINO_LEVELS[value] ?? null
  if (typeof value !== 'string') return null
  const v = value.toLowerCase()
  if (v === 'warning') return 'warn'
  if (v === 'fatal' || v === 'critical') return 'error'
  if (v === 'trace') return 'debug'
  return (LOG_LEVELS as readonly string[]).includes(v) ? (v as LogLevel) : null
}

const PREFIX = /^\[(ERROR|WARN|WARNING|INFO|DEBUG|TRACE)\]\s*(.*)$/is
const COLON_PREFIX = /^(ERROR|WARN|WARNING|INFO|DEBUG|TRACE):\s*(.*)$/is

/**
 * JSON lines use their `level`/`message` (other fields → metadata); `[LEVEL] text` and
 * `LEVEL: text` are recognised; otherwise the words decide: error/exception/failed → error,
 * warn → warn, debug/trace → debug, else info.
 */
export function parseLine(timestamp: Date, line: string): LogEntry {
  const at = timestamp.toISOString()
  if (line.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(line)
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        const { level, message, msg, ...rest } = parsed as Record<string, unknown>
        const text = typeof message === 'string' ? message : typeof msg === 'string' ? msg : line
        return {
          timestamp: at,
          level: normalizeLevel(level) ?? inferLevel(text),
          message: text,
          ...(Object.keys(rest).length > 0 ? { metadata: rest } : {}),
        }
      }
    } catch {
      // not JSON after all: fall through to the text rules
    }
  }
  const prefixed = PREFIX.exec(line) ?? COLON_PREFIX.exec(line)
  if (prefixed) {
    return {
      timestamp: at,
      level: normalizeLevel(prefixed[1]) ?? 'info',
      message: prefixed[2] ?? '',
    }
  }
  return { timestamp: at, level: inferLevel(line), message: line }
}

function inferLevel(text: string): LogLevel {
  if (/error|exception|failed/i.test(text)) return 'error'
  if (/warn/i.test(text)) return 'warn'
  if (/debug|trace/i.test(text)) return 'debug'
  return 'info'
}

/** A stable number in [0, 1) for (seed, n). */
export function noise(seed: string, n: number): number {
  const hex = createHash('sha256').update(`${seed}:${n}`).digest('hex').slice(0, 8)
  return Number.parseInt(hex, 16) / 0x1_0000_0000
}

interface Startup {
  containerId: string
  name: string
  port: number
  imageUri: string
  healthCheckPath: string
  /** When the service became reachable. */
  runningAt: Date
}

/** What a freshly started elizaOS runtime prints, ending at `runningAt`. */
export async function insertStartupLogs(db: Queryable, s: Startup): Promise<void> {
  const lines = [
    `> elizaos start --port ${s.port}`,
    JSON.stringify({ level: 'info', message: 'Starting elizaOS runtime', image: s.imageUri }),
    '[INFO] Loaded environment from container definition',
    'WARN: ELIZA_LOG_LEVEL not set, defaulting to info',
    JSON.stringify({ level: 'info', message: `Character "${s.name}" loaded`, plugins: 3 }),
    '[DEBUG] Database migrations up to date',
    `Server listening on ${s.port}`,
    `GET ${s.healthCheckPath} 200 3ms`,
  ]
  const end = s.runningAt.getTime()
  for (const [i, line] of lines.entries()) {
    await db.query(
      'INSERT INTO container_logs (container_id, timestamp, line) VALUES ($1, $2, $3)',
      [s.containerId, new Date(end - (lines.length - 1 - i) * 700).toISOString(), line],
    )
  }
}

/** A running service's steady traffic: one line per tick (`ctx.timing.logIntervalMs`), mostly health checks. */
const MAX_TICKS_PER_FILL = 200

function trafficLine(containerId: string, tick: number, healthCheckPath: string): string {
  const r = noise(containerId, tick)
  const ms = 2 + Math.floor(noise(containerId, -tick) * 40)
  if (r < 0.55) return `GET ${healthCheckPath} 200 ${ms}ms`
  if (r < 0.85) return `POST /api/messages 200 ${ms * 12}ms`
  if (r < 0.93)
    return JSON.stringify({
      level: 'info',
      message: 'Memory compacted',
      rooms: 1 + Math.floor(r * 10),
    })
  if (r < 0.98) return `[WARN] Model response slow (${ms * 90}ms), retrying once`
  return 'Error: upstream request failed: ECONNRESET (will retry)'
}

/**
 * Adds the traffic lines a running container would have printed since its last line, one every
 * `intervalMs` (at most the last 200 ticks), so logs grow with time like the real thing.
 */
export async function fillTrafficLogs(
  db: Queryable,
  containerId: string,
  healthCheckPath: string,
  now: number,
  intervalMs: number,
): Promise<void> {
  const { rows } = await db.query<{ last: Date | null }>(
    'SELECT max(timestamp) AS last FROM container_logs WHERE container_id = $1',
    [containerId],
  )
  const last = rows[0]?.last?.getTime()
  if (last === undefined) return
  let tick = Math.max(
    Math.floor(last / intervalMs) + 1,
    Math.floor(now / intervalMs) - MAX_TICKS_PER_FILL,
  )
  const values: string[] = []
  const params: unknown[] = [containerId]
  for (; tick * intervalMs <= now; tick++) {
    params.push(
      new Date(tick * intervalMs).toISOString(),
      trafficLine(containerId, tick, healthCheckPath),
    )
    values.push(`($1, $${params.length - 1}, $${params.length})`)
  }
  if (values.length === 0) return
  await db.query(
    `INSERT INTO container_logs (container_id, timestamp, line) VALUES ${values.join(', ')}`,
    params,
  )
}

/** ECS-like utilisation for the current 5-minute window, stable within it (docs/cloud/containers.md §11). */
export function sampleMetrics(containerId: string, now: number) {
  const bucket = Math.floor(now / 300_000)
  const round1 = (n: number) => Math.round(n * 10) / 10
  return {
    cpu_utilization: round1(6 + noise(containerId, bucket) * 14),
    memory_utilization: round1(31 + noise(`${containerId}:mem`, bucket) * 12),
    network_rx_bytes: Math.floor(40_000 + noise(`${containerId}:rx`, bucket) * 400_000),
    network_tx_bytes: Math.floor(25_000 + noise(`${containerId}:tx`, bucket) * 250_000),
    timestamp: new Date(bucket * 300_000).toISOString(),
  }
}
