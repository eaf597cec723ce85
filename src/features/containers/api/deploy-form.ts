// The deploy form: its values, the cloud's create schema as checks that run before any request
// (docs/containers.md §Create), the request body, and where the server's refusals belong.
import { z } from 'zod/mini'
import type { ContainerDetail } from './detail-schemas'
import {
  duplicateIndexes,
  ENV_LIMITS,
  envNameProblem,
  envValueProblem,
  fromEnvObject,
  isBlankRow,
  toEnvObject,
  type EnvVar,
} from '../lib/env'

export const ARCHITECTURES = ['arm64', 'x86_64'] as const
export type Architecture = (typeof ARCHITECTURES)[number]

/** Ranges and defaults of the create body (docs/containers.md §Create). */
export const DEPLOY_LIMITS = {
  name: 100,
  projectName: 50,
  port: { min: 1, max: 65_535, default: 3000 },
  cpu: { min: 256, max: 2048, default: 1792 },
  memory: { min: 256, max: 2048, default: 1792 },
  instances: { min: 1, max: 10, default: 1 },
  healthCheckPath: '/health',
} as const

/** What PATCH accepts (docs/containers.md §Update): memory starts at 512 there, not 256. */
export const UPDATE_LIMITS = {
  cpu: { min: 256, max: 2048 },
  memory: { min: 512, max: 2048 },
  port: { min: 1, max: 65_535 },
} as const

const int = (label: string, { min, max }: { min: number; max: number }) =>
  z
    .int({ error: `Enter a whole number of ${label}` })
    .check(
      z.minimum(min, `At least ${min.toLocaleString('en-US')}`),
      z.maximum(max, `At most ${max.toLocaleString('en-US')}`),
    )

const envRow = z.object({ key: z.string(), value: z.string() })

/** One refusal at `path` (inside the list), as zod reports it. */
type Issue = { code: 'custom'; path: (string | number)[]; message: string; input: unknown }

export const envListInput = z.array(envRow).check(
  z.check<EnvVar[]>((payload) => {
    const rows = payload.value
    const report = (path: (string | number)[], message: string) =>
      (payload.issues as Issue[]).push({ code: 'custom', path, message, input: rows })
    const filled = rows.filter((r) => !isBlankRow(r))
    if (filled.length > ENV_LIMITS.count) {
      report([], `At most ${ENV_LIMITS.count} variables (${filled.length} now)`)
    }
    rows.forEach((row, i) => {
      if (isBlankRow(row)) return
      const nameProblem = envNameProblem(row.key.trim())
      if (nameProblem) report([i, 'key'], nameProblem)
      const valueProblem = envValueProblem(row.value)
      if (valueProblem) report([i, 'value'], valueProblem)
    })
    for (const i of duplicateIndexes(rows.map((r) => ({ ...r, key: r.key.trim() })))) {
      report([i, 'key'], 'This name is already used')
    }
  }),
)

export const deployFormInput = z.object({
  name: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Name is required'),
      z.maxLength(DEPLOY_LIMITS.name, `At most ${DEPLOY_LIMITS.name} characters`),
    ),
  projectName: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Project name is required'),
      z.maxLength(DEPLOY_LIMITS.projectName, `At most ${DEPLOY_LIMITS.projectName} characters`),
    ),
  image: z.string().check(
    z.trim(),
    z.minLength(1, 'Image is required'),
    z.refine((s) => !/\s/.test(s), 'An image reference has no spaces'),
  ),
  port: int('port', DEPLOY_LIMITS.port),
  cpu: int('CPU units', DEPLOY_LIMITS.cpu),
  memory: int('MB', DEPLOY_LIMITS.memory),
  instances: int('instances', DEPLOY_LIMITS.instances),
  healthCheckPath: z.string().check(
    z.trim(),
    z.refine((s) => /^\/\S*$/.test(s), 'A path that starts with /, e.g. /health'),
  ),
  architecture: z.enum(ARCHITECTURES),
  env: envListInput,
})
export type DeployFormValues = z.infer<typeof deployFormInput>

export const emptyDeployForm = (): DeployFormValues => ({
  name: '',
  projectName: '',
  image: '',
  port: DEPLOY_LIMITS.port.default,
  cpu: DEPLOY_LIMITS.cpu.default,
  memory: DEPLOY_LIMITS.memory.default,
  instances: DEPLOY_LIMITS.instances.default,
  healthCheckPath: DEPLOY_LIMITS.healthCheckPath,
  architecture: 'arm64',
  env: [{ key: '', value: '' }],
})

/** Redeploy: the same project name, so the cloud updates this container (docs/containers.md). */
export function redeployForm(c: ContainerDetail): DeployFormValues {
  const env = fromEnvObject(c.env)
  return {
    name: c.name,
    projectName: c.projectName ?? '',
    image: c.imageUri ?? '',
    port: c.port ?? DEPLOY_LIMITS.port.default,
    cpu: c.cpu ?? DEPLOY_LIMITS.cpu.default,
    memory: c.memory ?? DEPLOY_LIMITS.memory.default,
    instances: c.instances ?? DEPLOY_LIMITS.instances.default,
    healthCheckPath: c.healthCheckPath ?? DEPLOY_LIMITS.healthCheckPath,
    architecture: c.architecture === 'x86_64' ? 'x86_64' : 'arm64',
    env: env.length > 0 ? env : [{ key: '', value: '' }],
  }
}

