// Request and response shapes of the container routes (docs/cloud/containers.md): they document
// the routes in /api/openapi.json; validation is the handlers' own, except create's body.
import { z } from 'zod'

/** The create body (docs/cloud/containers.md §2). Unknown keys such as `image`/`ports` are dropped. */
export const createContainerBody = z.object({
  name: z.string().min(1).max(100),
  project_name: z.string().min(1).max(50),
  ecr_image_uri: z
    .string()
    .min(1)
    .describe('Full image reference with tag; any string is accepted'),
  description: z.string().optional(),
  port: z.number().int().min(1).max(65535).default(3000),
  desired_count: z.number().int().min(1).max(10).default(1),
  cpu: z.number().int().min(256).max(2048).default(1792),
  memory: z.number().int().min(256).max(2048).default(1792),
  environment_vars: z.record(z.string(), z.string()).default({}),
  health_check_path: z.string().default('/health'),
  ecr_repository_uri: z.string().optional(),
  image_tag: z.string().optional(),
  architecture: z.enum(['arm64', 'x86_64']).default('arm64'),
})
export const patchBody = z.object({
  cpu: z.number().optional().describe('256–2048'),
  memory: z.number().optional().describe('512–2048'),
  port: z.number().optional().describe('1–65535'),
  ecr_image_uri: z.string().optional().describe('Must contain .dkr.ecr.'),
})
export const credentialsBody = z.object({ projectId: z.string(), version: z.string() })
export const idParams = z.object({ id: z.string() })
export const failure = z.object({ success: z.literal(false), error: z.string() }).loose()
export const containerObject = z
  .record(z.string(), z.unknown())
  .describe('The container row as stored (snake_case)')
export const ok = (data: z.ZodType) => z.object({ success: z.literal(true), data })
/** A failure body `{"success":false,"error":…}` (E6 without details). */
export const err = (description: string) => ({ description, schema: failure })

// ─── Observation answers (§7–§11) ──────────────────────────────────────────────────────────

export const deploymentsData = z.object({
  container: z.object({
    id: z.string(),
    name: z.string(),
    current_status: z.string(),
    load_balancer_url: z.string().nullable(),
    ecs_service_arn: z.string().nullable(),
  }),
  deployments: z.array(
    z.object({
      id: z.string(),
      status: z.enum(['success', 'failed', 'pending']),
      cost: z.string(),
      error: z.string().nullable(),
      metadata: z.record(z.string(), z.unknown()),
      deployed_at: z.string(),
      duration_ms: z.number().nullable(),
    }),
  ),
  total: z.number(),
})
export const healthData = z.object({
  containerId: z.string(),
  healthy: z.boolean(),
  statusCode: z.number(),
  responseTime: z.number(),
  checkedAt: z.string(),
  error: z.string().optional(),
  containerStatus: z.string(),
  lastHealthCheck: z.string().nullable(),
})
export const logEntry = z.object({
  timestamp: z.string(),
  level: z.string(),
  message: z.string(),
  metadata: z.record(z.string(), z.unknown()).optional(),
})
export const logsQuery = z.object({
  limit: z.string().optional().describe('1–500, default 100'),
  since: z.string().optional().describe('ISO time; an invalid one is a 500'),
  level: z.string().optional().describe('Default all'),
})
export const logsData = z.object({
  container: z.object({
    id: z.string(),
    name: z.string(),
    status: z.string(),
    ecs_service_arn: z.string().nullable(),
  }),
  logs: z.array(logEntry),
  total: z.number(),
  hasLogs: z.boolean(),
  filters: z.object({ limit: z.number(), since: z.string().nullable(), level: z.string() }),
  message: z.string().optional(),
})
export const streamQuery = z.object({ level: z.string().optional().describe('Default all') })
export const metricsQuery = z.object({
  period: z.string().optional().describe('Minutes, default 60'),
})
export const metricsData = z.object({
  container: z.object({ id: z.string(), name: z.string(), status: z.string() }),
  metrics: z.object({
    cpu_utilization: z.number(),
    memory_utilization: z.number(),
    network_rx_bytes: z.number(),
    network_tx_bytes: z.number(),
    task_count: z.number(),
    healthy_task_count: z.number(),
    timestamp: z.string(),
  }),
  period_minutes: z.number(),
})
