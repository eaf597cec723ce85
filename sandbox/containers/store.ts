// The container rows (docs/cloud/containers.md "The container object"): how a stored row is
// serialised, how a caller's container is loaded, and how a deployment is written.
import type { z } from 'zod'
import type { AuthContext } from '../core/auth.ts'
import type { Db } from '../core/db/client.ts'
import { flagError } from '../core/errors.ts'
import { Answer } from './guarded.ts'
import { catchUp, stackName } from './lifecycle.ts'
import type { createContainerBody } from './schemas.ts'

/** The fields of docs/cloud/containers.md "The container object", in its order (not the sandbox's own columns). */
const CONTAINER_FIELDS = (
  'id name project_name description organization_id user_id api_key_id character_id ' +
  'cloudformation_stack_name ecr_repository_uri ecr_image_tag ecs_cluster_arn ecs_service_arn ' +
  'ecs_task_definition_arn ecs_task_arn load_balancer_url is_update status image_tag ' +
  'dockerfile_path environment_vars desired_count cpu memory port health_check_path ' +
  'architecture last_deployed_at last_health_check deployment_log error_message metadata ' +
  'last_billed_at next_billing_at billing_status shutdown_warning_sent_at ' +
  'scheduled_shutdown_at total_billed created_at updated_at'
).split(' ')

export interface ContainerRow {
  id: string
  name: string
  project_name: string
  organization_id: string
  user_id: string
  status: string
  cpu: number
  memory: number
  port: number
  desired_count: number
  health_check_path: string | null
  load_balancer_url: string | null
  ecs_service_arn: string | null
  last_health_check: Date | null
  metadata: Record<string, unknown>
  deployment_fee: string | null
  created_at: Date
  [column: string]: unknown
}

/** Serialises a stored row as the cloud does: timestamps as ISO strings, numerics as strings. */
export function containerObjectOf(row: Record<string, unknown>) {
  return Object.fromEntries(
    CONTAINER_FIELDS.map((key) => {
      const value = row[key]
      return [key, value instanceof Date ? value.toISOString() : value]
    }),
  )
}

/** The caller's container after catching up its lifecycle; 404 also for another organization's id. */
export async function requireContainer(
  db: Db,
  auth: AuthContext,
  id: string,
): Promise<ContainerRow> {
  // A non-UUID id makes Postgres throw → the catch-all's 500 with the raw message (docs/cloud/containers.md).
  await db.query('SELECT $1::uuid', [id])
  await catchUp(db, auth.organizationId)
  const { rows } = await db.query<ContainerRow>(
    'SELECT * FROM containers WHERE id = $1 AND organization_id = $2',
    [id, auth.organizationId],
  )
  const row = rows[0]
  if (!row) throw new Answer(flagError(404, 'Container not found'))
  return row
}

/** `1.0.0-1745…` from `…/repo:1.0.0-1745…`; null without a tag. */
export function tagOf(uri: string): string | null {
  const slash = uri.lastIndexOf('/')
  const colon = uri.lastIndexOf(':')
  return colon > slash ? uri.slice(colon + 1) : null
}

type CreateInput = z.infer<typeof createContainerBody>

/** Inserts (or, for a redeploy, resets) the container and records the usage record. */
export async function writeDeployment(
  db: Db,
  auth: AuthContext,
  id: string,
  input: CreateInput,
  fee: number,
  existing: ContainerRow | undefined,
  stepMs: number,
): Promise<Record<string, unknown>> {
  const tag = input.image_tag ?? tagOf(input.ecr_image_uri)
  const metadata = {
    ecr_image_uri: input.ecr_image_uri,
    is_update: Boolean(existing),
    architecture: input.architecture,
  }
  const values = [
    id,
    input.name,
    input.project_name,
    input.description ?? null,
    auth.organizationId,
    auth.userId,
    auth.apiKeyId,
    stackName(auth.organizationId, input.project_name),
    input.ecr_repository_uri ?? null,
    tag,
    JSON.stringify(input.environment_vars),
    input.desired_count,
    input.cpu,
    input.memory,
    input.port,
    input.health_check_path,
    input.architecture,
    JSON.stringify(metadata),
    stepMs,
    fee.toFixed(2),
  ]
  return db.transaction(async (tx) => {
    const { rows } = existing
      ? await tx.query<Record<string, unknown>>(
          `UPDATE containers
              SET name = $2, description = coalesce($3, description), api_key_id = $4,
                  ecr_repository_uri = coalesce($5, ecr_repository_uri), ecr_image_tag = $6,
                  image_tag = $6, is_update = 'true', status = 'pending', environment_vars = $7,
                  desired_count = $8, cpu = $9, memory = $10, port = $11, health_check_path = $12,
                  architecture = $13, metadata = $14, error_message = NULL,
                  lifecycle_started_at = now(), lifecycle_step_ms = $15, deployment_fee = $16,
                  updated_at = now()
            WHERE id = $1
            RETURNING *`,
          [
            id,
            input.name,
            input.description ?? null,
            auth.apiKeyId,
            input.ecr_repository_uri ?? null,
            tag,
            JSON.stringify(input.environment_vars),
            input.desired_count,
            input.cpu,
            input.memory,
            input.port,
            input.health_check_path,
            input.architecture,
            JSON.stringify(metadata),
            stepMs,
            fee.toFixed(2),
          ],
        )
      : await tx.query<Record<string, unknown>>(
          `INSERT INTO containers (
             id, name, project_name, description, organization_id, user_id, api_key_id,
             cloudformation_stack_name, ecr_repository_uri, ecr_image_tag, image_tag, is_update,
             status, environment_vars, desired_count, cpu, memory, port, health_check_path,
             architecture, metadata, lifecycle_started_at, lifecycle_step_ms, deployment_fee)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, 'false', 'pending', $11, $12, $13,
                   $14, $15, $16, $17, $18, now(), $19, $20)
           RETURNING *`,
          values,
        )
    const row = rows[0]
    if (!row) throw new Error('Container not found')
    await tx.query(
      // now() = the lifecycle start of this deployment, so duration_ms is the provisioning time.
      `INSERT INTO container_deployments (organization_id, container_id, container_name, type, cost, metadata, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())`,
      [
        auth.organizationId,
        id,
        input.name,
        existing ? 'container_update' : 'container_deployment',
        fee.toFixed(6),
        JSON.stringify({
          container_id: id,
          container_name: input.name,
          desired_count: input.desired_count,
          cpu: input.cpu,
          memory: input.memory,
          port: input.port,
          image_tag: tag,
        }),
      ],
    )
    return row
  })
}
