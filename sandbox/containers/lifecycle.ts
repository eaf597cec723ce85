// The emulated deployment pipeline (docs/cloud/containers.md "Status lifecycle", § Billing). Nothing runs on
// a timer: the status is a function of stored timestamps (lifecycle_started_at, lifecycle_step_ms)
// and is written back whenever a route reads the organization's containers, so provisioning and
// daily billing resume after a restart exactly where the clock says they are.
import type { Db } from '../core/db/client.ts'
import { charge, creditWithin, InsufficientCreditsError } from '../core/ledger.ts'
import { insertStartupLogs } from './logs.ts'
import { dailyCost, SHUTDOWN_WARNING_HOURS } from './pricing.ts'

/** Create/redeploy walk these, one `ctx.timing.lifecycleStepMs` each, then `running`. */
export const PROVISIONING = ['pending', 'building', 'deploying'] as const
/** A PATCH starts at `deploying` (docs/cloud/containers.md §5). */
export const PATCH_START_STEP = 2

export const AWS_ACCOUNT = '000000000000'
export const AWS_REGION = 'us-east-1'
const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

/** `project_name` lower-cased, everything outside a–z 0–9 "-" → "-", cut to 30 (docs/cloud/containers.md). */
export const projectSlug = (project: string) =>
  project
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 30)

export const stackName = (organizationId: string, project: string) =>
  `elizaos-${organizationId}-${projectSlug(project)}`

export const ecrRepositoryUri = (organizationId: string, project: string) =>
  `${AWS_ACCOUNT}.dkr.ecr.${AWS_REGION}.amazonaws.com/elizaos/${organizationId}/${project.toLowerCase()}`

/** The next 00:00 UTC strictly after `at` (the billing cron's schedule). */
export function nextMidnightUtc(at: number): Date {
  const d = new Date(at)
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1))
}

/**
 * The sandbox's failure mode (docs/cloud/containers.md "Emulator checklist": optional): an image whose tag is
 * `fail` or starts with `fail-` (`…/my-app:fail-1`) provisions as usual, then its stack fails where
 * it would have reached `running`. Every other reference deploys.
 */
export function isFailingImage(uri: string | undefined): boolean {
  if (!uri) return false
  const slash = uri.lastIndexOf('/')
  const colon = uri.lastIndexOf(':')
  if (colon <= slash) return false
  const tag = uri.slice(colon + 1)
  return tag === 'fail' || tag.startsWith('fail-')
}

/** Which provisioning state `elapsedMs` after the start is; `running` once all steps passed. */
export function stateAt(elapsedMs: number, stepMs: number): string {
  if (stepMs <= 0) return 'running'
  return PROVISIONING[Math.floor(Math.max(0, elapsedMs) / stepMs)] ?? 'running'
}

interface InFlightRow {
  id: string
  name: string
  user_id: string
  /** Set once a stack completed: a later failure is an update's rollback. */
  ecs_service_arn: string | null
  project_name: string
  organization_id: string
  status: string
  port: number
  health_check_path: string | null
  metadata: { ecr_image_uri?: string }
  cloudformation_stack_name: string | null
  lifecycle_started_at: Date
  lifecycle_step_ms: number
  next_billing_at: Date | null
}

/** Materialises the current provisioning state of the organization's in-flight containers. */
export async function advanceLifecycles(db: Db, organizationId: string, now = Date.now()) {
  const { rows } = await db.query<InFlightRow>(
    `SELECT id, name, user_id, ecs_service_arn, project_name, organization_id, status, port,
            health_check_path, metadata,
            cloudformation_stack_name, lifecycle_started_at, lifecycle_step_ms, next_billing_at
       FROM containers
      WHERE organization_id = $1 AND lifecycle_started_at IS NOT NULL AND status <> 'deleting'`,
    [organizationId],
  )
  for (const row of rows) {
    const started = row.lifecycle_started_at.getTime()
    const state = stateAt(now - started, row.lifecycle_step_ms)
    const doneAt = started + PROVISIONING.length * row.lifecycle_step_ms
    if (state === 'running' && isFailingImage(row.metadata.ecr_image_uri))
      await markFailed(db, row, doneAt)
    else if (state === 'running') await markRunning(db, row, doneAt)
    else if (state !== row.status) {
      await db.query('UPDATE containers SET status = $2, updated_at = now() WHERE id = $1', [
        row.id,
        state,
      ])
    }
  }
}

