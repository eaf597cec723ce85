// Demo data around the core seed's running container (seed.ts "Support Bot Runtime"): the usage
// record of its deployment and the lines it printed when it started. Traffic lines since then
// are generated on the first logs read (logs.ts), so the demo always looks alive.
import type { Db } from '../core/db/client.ts'
import { SEED } from '../core/seed.ts'
import { insertStartupLogs } from './logs.ts'
import { DEFAULT_DEPLOYMENT_FEE } from './pricing.ts'

export async function seedContainerData(db: Db): Promise<void> {
  const { rows } = await db.query<{
    name: string
    port: number
    health_check_path: string | null
    metadata: { ecr_image_uri?: string }
    created_at: Date
    image_tag: string | null
    ecs_service_arn: string | null
  }>(
    `SELECT name, port, health_check_path, metadata, created_at, image_tag, ecs_service_arn
       FROM containers WHERE id = $1`,
    [SEED.containerId],
  )
  const demo = rows[0]
  if (!demo) return
  // Provisioning took about ten minutes, as on AWS (docs/cloud/containers.md § Status lifecycle).
  const createdAt = demo.created_at.getTime()
  const runningAt = createdAt + 612_000
  await db.query('UPDATE containers SET deployment_fee = $2 WHERE id = $1', [
    SEED.containerId,
    DEFAULT_DEPLOYMENT_FEE.toFixed(2),
  ])
  await db.query(
    `INSERT INTO container_deployments (organization_id, container_id, container_name, type, cost,
                                        metadata, succeeded_at, created_at)
     VALUES ($1, $2, $3, 'container_deployment', $4, $5, to_timestamp($6 / 1000.0), to_timestamp($7 / 1000.0))`,
    [
      SEED.organizationId,
      SEED.containerId,
      demo.name,
      DEFAULT_DEPLOYMENT_FEE.toFixed(6),
      JSON.stringify({
        container_id: SEED.containerId,
        container_name: demo.name,
        desired_count: 1,
        cpu: 1792,
        memory: 1792,
        port: demo.port,
        image_tag: demo.image_tag,
        ecs_service_arn: demo.ecs_service_arn,
      }),
      runningAt,
      createdAt,
    ],
  )
  await insertStartupLogs(db, {
    containerId: SEED.containerId,
    name: demo.name,
    port: demo.port,
    imageUri: demo.metadata.ecr_image_uri ?? '',
    healthCheckPath: demo.health_check_path ?? '/health',
    runningAt: new Date(runningAt),
  })
}
