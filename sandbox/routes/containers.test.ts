// The container list against containers.md "§3 List".
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { SEED } from '../seed.ts'
import { openTestSandbox, type TestSandbox, SANDBOX_TIMEOUTS } from '../test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())

describe('GET /api/v1/containers', () => {
  it("returns the organization's containers as stored, with the cloud's string quirks", async () => {
    const res = await sb.call('/api/v1/containers')
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.success).toBe(true)
    expect(body.data).toHaveLength(1)
    const [container] = body.data
    expect(container).toMatchObject({
      id: SEED.containerId,
      name: 'Support Bot Runtime',
      project_name: 'support-bot',
      organization_id: SEED.organizationId,
      cloudformation_stack_name: `elizaos-${SEED.organizationId}-support-bot`,
      status: 'running',
      is_update: 'false',
      total_billed: '1.17',
      billing_status: 'active',
      cpu: 1792,
      memory: 1792,
      port: 3000,
      desired_count: 1,
      environment_vars: { NODE_ENV: 'production' },
      ecs_task_arn: null,
      error_message: null,
    })
    for (const field of ['created_at', 'updated_at', 'last_health_check', 'next_billing_at']) {
      expect(container[field]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    }
    // Exactly the fields of containers.md "The container object", in its order.
    expect(Object.keys(container)).toEqual(
      (
        'id name project_name description organization_id user_id api_key_id character_id ' +
        'cloudformation_stack_name ecr_repository_uri ecr_image_tag ecs_cluster_arn ecs_service_arn ' +
        'ecs_task_definition_arn ecs_task_arn load_balancer_url is_update status image_tag ' +
        'dockerfile_path environment_vars desired_count cpu memory port health_check_path ' +
        'architecture last_deployed_at last_health_check deployment_log error_message metadata ' +
        'last_billed_at next_billing_at billing_status shutdown_warning_sent_at ' +
        'scheduled_shutdown_at total_billed created_at updated_at'
      ).split(' '),
    )
  })

  it('refuses other methods the route does not have', async () => {
    const res = await sb.call('/api/v1/containers', { method: 'DELETE' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, POST, OPTIONS')
  })
})