async function markRunning(db: Db, row: InFlightRow, runningAt: number) {
  const stack = row.cloudformation_stack_name ?? stackName(row.organization_id, row.project_name)
  const arn = `arn:aws:ecs:${AWS_REGION}:${AWS_ACCOUNT}`
  const url = `https://${projectSlug(row.project_name)}-${row.id.slice(0, 8)}.containers.sandbox.invalid`
  await db.transaction(async (tx) => {
    const { rows: revisions } = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM container_deployments WHERE container_id = $1',
      [row.id],
    )
    await tx.query(
      `UPDATE containers
          SET status = 'running', lifecycle_started_at = NULL, lifecycle_step_ms = NULL,
              ecs_cluster_arn = $2, ecs_service_arn = $3, ecs_task_definition_arn = $4,
              load_balancer_url = $5, error_message = NULL,
              deployment_log = $6, next_billing_at = coalesce(next_billing_at, $7),
              updated_at = to_timestamp($8 / 1000.0)
        WHERE id = $1`,
      [
        row.id,
        `${arn}:cluster/${stack}`,
        `${arn}:service/${stack}/svc`,
        `${arn}:task-definition/${projectSlug(row.project_name)}:${Math.max(1, revisions[0]?.n ?? 1)}`,
        url,
        `Deployed successfully! Stack ${stack} reached CREATE_COMPLETE; service reachable at ${url}`,
        nextMidnightUtc(runningAt).toISOString(),
        runningAt,
      ],
    )
    // The deployment monitor marks the usage record successful (docs/cloud/containers.md §7).
    await tx.query(
      `UPDATE container_deployments
          SET succeeded_at = to_timestamp($2 / 1000.0),
              metadata = metadata || jsonb_build_object('ecs_service_arn', $3::text)
        WHERE container_id = $1 AND succeeded_at IS NULL AND error IS NULL`,
      [row.id, runningAt, `${arn}:service/${stack}/svc`],
    )
    await insertStartupLogs(tx, {
      containerId: row.id,
      name: row.name,
      port: row.port,
      imageUri: row.metadata.ecr_image_uri ?? '',
      healthCheckPath: row.health_check_path ?? '/health',
      runningAt: new Date(runningAt),
    })
  })
}

/**
 * The stack ended in a failed state: the container is `failed` with the reason, the deployment's
 * usage record carries the error, and its fee goes back (docs/cloud/containers.md § Billing: refunded if the
 * stack ends in a failed state). A failed update keeps the previous stack's resources.
 */
async function markFailed(db: Db, row: InFlightRow, failedAt: number) {
  const stack = row.cloudformation_stack_name ?? stackName(row.organization_id, row.project_name)
  const phase = row.ecs_service_arn ? 'UPDATE_ROLLBACK_COMPLETE' : 'CREATE_FAILED'
  const reason =
    `${phase}: the ECS service did not stabilize (the essential container exited; ` +
    `image ${row.metadata.ecr_image_uri ?? ''}; stack ${stack})`
  await db.transaction(async (tx) => {
    await tx.query(
      `UPDATE containers
          SET status = 'failed', lifecycle_started_at = NULL, lifecycle_step_ms = NULL,
              error_message = $2, deployment_log = $2, updated_at = to_timestamp($3 / 1000.0)
        WHERE id = $1`,
      [row.id, reason, failedAt],
    )
    const { rows: pending } = await tx.query<{ id: string; cost: string }>(
      `UPDATE container_deployments SET error = $2
        WHERE container_id = $1 AND succeeded_at IS NULL AND error IS NULL
        RETURNING id, cost`,
      [row.id, reason],
    )
    for (const deployment of pending) {
      const amount = Number(deployment.cost)
      if (!(amount > 0)) continue
      await creditWithin(tx, {
        organizationId: row.organization_id,
        userId: row.user_id,
        amount,
        type: 'refund',
        description: `Refund: container deployment failed: ${row.name}`,
        metadata: { type: 'container_refund', container_id: row.id, deployment_id: deployment.id },
      })
    }
  })
}

