import { z } from 'zod/mini'

/** Container statuses (containers.md, "Status lifecycle"); unknown values are kept as strings. */
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

const optionalText = z.nullish(z.string())

/**
 * The stored container row (snake_case). Only what the console reads; `environment_vars` is
 * deliberately not parsed because the cloud returns it in clear text (containers.md).
 */
export const containerSchema = z.pipe(
  z.object({
    id: z.string(),
    name: z.string(),
    project_name: optionalText,
    description: optionalText,
    status: z.string(),
    load_balancer_url: optionalText,
    error_message: optionalText,
    billing_status: optionalText,
    created_at: optionalText,
    updated_at: optionalText,
  }),
  z.transform((c) => ({
    id: c.id,
    name: c.name,
    projectName: c.project_name ?? null,
    description: c.description ?? null,
    status: c.status,
    url: c.load_balancer_url ?? null,
    errorMessage: c.error_message ?? null,
    billingStatus: c.billing_status ?? null,
    createdAt: c.created_at ?? null,
    updatedAt: c.updated_at ?? null,
  })),
)
export type Container = z.infer<typeof containerSchema>

/** GET /api/v1/containers → `{ success, data: [...] }`, newest first, no paging. */
export const containerListSchema = z.pipe(
  z.object({ data: z.array(containerSchema) }),
  z.transform(({ data }) => data),
)
