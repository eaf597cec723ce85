import { describe, expect, it } from 'vitest'
import {
  deployFieldFor,
  deployFormInput,
  emptyDeployForm,
  fromDraft,
  isEnvMessage,
  settingsFormInput,
  toCreateBody,
  toDraft,
  toUpdateBody,
  type DeployFormValues,
} from './deploy-form'

const valid = (): DeployFormValues => ({
  ...emptyDeployForm(),
  name: '  My App ',
  projectName: 'my-app',
  image: '000000000000.dkr.ecr.us-east-1.amazonaws.com/elizaos/org/my-app:1.0.0',
  env: [
    { key: 'NODE_ENV', value: 'production' },
    { key: '', value: '' },
  ],
})

/** Field paths of the issues, as react-hook-form would place them. */
const paths = (values: DeployFormValues) => {
  const result = deployFormInput.safeParse(values)
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'))
}

describe('the deploy form checks the create schema before sending (docs/containers.md §Create)', () => {
  it('accepts a valid form and builds the cloud body', () => {
    expect(paths(valid())).toEqual([])
    const parsed = deployFormInput.parse(valid())
    expect(toCreateBody(parsed)).toEqual({
      name: 'My App',
      project_name: 'my-app',
      ecr_image_uri: '000000000000.dkr.ecr.us-east-1.amazonaws.com/elizaos/org/my-app:1.0.0',
      port: 3000,
      cpu: 1792,
      memory: 1792,
      desired_count: 1,
      health_check_path: '/health',
      architecture: 'arm64',
      environment_vars: { NODE_ENV: 'production' },
    })
  })

  it('refuses what the cloud refuses, on the field it belongs to', () => {
    expect(paths({ ...valid(), name: ' ', projectName: 'x'.repeat(51), image: '' })).toEqual([
      'name',
      'projectName',
      'image',
    ])
    expect(paths({ ...valid(), port: 0, cpu: 128, memory: 4096, instances: 11 })).toEqual([
      'port',
      'cpu',
      'memory',
      'instances',
    ])
    expect(paths({ ...valid(), port: Number.NaN, cpu: 512.5 })).toEqual(['port', 'cpu'])
    expect(paths({ ...valid(), healthCheckPath: 'health' })).toEqual(['healthCheckPath'])
    expect(paths({ ...valid(), image: 'my image:1' })).toEqual(['image'])
  })

  it('checks environment variables row by row: names, size, duplicates, count', () => {
    expect(
      paths({
        ...valid(),
        env: [
          { key: '1BAD', value: 'x' },
          { key: 'BIG', value: 'x'.repeat(32_769) },
          { key: 'A', value: '1' },
          { key: 'A ', value: '2' },
        ],
      }),
    ).toEqual(['env.0.key', 'env.1.value', 'env.3.key'])
    const fiftyOne = Array.from({ length: 51 }, (_, i) => ({ key: `V${i}`, value: 'x' }))
    const result = deployFormInput.safeParse({ ...valid(), env: fiftyOne })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]).toMatchObject({
      path: ['env'],
      message: 'At most 50 variables (51 now)',
    })
    expect(paths({ ...valid(), env: fiftyOne.slice(0, 50) })).toEqual([])
  })

  it('places the server’s refusals', () => {
    expect(deployFieldFor('project_name')).toBe('projectName')
    expect(deployFieldFor('ecr_image_uri')).toBe('image')
    expect(deployFieldFor('desired_count')).toBe('instances')
    expect(deployFieldFor('environment_vars.BIG')).toBe('env')
    expect(deployFieldFor('image')).toBe('root')
    expect(isEnvMessage("Invalid environment variable name: '1BAD'.")).toBe(true)
    expect(isEnvMessage('Too many environment variables. Maximum 50 allowed, got 51')).toBe(true)
    expect(isEnvMessage('Insufficient balance. Required: $15.00')).toBe(false)
  })

  it('keeps a draft without the variables’ values, and reads a damaged one field by field', () => {
    const draft = JSON.stringify(toDraft(valid()))
    expect(draft).not.toContain('production')
    expect(fromDraft(draft)).toEqual({
      ...valid(),
      env: [
        { key: 'NODE_ENV', value: '' },
        { key: '', value: '' },
      ],
    })
    expect(
      fromDraft(JSON.stringify({ name: 'Kept', port: 'eighty', architecture: 'mips' })),
    ).toEqual({ ...emptyDeployForm(), name: 'Kept' })
    expect(fromDraft('{oops')).toBeNull()
    expect(fromDraft('')).toBeNull()
  })
})

describe('settings (PATCH, docs/containers.md §Update)', () => {
  const current = {
    cpu: 1792,
    memory: 1792,
    port: 3000,
    image: '000000000000.dkr.ecr.us-east-1.amazonaws.com/elizaos/org/app:1',
  }

  it('allows memory from 512 and only ECR images', () => {
    const issues = (v: typeof current) =>
      settingsFormInput.safeParse(v).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    expect(issues({ ...current, memory: 256, image: 'nginx:latest' })).toEqual([
      'memory: At least 512',
      'image: Updates need an ECR image (….dkr.ecr.<region>.amazonaws.com/…:tag)',
    ])
    expect(settingsFormInput.safeParse(current).success).toBe(true)
  })

  it('sends only what changed', () => {
    expect(toUpdateBody(current, current)).toEqual({})
    expect(toUpdateBody({ ...current, cpu: 1024, image: ` ${current.image}:2 ` }, current)).toEqual(
      {
        cpu: 1024,
        ecr_image_uri: `${current.image}:2`,
      },
    )
  })
})