interface BillableRow {
  id: string
  name: string
  user_id: string
  cpu: number
  memory: number
  desired_count: number
  billing_status: string
  next_billing_at: Date
  scheduled_shutdown_at: Date | null
}

/**
 * The 00:00 UTC billing cron, caught up lazily: every running container whose `next_billing_at`
 * has passed pays `dailyCost` per missed day (ledger "Daily container billing: <name>"). When the
 * balance falls short the container goes `shutdown_pending` with a shutdown 48 h later; the first
 * run after that stops it (`stopped` / `suspended`). A successful charge resets it to `active`.
 */
export async function runDailyBilling(db: Db, organizationId: string, now = Date.now()) {
  const { rows } = await db.query<BillableRow>(
    `SELECT id, name, user_id, cpu, memory, desired_count, billing_status, next_billing_at,
            scheduled_shutdown_at
       FROM containers
      WHERE organization_id = $1 AND status = 'running' AND next_billing_at <= to_timestamp($2 / 1000.0)`,
    [organizationId, now],
  )
  for (const row of rows) {
    let due = row.next_billing_at.getTime()
    let status = row.billing_status
    let shutdownAt = row.scheduled_shutdown_at?.getTime() ?? null
    // A sandbox left off for months should not replay every day: cap the catch-up.
    for (let runs = 0; due <= now && runs < 60; runs++, due += DAY_MS) {
      const amount = dailyCost(row)
      try {
        await charge(db, {
          organizationId,
          userId: row.user_id,
          amount,
          description: `Daily container billing: ${row.name}`,
          metadata: {
            type: 'container_billing',
            container_id: row.id,
            billing_date: new Date(due).toISOString(),
          },
        })
        status = 'active'
        shutdownAt = null
        await db.query(
          `UPDATE containers
              SET last_billed_at = to_timestamp($2 / 1000.0), next_billing_at = to_timestamp($3 / 1000.0),
                  total_billed = total_billed + $4, billing_status = 'active',
                  shutdown_warning_sent_at = NULL, scheduled_shutdown_at = NULL, updated_at = now()
            WHERE id = $1`,
          [row.id, due, due + DAY_MS, amount.toFixed(2)],
        )
      } catch (error) {
        if (!(error instanceof InsufficientCreditsError)) throw error
        if (status !== 'shutdown_pending' || shutdownAt === null) {
          status = 'shutdown_pending'
          shutdownAt = due + SHUTDOWN_WARNING_HOURS * HOUR_MS
          await db.query(
            `UPDATE containers
                SET billing_status = 'shutdown_pending', shutdown_warning_sent_at = to_timestamp($2 / 1000.0),
                    scheduled_shutdown_at = to_timestamp($3 / 1000.0), next_billing_at = to_timestamp($4 / 1000.0),
                    updated_at = now()
              WHERE id = $1`,
            [row.id, due, shutdownAt, due + DAY_MS],
          )
        } else if (due >= shutdownAt) {
          await db.query(
            `UPDATE containers SET status = 'stopped', billing_status = 'suspended', updated_at = now()
              WHERE id = $1`,
            [row.id],
          )
          break
        } else {
          await db.query(
            'UPDATE containers SET next_billing_at = to_timestamp($2 / 1000.0) WHERE id = $1',
            [row.id, due + DAY_MS],
          )
        }
      }
    }
  }
}

/** Everything time-driven, before a route reads the organization's containers. */
export async function catchUp(db: Db, organizationId: string, now = Date.now()) {
  await advanceLifecycles(db, organizationId, now)
  await runDailyBilling(db, organizationId, now)
}
