// Everything the container pages parse beyond the list row (docs/containers.md). Kept out of
// schemas.ts, which the overview's first page loads.
import { z } from 'zod/mini'
import { containerRowShape, toContainer } from './schemas'

const optionalText = z.nullish(z.string())

/**
 * One container with what its detail page shows, including `environment_vars` in clear text as
 * the cloud sends it (docs/containers.md): kept in react-query memory, shown masked.
 */
export const containerDetailSchema = z.pipe(
  z.object({
    ...containerRowShape,
    environment_vars: z.nullish(z.record(z.string(), z.string())),
    health_check_path: optionalText,
    architecture: optionalText,
    image_tag: optionalText,
    cloudformation_stack_name: optionalText,
    ecs_service_arn: optionalText,
    last_health_check: optionalText,
    deployment_log: optionalText,
    total_billed: z.nullish(z.union([z.string(), z.number()])),
    is_update: optionalText,
    next_billing_at: optionalText,
    scheduled_shutdown_at: optionalText,
    metadata: z.nullish(z.object({ ecr_image_uri: optionalText })),
  }),
  z.transform((c) => ({
    ...toContainer(c),
    env: c.environment_vars ?? {},
    healthCheckPath: c.health_check_path ?? null,
    architecture: c.architecture ?? null,
    imageTag: c.image_tag ?? null,
    imageUri: c.metadata?.ecr_image_uri ?? null,
    stackName: c.cloudformation_stack_name ?? null,
    serviceArn: c.ecs_service_arn ?? null,
    lastHealthCheck: c.last_health_check ?? null,
    deploymentLog: c.deployment_log ?? null,
    totalBilled: c.total_billed ?? null,
    // A string on the cloud ("true"/"false", docs/containers.md §Quirks).
    isUpdate: c.is_update === 'true',
    nextBillingAt: c.next_billing_at ?? null,
    scheduledShutdownAt: c.scheduled_shutdown_at ?? null,
  })),
)
export type ContainerDetail = z.infer<typeof containerDetailSchema>

/** GET /api/v1/containers/{id} → `{ success, data }`. */
export const containerResponseSchema = z.pipe(
  z.object({ data: containerDetailSchema }),
  z.transform(({ data }) => data),
)

/** POST /api/v1/containers → 202. `creditsRemaining` equals `creditsDeducted`: not the balance. */
export const createdContainerSchema = z.pipe(
  z.object({
    data: containerDetailSchema,
    message: optionalText,
    creditsDeducted: z.nullish(z.number()),
    polling: z.nullish(z.object({ intervalMs: z.number(), expectedDurationMs: z.number() })),
  }),
  z.transform((r) => ({
    container: r.data,
    message: r.message ?? null,
    feeCharged: r.creditsDeducted ?? null,
    expectedDurationMs: r.polling?.expectedDurationMs ?? null,
  })),
)

/** PATCH /api/v1/containers/{id} → `{ success, message, data }`. */
export const updatedContainerSchema = containerResponseSchema

/** DELETE → `{ success, message, refundAmount? }` (omitted when 0). */
export const deletedContainerSchema = z.pipe(
  z.object({ message: optionalText, refundAmount: z.nullish(z.number()) }),
  z.transform((r) => ({ message: r.message ?? null, refund: r.refundAmount ?? 0 })),
)

/** GET …/quota (docs/containers.md §Quota). Every amount USD. */
export const quotaSchema = z.pipe(
  z.object({
    data: z.object({
      quota: z.object({ current: z.number(), max: z.number(), remaining: z.number() }),
      credits: z.object({ balance: z.number(), canDeploy: z.boolean() }),
      billing: z.object({
        dailyCostPerContainer: z.number(),
        currentDailyBurn: z.number(),
        runningContainers: z.number(),
        daysOfRunway: z.nullable(z.number()),
        shutdownWarningHours: z.nullish(z.number()),
      }),
      pricing: z.object({ deployment: z.number(), perDay: z.number() }),
      limits: z.object({ maxInstancesPerContainer: z.number(), maxEnvVars: z.number() }),
    }),
  }),
  z.transform(({ data }) => data),
)
export type ContainerQuota = z.infer<typeof quotaSchema>

