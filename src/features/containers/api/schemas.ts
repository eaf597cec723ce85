import { z } from 'zod/mini'

/** Container statuses (docs/containers.md §Status lifecycle); unknown values are kept as strings. */
export const CONTAINER_STATUSES = [
  'pending',
  'building',
  'deploying',
  'running',
  'failed',
  'deleting',
  'stopped',
  'deleted',
] as const

/** States a container leaves by itself; the list and the detail poll while one is shown. */
const MOVING = new Set(['pending', 'building', 'deploying', 'deleting'])
export const isMovingStatus = (status: string | undefined) =>
  status !== undefined && MOVING.has(status)

const optionalText = z.nullish(z.string())
const optionalNumber = z.nullish(z.number())

/**
 * The stored container row (snake_case, docs/containers.md §The container object): what the list
 * shows. `environment_vars` is deliberately not parsed here: the cloud returns it in clear text,
 * and only the detail page (detail-schemas.ts) reads it, into react-query memory only.
 */
export const containerRowShape = {
  id: z.string(),
  name: z.string(),
  project_name: optionalText,
  description: optionalText,
  status: z.string(),
  load_balancer_url: optionalText,
  error_message: optionalText,
  billing_status: optionalText,
  cpu: optionalNumber,
  memory: optionalNumber,
  port: optionalNumber,
  desired_count: optionalNumber,
  last_deployed_at: optionalText,
  created_at: optionalText,
  updated_at: optionalText,
}

export const toContainer = (c: z.infer<z.ZodMiniObject<typeof containerRowShape>>) => ({
  id: c.id,
  name: c.name,
  projectName: c.project_name ?? null,
  description: c.description ?? null,
  status: c.status,
  url: c.load_balancer_url ?? null,
  errorMessage: c.error_message ?? null,
  billingStatus: c.billing_status ?? null,
  cpu: c.cpu ?? null,
  memory: c.memory ?? null,
  port: c.port ?? null,
  instances: c.desired_count ?? null,
  // The cloud may leave last_deployed_at null (docs/containers.md): creation is the first deploy.
  lastDeployedAt: c.last_deployed_at ?? c.created_at ?? null,
  createdAt: c.created_at ?? null,
  updatedAt: c.updated_at ?? null,
})

const containerRowSchema = z.object(containerRowShape)
export const containerSchema = z.pipe(containerRowSchema, z.transform(toContainer))
export type Container = z.infer<typeof containerSchema>

/** GET /api/v1/containers → `{ success, data: [...] }`, newest first, no paging. */
export const containerListSchema = z.pipe(
  z.object({ data: z.array(containerSchema) }),
  z.transform(({ data }) => data),
)