/** The create body (snake_case, as the cloud reads it). */
export interface CreateContainerBody {
  name: string
  project_name: string
  ecr_image_uri: string
  port: number
  cpu: number
  memory: number
  desired_count: number
  health_check_path: string
  architecture: Architecture
  environment_vars: Record<string, string>
}

export function toCreateBody(v: DeployFormValues): CreateContainerBody {
  return {
    name: v.name.trim(),
    project_name: v.projectName.trim(),
    ecr_image_uri: v.image.trim(),
    port: v.port,
    cpu: v.cpu,
    memory: v.memory,
    desired_count: v.instances,
    health_check_path: v.healthCheckPath.trim() || DEPLOY_LIMITS.healthCheckPath,
    architecture: v.architecture,
    environment_vars: toEnvObject(v.env),
  }
}

type FormField = Exclude<keyof DeployFormValues, 'env'> | 'env' | 'root'

const FIELD_BY_PATH: Record<string, FormField> = {
  name: 'name',
  project_name: 'projectName',
  ecr_image_uri: 'image',
  port: 'port',
  cpu: 'cpu',
  memory: 'memory',
  desired_count: 'instances',
  health_check_path: 'healthCheckPath',
  architecture: 'architecture',
  environment_vars: 'env',
}

/** The form field a server error path (`project_name`, `environment_vars.X`) belongs to. */
export function deployFieldFor(path: string): FormField {
  return FIELD_BY_PATH[path.split('.')[0] ?? ''] ?? 'root'
}

/**
 * The environment-variable refusals come as a bare message (docs/containers.md §Create: too many,
 * a bad name, a value too large); they belong to the editor.
 */
export const isEnvMessage = (message: string) => /environment variable/i.test(message)

/** Values for the draft: everything but the variables' values, which are often secrets. */
export function toDraft(v: DeployFormValues): DeployFormValues {
  return { ...v, env: v.env.map((e) => ({ key: e.key, value: '' })) }
}

const draftSchema = z.object({
  name: z.catch(z.string(), ''),
  projectName: z.catch(z.string(), ''),
  image: z.catch(z.string(), ''),
  port: z.catch(z.number(), DEPLOY_LIMITS.port.default),
  cpu: z.catch(z.number(), DEPLOY_LIMITS.cpu.default),
  memory: z.catch(z.number(), DEPLOY_LIMITS.memory.default),
  instances: z.catch(z.number(), DEPLOY_LIMITS.instances.default),
  healthCheckPath: z.catch(z.string(), DEPLOY_LIMITS.healthCheckPath),
  architecture: z.catch(z.enum(ARCHITECTURES), 'arm64'),
  env: z.catch(z.array(z.object({ key: z.catch(z.string(), '') })), []),
})

/** A stored draft read back (a hand-edited or older one degrades field by field). */
export function fromDraft(raw: string): DeployFormValues | null {
  if (!raw) return null
  try {
    const parsed = draftSchema.safeParse(JSON.parse(raw))
    if (!parsed.success) return null
    const env: EnvVar[] = parsed.data.env.map((e) => ({ key: e.key, value: '' }))
    return { ...parsed.data, env: env.length > 0 ? env : [{ key: '', value: '' }] }
  } catch {
    return null
  }
}

/** The PATCH body: only what changed (docs/containers.md §Update). */
export interface UpdateContainerBody {
  cpu?: number
  memory?: number
  port?: number
  ecr_image_uri?: string
}

/** PATCH insists on an ECR image reference (docs/containers.md §Update). */
export const ECR_MARKER = '.dkr.ecr.'

export const settingsFormInput = z.object({
  cpu: int('CPU units', UPDATE_LIMITS.cpu),
  memory: int('MB', UPDATE_LIMITS.memory),
  port: int('port', UPDATE_LIMITS.port),
  image: z.string().check(
    z.trim(),
    z.minLength(1, 'Image is required'),
    z.refine(
      (s) => s.includes(ECR_MARKER),
      `Updates need an ECR image (…${ECR_MARKER}<region>.amazonaws.com/…:tag)`,
    ),
  ),
})
export type SettingsFormValues = z.infer<typeof settingsFormInput>

export function toUpdateBody(
  values: SettingsFormValues,
  current: SettingsFormValues,
): UpdateContainerBody {
  const body: UpdateContainerBody = {}
  if (values.cpu !== current.cpu) body.cpu = values.cpu
  if (values.memory !== current.memory) body.memory = values.memory
  if (values.port !== current.port) body.port = values.port
  if (values.image.trim() !== current.image.trim()) body.ecr_image_uri = values.image.trim()
  return body
}
