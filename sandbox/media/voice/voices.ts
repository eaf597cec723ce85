// Cloned voices and the voice library (docs/cloud/media.md §5.4–§5.8):
// GET /api/v1/voice/list (alias GET /api/elevenlabs/voices/user), GET /api/v1/voice/jobs (alias
// /api/elevenlabs/voices/jobs), GET /api/elevenlabs/voices (premade), GET
// /api/elevenlabs/voices/verify/{id}, and GET/PATCH/DELETE /api/v1/voice/{id} (alias
// /api/elevenlabs/voices/{id}).
import type { Context } from 'hono'
import { z } from 'zod'
import { authenticate } from '../../core/auth.ts'
import type { SandboxContext } from '../../core/context.ts'
import { apiError, bareError, methodNotAllowed } from '../../core/errors.ts'
import { FamilyRoutes, type ResponseDoc, type RouteDeclaration } from '../../core/route.ts'
import { PREMADE_VOICES, TTS_MODEL_RATES } from '../catalog.ts'
import {
  e2,
  e5,
  idParams,
  legacyListQuery,
  NOTE,
  voiceListQuery,
  voicePatch,
  voiceRow,
  voiceSummary,
} from '../schemas.ts'
import {
  findVoice,
  fullRow,
  isReady,
  summary,
  UUID,
  VOICE_COLUMNS,
  type VoiceRow,
} from './store.ts'

