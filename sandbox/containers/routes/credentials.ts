// POST /api/v1/containers/credentials (docs/cloud/containers.md §1).
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import type { SandboxContext } from '../../core/context.ts'
import { flagError, methodNotAllowed } from '../../core/errors.ts'
import { PRESETS, rateLimit } from '../../core/rate-limit.ts'
import { FamilyRoutes } from '../../core/route.ts'

import { guarded, requireAuth } from '../guarded.ts'

import { credentialsBody, err, ok } from '../schemas.ts'
import { AWS_ACCOUNT, AWS_REGION, ecrRepositoryUri } from '../lifecycle.ts'

export function credentialsRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('containers')
  const { app } = routes

  // §1: STRICT 10/min; no organization check; any truthy projectId/version.
  routes.route({
    method: 'post',
    path: '/api/v1/containers/credentials',
    auth: 'key',
    summary: 'Create/reuse the ECR repository and get a push token',
    note: 'docs/cloud/containers.md §1',
    body: credentialsBody,
    responses: {
      200: { description: 'Registry credentials', schema: ok(z.record(z.string(), z.string())) },
      400: err('Missing required fields'),
      500: err('Failure, including auth'),
    },
    use: [rateLimit(ctx.limiter, PRESETS.STRICT)],
    handler: (c) =>
      guarded(async () => {
        const auth = await requireAuth(ctx, c)
        const body = (await c.req.json()) as { projectId?: unknown; version?: unknown } | null
        if (!body?.projectId || !body.version) {
          return flagError(400, 'Missing required fields: projectId, version')
        }
        const repository = ecrRepositoryUri(auth.organizationId, String(body.projectId))
        const tag = `${String(body.version)}-${Date.now()}`
        return c.json({
          success: true,
          data: {
            ecrRepositoryUri: repository,
            ecrImageUri: `${repository}:${tag}`,
            ecrImageTag: tag,
            // base64 of AWS:<password>, for `docker login -u AWS`; the sandbox has no registry behind it.
            authToken: Buffer.from(`AWS:${randomBytes(24).toString('base64url')}`).toString(
              'base64',
            ),
            authTokenExpiresAt: new Date(Date.now() + 12 * 3_600_000).toISOString(),
            registryEndpoint: `https://${AWS_ACCOUNT}.dkr.ecr.${AWS_REGION}.amazonaws.com`,
          },
        })
      }),
  })
  app.all('/api/v1/containers/credentials', () => methodNotAllowed(['POST', 'OPTIONS']))
  return routes
}