/** GET …/deployments: first deployments only (redeploys are `container_update` records). */
export const deploymentsSchema = z.pipe(
  z.object({
    data: z.object({
      deployments: z.array(
        z.object({
          id: z.string(),
          status: z.string(),
          cost: z.nullish(z.union([z.string(), z.number()])),
          error: optionalText,
          deployed_at: z.string(),
          duration_ms: z.nullish(z.number()),
          metadata: z.nullish(
            z.object({
              cpu: z.nullish(z.number()),
              memory: z.nullish(z.number()),
              desired_count: z.nullish(z.number()),
              port: z.nullish(z.number()),
              image_tag: optionalText,
            }),
          ),
        }),
      ),
      total: z.number(),
    }),
  }),
  z.transform(({ data }) =>
    data.deployments.map((d) => ({
      id: d.id,
      status: d.status,
      cost: d.cost === null || d.cost === undefined ? null : Number(d.cost),
      error: d.error ?? null,
      deployedAt: d.deployed_at,
      durationMs: d.duration_ms ?? null,
      cpu: d.metadata?.cpu ?? null,
      memory: d.metadata?.memory ?? null,
      instances: d.metadata?.desired_count ?? null,
      imageTag: d.metadata?.image_tag ?? null,
    })),
  ),
)
export type Deployment = z.infer<typeof deploymentsSchema>[number]

/** GET …/health: a live probe; `containerStatus` is the status read before it. */
export const healthSchema = z.pipe(
  z.object({
    data: z.object({
      healthy: z.boolean(),
      statusCode: z.nullish(z.number()),
      responseTime: z.nullish(z.number()),
      checkedAt: z.string(),
      error: optionalText,
      containerStatus: optionalText,
    }),
  }),
  z.transform(({ data }) => ({
    healthy: data.healthy,
    statusCode: data.statusCode ?? null,
    responseTimeMs: data.responseTime ?? null,
    checkedAt: data.checkedAt,
    error: data.error ?? null,
    statusBefore: data.containerStatus ?? null,
  })),
)
export type HealthResult = z.infer<typeof healthSchema>

/** GET …/metrics: the latest 5-minute averages; missing metrics are 0. */
export const metricsSchema = z.pipe(
  z.object({
    data: z.object({
      metrics: z.object({
        cpu_utilization: z.number(),
        memory_utilization: z.number(),
        network_rx_bytes: z.number(),
        network_tx_bytes: z.number(),
        task_count: z.nullish(z.number()),
        healthy_task_count: z.nullish(z.number()),
        timestamp: z.string(),
      }),
      period_minutes: z.nullish(z.number()),
    }),
  }),
  z.transform(({ data: { metrics: m } }) => ({
    cpuPercent: m.cpu_utilization,
    memoryPercent: m.memory_utilization,
    rxBytes: m.network_rx_bytes,
    txBytes: m.network_tx_bytes,
    tasks: m.task_count ?? null,
    healthyTasks: m.healthy_task_count ?? null,
    timestamp: m.timestamp,
  })),
)
export type MetricsSample = z.infer<typeof metricsSchema>

/** One log entry: `{timestamp, level, message, metadata?}` on /logs and in the stream. */
export const logEntrySchema = z.object({
  timestamp: z.string(),
  level: z.string(),
  message: z.string(),
  metadata: z.optional(z.record(z.string(), z.unknown())),
})
export type LogEntry = z.infer<typeof logEntrySchema>

/** GET …/logs → newest first; `hasLogs: false` with a message when there are none yet. */
export const logsSchema = z.pipe(
  z.object({ data: z.object({ logs: z.array(logEntrySchema) }) }),
  z.transform(({ data }) => data.logs),
)

/** One `data:` event of the live stream: a line, or the report of a failed poll. */
export const logStreamEventSchema = z.union([
  z.object({ type: z.literal('log'), data: logEntrySchema }),
  z.object({ type: z.literal('error'), message: z.string() }),
])

/** POST …/credentials → a registry token (base64 of `AWS:<password>`) and where to push. */
export const credentialsSchema = z.pipe(
  z.object({
    data: z.object({
      ecrRepositoryUri: z.string(),
      ecrImageUri: z.string(),
      ecrImageTag: z.string(),
      authToken: z.string(),
      authTokenExpiresAt: z.string(),
      registryEndpoint: z.string(),
    }),
  }),
  z.transform(({ data }) => data),
)
export type EcrCredentials = z.infer<typeof credentialsSchema>