export function voicesRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('media')
  const { app } = routes
  const { db } = ctx
  const auth = (c: Context) => authenticate(c.req.raw, db, ctx.balanceCache)

  // §5.4; the legacy alias validates its query instead of clamping it (§5.8).
  const list = (legacy: boolean) => async (c: Context) => {
    const result = await auth(c)
    if (!result.ok) return apiError(result.status, result.message)
    const q = c.req.query()
    if (legacy) {
      const parsed = legacyListQuery.safeParse(q)
      if (!parsed.success)
        return bareError(400, 'Validation error', { details: parsed.error.issues })
    }
    const int = (value: string | undefined, fallback: number) => {
      const n = Number.parseInt(value ?? '', 10)
      return Number.isNaN(n) ? fallback : n
    }
    const limit = Math.min(100, Math.max(1, int(q.limit, 50)))
    // Clamped as the cloud clamps; a huge value past the database's integer range stays an
    // empty page, not a query error.
    const offset = Math.min(1_000_000_000, Math.max(0, int(q.offset, 0)))
    const includeInactive = q.includeInactive === 'true'
    const params = [result.auth.organizationId, includeInactive, q.cloneType ?? null]
    const where = `organization_id = $1 AND ($2 OR is_active) AND ($3::text IS NULL OR clone_type = $3)`
    const [{ rows }, counted] = await Promise.all([
      db.query<VoiceRow>(
        `SELECT ${VOICE_COLUMNS} FROM user_voices WHERE ${where}
          ORDER BY created_at DESC, id DESC LIMIT $4 OFFSET $5`,
        [...params, limit, offset],
      ),
      db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM user_voices WHERE ${where}`,
        params,
      ),
    ])
    const total = counted.rows[0]?.count ?? 0
    return c.json({
      success: true,
      voices: rows.map(summary),
      total,
      limit,
      offset,
      hasMore: offset + rows.length < total,
    })
  }

  // §5.5: only the caller's unfinished jobs.
  const jobs = async (c: Context) => {
    const result = await auth(c)
    if (!result.ok) return apiError(result.status, result.message)
    const { rows } = await db.query<{
      id: string
      voice_name: string
      job_type: string
      status: string
      progress: number
      error_message: string | null
      created_at: Date
      started_at: Date | null
    }>(
      `SELECT id, voice_name, job_type, status, progress, error_message, created_at, started_at
         FROM voice_cloning_jobs
        WHERE user_id = $1 AND organization_id = $2 AND status IN ('pending', 'processing')
        ORDER BY created_at DESC`,
      [result.auth.userId, result.auth.organizationId],
    )
    return c.json({
      success: true,
      jobs: rows.map((j) => ({
        id: j.id,
        voiceName: j.voice_name,
        jobType: j.job_type,
        status: j.status,
        progress: j.progress,
        errorMessage: j.error_message,
        createdAt: j.created_at.toISOString(),
        startedAt: j.started_at?.toISOString() ?? null,
      })),
      total: rows.length,
    })
  }

  // §5.6
  const badId = (listPath: string) =>
    bareError(400, 'Invalid voice ID format', {
      message: "Please use the internal voice ID (UUID format) from the 'List Voices' endpoint.",
      hint: `Call GET ${listPath} to get your voice IDs`,
    })
  const NOT_FOUND_MESSAGE =
    'Voice not found in your organization. It may have been deleted or belong to another organization.'
  const byId = (listPath: string) => ({
    get: async (c: Context) => {
      const result = await auth(c)
      if (!result.ok) return apiError(result.status, result.message)
      const id = c.req.param('id') ?? ''
      if (!UUID.test(id)) return badId(listPath)
      const voice = await findVoice(db, result.auth.organizationId, id)
      if (!voice) return bareError(404, 'Voice not found', { message: NOT_FOUND_MESSAGE })
      return c.json({ success: true, voice: fullRow(voice) })
    },
    patch: async (c: Context) => {
      const result = await auth(c)
      if (!result.ok) return apiError(result.status, result.message)
      const id = c.req.param('id') ?? ''
      if (!UUID.test(id)) return badId(listPath)
      let body: Record<string, unknown>
      try {
        const parsed: unknown = JSON.parse(await c.req.text())
        body =
          typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {}
      } catch {
        return apiError(500, 'Invalid JSON')
      }
      const voice = await findVoice(db, result.auth.organizationId, id)
      if (!voice) return bareError(404, 'Voice not found')
      // Not validated by the cloud; values of the wrong type are ignored here.
      const { rows } = await db.query<VoiceRow>(
        `UPDATE user_voices SET
            name = COALESCE($2, name), description = COALESCE($3, description),
            settings = COALESCE($4::jsonb, settings), is_active = COALESCE($5, is_active),
            updated_at = clock_timestamp()
          WHERE id = $1 RETURNING ${VOICE_COLUMNS}`,
        [
          id,
          typeof body.name === 'string' ? body.name : null,
          typeof body.description === 'string' ? body.description : null,
          typeof body.settings === 'object' && body.settings !== null
            ? JSON.stringify(body.settings)
            : null,
          typeof body.isActive === 'boolean' ? body.isActive : null,
        ],
      )
      const updated = rows[0]
      if (!updated) return bareError(404, 'Voice not found')
      return c.json({ success: true, voice: fullRow(updated) })
    },
    delete: async (c: Context) => {
      const result = await auth(c)
      if (!result.ok) return apiError(result.status, result.message)
      const id = c.req.param('id') ?? ''
      if (!UUID.test(id)) return badId(listPath)
      const voice = await findVoice(db, result.auth.organizationId, id)
      if (!voice) return bareError(404, 'Voice not found', { message: NOT_FOUND_MESSAGE })
      // Soft delete: still listed with includeInactive=true (docs/cloud/media.md §5.6).
      await db.query(
        'UPDATE user_voices SET is_active = false, updated_at = clock_timestamp() WHERE id = $1',
        [id],
      )
      return c.json({ success: true, message: 'Voice deleted successfully' })
    },
  })

  // §5.7
  const premade = async (c: Context) => {
    const result = await auth(c)
    if (!result.ok) return bareError(result.status, result.message)
    return c.json({
      voices: PREMADE_VOICES.map((v) => ({
        voiceId: v.voiceId,
        name: v.name,
        category: v.category,
        labels: v.labels,
        description: v.description,
        highQualityBaseModelIds: Object.keys(TTS_MODEL_RATES),
      })),
    })
  }
  const verify = async (c: Context) => {
    const failed = () => bareError(500, 'Failed to verify voice status')
    const result = await auth(c)
    if (!result.ok) return failed()
    const id = c.req.param('id') ?? ''
    // A non-UUID makes the query fail → the catch-all 500.
    if (!UUID.test(id)) return failed()
    const voice = await findVoice(db, result.auth.organizationId, id)
    if (!voice) return bareError(404, 'Voice not found')
    const ready = isReady(ctx, voice)
    const professional = voice.clone_type === 'professional'
    return c.json({
      success: true,
      voice: {
        id: voice.id,
        name: voice.name,
        elevenlabsVoiceId: voice.elevenlabs_voice_id,
        cloneType: voice.clone_type,
      },
      status: {
        isReady: ready,
        canGenerateTTS: ready,
        category: professional ? 'professional' : 'cloned',
        sampleCount: voice.sample_count,
        fineTuningStatus: professional ? (ready ? 'fine_tuned' : 'fine_tuning') : null,
        message: ready
          ? 'Voice is ready for text-to-speech.'
          : 'Professional voice is still training. This usually takes 30-60 minutes.',
      },
    })
  }

  routes.route({
    method: 'get',
    path: '/api/v1/voice/list',
    auth: 'key',
    summary: "The organization's cloned voices, newest first",
    note: `${NOTE} §5.4`,
    query: voiceListQuery,
    responses: {
      200: { description: 'A page of voices', schema: voicePage },
      401: { description: 'Auth failure (E2)', schema: e2 },
    },
    handler: list(false),
  })
  app.all('/api/v1/voice/list', () => methodNotAllowed(['GET', 'OPTIONS']))
  routes.route({
    method: 'get',
    path: '/api/elevenlabs/voices/user',
    auth: 'key',
    summary: 'Legacy alias of /api/v1/voice/list with a validated query',
    note: `${NOTE} §5.8`,
    query: legacyListQuery,
    responses: {
      200: { description: 'As /api/v1/voice/list', schema: voicePage },
      400: { description: 'Validation error with zod issues (E5)', schema: e5 },
      401: { description: 'Auth failure (E2)', schema: e2 },
    },
    handler: list(true),
  })
  app.all('/api/elevenlabs/voices/user', () => methodNotAllowed(['GET', 'OPTIONS']))
  const jobsDoc = {
    auth: 'key',
    summary: "The caller's pending or processing cloning jobs (normally none)",
    note: `${NOTE} §5.5`,
    responses: {
      200: { description: '`{success, jobs, total}`', schema: jobsPage },
      401: { description: 'Auth failure (E2)', schema: e2 },
    },
    handler: jobs,
  } satisfies Omit<RouteDeclaration, 'method' | 'path'>
  routes.route({ method: 'get', path: '/api/v1/voice/jobs', ...jobsDoc })
  app.all('/api/v1/voice/jobs', () => methodNotAllowed(['GET', 'OPTIONS']))
  routes.route({ method: 'get', path: '/api/elevenlabs/voices/jobs', ...jobsDoc })
  app.all('/api/elevenlabs/voices/jobs', () => methodNotAllowed(['GET', 'OPTIONS']))
  routes.route({
    method: 'get',
    path: '/api/elevenlabs/voices',
    auth: 'key',
    summary: 'Premade and professional library voices (use voiceId in TTS)',
    note: `${NOTE} §5.7`,
    responses: {
      200: {
        description: '`{voices:[{voiceId,name,category,labels,…}]}`',
        schema: z.object({ voices: z.array(premadeVoice) }),
      },
      401: { description: 'Auth failure, `{error}` with the auth status (E5)', schema: e5 },
    },
    handler: premade,
  })
  app.all('/api/elevenlabs/voices', () => methodNotAllowed(['GET', 'OPTIONS']))
  routes.route({
    method: 'get',
    path: '/api/elevenlabs/voices/verify/{id}',
    auth: 'key',
    summary: 'Whether a cloned voice is ready for TTS',
    note: `${NOTE} §5.7`,
    params: idParams,
    responses: {
      200: { description: '`{success, voice, status}`', schema: verifyAnswer },
      404: { description: 'Voice not found', schema: e5 },
      500: { description: 'Any other failure, auth included', schema: e5 },
    },
    handler: verify,
  })
  app.all('/api/elevenlabs/voices/verify/:id', () => methodNotAllowed(['GET', 'OPTIONS']))

  // §5.6, last: the static paths above must not reach `{id}`.
  /** §5.6's answers; only PATCH reads a body, so only PATCH has the not-JSON 500. */
  const byIdResponses = (method: 'get' | 'patch' | 'delete') => {
    const responses: Record<number, ResponseDoc> = {
      200: {
        description: method === 'delete' ? 'Soft-deleted' : 'The stored row',
        schema:
          method === 'delete'
            ? z.object({ success: z.literal(true), message: z.string() })
            : z.object({ success: z.literal(true), voice: voiceRow }),
      },
      400: { description: 'Not a UUID (with hint)', schema: e5 },
      401: { description: 'Auth failure (E2)', schema: e2 },
      404: { description: 'Not in your organization', schema: e5 },
    }
    if (method === 'patch')
      responses[500] = { description: 'A body that is not JSON (E2)', schema: e2 }
    return responses
  }
  const byIdDoc = (method: 'get' | 'patch' | 'delete') =>
    ({
      auth: 'key',
      summary: `${method.toUpperCase()} one cloned voice by its internal UUID`,
      note: `${NOTE} §5.6`,
      params: idParams,
      ...(method === 'patch' ? { body: voicePatch } : {}),
      responses: byIdResponses(method),
    }) satisfies Omit<RouteDeclaration, 'method' | 'path' | 'handler'>
  const v1 = byId('/api/v1/voice/list')
  routes.route({ method: 'get', path: '/api/v1/voice/{id}', ...byIdDoc('get'), handler: v1.get })
  routes.route({
    method: 'patch',
    path: '/api/v1/voice/{id}',
    ...byIdDoc('patch'),
    handler: v1.patch,
  })
  routes.route({
    method: 'delete',
    path: '/api/v1/voice/{id}',
    ...byIdDoc('delete'),
    handler: v1.delete,
  })
  app.all('/api/v1/voice/:id', () => methodNotAllowed(['GET', 'PATCH', 'DELETE', 'OPTIONS']))
  const legacy = byId('/api/elevenlabs/voices/user')
  routes.route({
    method: 'get',
    path: '/api/elevenlabs/voices/{id}',
    ...byIdDoc('get'),
    handler: legacy.get,
  })
  routes.route({
    method: 'patch',
    path: '/api/elevenlabs/voices/{id}',
    ...byIdDoc('patch'),
    handler: legacy.patch,
  })
  routes.route({
    method: 'delete',
    path: '/api/elevenlabs/voices/{id}',
    ...byIdDoc('delete'),
    handler: legacy.delete,
  })
  app.all('/api/elevenlabs/voices/:id', () =>
    methodNotAllowed(['GET', 'PATCH', 'DELETE', 'OPTIONS']),
  )
  return routes
}

// Declared answers (docs/cloud/media.md §5.4, §5.5, §5.7).
const voicePage = z.object({
  success: z.literal(true),
  voices: z.array(voiceSummary),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
  hasMore: z.boolean(),
})
const jobsPage = z.object({
  success: z.literal(true),
  jobs: z.array(
    z.object({
      id: z.string(),
      voiceName: z.string(),
      jobType: z.string(),
      status: z.enum(['pending', 'processing']),
      progress: z.number(),
      errorMessage: z.string().nullable(),
      createdAt: z.string(),
      startedAt: z.string().nullable(),
    }),
  ),
  total: z.number(),
})
const premadeVoice = z.object({
  voiceId: z.string(),
  name: z.string(),
  category: z.string(),
  labels: z.record(z.string(), z.string()),
  description: z.string().nullable(),
  highQualityBaseModelIds: z.array(z.string()),
})
const verifyAnswer = z.object({
  success: z.literal(true),
  voice: z.object({
    id: z.string(),
    name: z.string(),
    elevenlabsVoiceId: z.string(),
    cloneType: z.string(),
  }),
  status: z.object({
    isReady: z.boolean(),
    canGenerateTTS: z.boolean(),
    category: z.enum(['cloned', 'professional']),
    sampleCount: z.number(),
    fineTuningStatus: z.string().nullable(),
    message: z.string(),
  }),
})
