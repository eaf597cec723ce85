// POST /api/v1/voice/clone and its legacy alias POST /api/elevenlabs/voices/clone: voice
// cloning from audio samples (docs/cloud/media.md §5.3, §5.8).
import type { Context } from 'hono'
import { z } from 'zod'
import { authenticate } from '../../core/auth.ts'
import type { SandboxContext } from '../../core/context.ts'
import { FamilyRoutes, type RouteDeclaration } from '../../core/route.ts'
import { apiError, bareError, methodNotAllowed } from '../../core/errors.ts'
import { charge, InsufficientCreditsError } from '../../core/ledger.ts'
import { CLONE_PRICES } from '../catalog.ts'
import { e2, e5, NOTE, cloneForm } from '../schemas.ts'
import { voiceFromSamples } from '../speech.ts'
import { brokenMultipart, isFile, MB, readForm, refund } from './request.ts'
import { providerVoiceId, VOICE_COLUMNS, type VoiceRow } from './store.ts'

/** Professional clones an organization may keep (the provider plan's limit; sandbox: 1). */
export const PROFESSIONAL_VOICE_LIMIT = 1

export function cloneRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('media')
  const { app } = routes
  const { db } = ctx
  const auth = (c: Context) => authenticate(c.req.raw, db, ctx.balanceCache)

  // §5.3
  const AUDIO_TYPES = /^audio\/|^video\/(webm|mp4)$|^application\/ogg$/
  const clone = async (c: Context) => {
    const result = await auth(c)
    if (!result.ok) return apiError(result.status, result.message)
    const who = result.auth
    const form = await readForm(c)
    // A body multipart parsing rejects → E2 500 (docs/cloud/media.md §5.3); a multipart one that is broken
    // is a 400 outside strict mode (docs/sandbox.md §Bad input).
    if (!form) return brokenMultipart(c, ctx.strict) ?? apiError(500, 'Failed to parse form data')
    const name = form.get('name')
    const cloneType = form.get('cloneType')
    if (typeof name !== 'string' || !name || typeof cloneType !== 'string' || !cloneType) {
      return bareError(400, 'Missing required fields: name, cloneType')
    }
    if (cloneType !== 'instant' && cloneType !== 'professional') {
      return bareError(400, "Invalid cloneType. Must be 'instant' or 'professional'")
    }
    const files: File[] = []
    for (const [key, value] of form.entries()) {
      if (key.startsWith('file') && isFile(value)) files.push(value)
    }
    if (files.length === 0) return bareError(400, 'At least one audio file is required')
    if (files.length > 10) return bareError(400, 'Maximum 10 files allowed')
    if (files.reduce((n, f) => n + f.size, 0) > 100 * MB) {
      return bareError(400, 'Total file size exceeds 100MB limit')
    }
    let settings: Record<string, unknown> = {}
    const rawSettings = form.get('settings')
    if (typeof rawSettings === 'string' && rawSettings) {
      try {
        const parsed: unknown = JSON.parse(rawSettings)
        settings =
          typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {}
      } catch {
        return bareError(400, 'Invalid settings JSON')
      }
    }
    const badType = files.find((f) => !AUDIO_TYPES.test(f.type))
    if (badType) {
      return bareError(
        400,
        `Invalid file type for ${badType.name}: ${badType.type || 'unknown'}. Please upload audio files (MP3, WAV, WebM, OGG, M4A).`,
      )
    }
    if (cloneType === 'professional') {
      const { rows } = await db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM user_voices
          WHERE organization_id = $1 AND clone_type = 'professional' AND is_active`,
        [who.organizationId],
      )
      if ((rows[0]?.count ?? 0) >= PROFESSIONAL_VOICE_LIMIT) {
        return bareError(
          400,
          'Professional voice limit reached. Delete an existing professional voice or use instant cloning instead.',
          {
            details: `Your plan allows ${PROFESSIONAL_VOICE_LIMIT} professional voice; your organization has ${rows[0]?.count ?? 0}.`,
          },
        )
      }
    }
    const description = form.get('description')
    const price = CLONE_PRICES[cloneType]
    const operation = `Voice cloning (${cloneType}): ${name}`
    try {
      await charge(db, {
        organizationId: who.organizationId,
        userId: who.userId,
        amount: price,
        description: operation,
        metadata: { type: 'voice_clone', cloneType },
      })
    } catch (error) {
      if (error instanceof InsufficientCreditsError) {
        return bareError(402, 'Insufficient balance', { details: { required: price, cloneType } })
      }
      throw error
    }
    const { rows: jobs } = await db.query<{ id: string }>(
      `INSERT INTO voice_cloning_jobs (organization_id, user_id, job_type, voice_name,
                                       voice_description, status, started_at)
       VALUES ($1, $2, $3, $4, $5, 'processing', clock_timestamp()) RETURNING id`,
      [
        who.organizationId,
        who.userId,
        cloneType,
        name,
        typeof description === 'string' ? description : null,
      ],
    )
    const jobId = jobs[0]?.id ?? ''
    try {
      // Per-file size problems surface inside the cloning service → refunded 500 (docs/cloud/media.md §5.3).
      const tooBig = files.find((f) => f.size === 0 || f.size > 10 * MB)
      if (tooBig) {
        throw new Error(
          tooBig.size === 0
            ? `File ${tooBig.name} is empty`
            : `File ${tooBig.name} exceeds the 10MB limit`,
        )
      }
      const samples = await Promise.all(files.map(async (f) => Buffer.from(await f.arrayBuffer())))
      const synth = await voiceFromSamples(samples)
      const voice = await db.transaction(async (tx) => {
        const { rows } = await tx.query<VoiceRow>(
          `INSERT INTO user_voices (organization_id, user_id, elevenlabs_voice_id, name,
                                    description, clone_type, settings, sample_count,
                                    creation_cost, synth)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${VOICE_COLUMNS}`,
          [
            who.organizationId,
            who.userId,
            providerVoiceId(),
            name,
            typeof description === 'string' ? description : null,
            cloneType,
            JSON.stringify(settings),
            files.length,
            price.toFixed(2),
            JSON.stringify(synth),
          ],
        )
        const row = rows[0]
        if (!row) throw new Error('voice insert returned no row')
        await tx.query(
          `UPDATE voice_cloning_jobs SET status = 'completed', progress = 100,
                  user_voice_id = $2, completed_at = clock_timestamp() WHERE id = $1`,
          [jobId, row.id],
        )
        return row
      })
      return c.json(
        {
          success: true,
          voice: {
            id: voice.id,
            elevenlabsVoiceId: voice.elevenlabs_voice_id,
            name: voice.name,
            description: voice.description,
            cloneType: voice.clone_type,
            status: 'completed',
            sampleCount: voice.sample_count,
            createdAt: voice.created_at.toISOString(),
          },
          job: { id: jobId, status: 'completed', progress: 100 },
          creditsDeducted: price,
          estimatedCompletionTime: cloneType === 'professional' ? '30-60 minutes' : '30 seconds',
        },
        201,
      )
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      await db.query(
        `UPDATE voice_cloning_jobs SET status = 'failed', error_message = $2,
                completed_at = clock_timestamp() WHERE id = $1`,
        [jobId, message],
      )
      await refund(db, who, price, `${operation} (refund)`)
      return bareError(500, 'Failed to create voice clone. Credits have been refunded.', {
        details: message,
      })
    }
  }

  const cloneDoc = {
    auth: 'key',
    summary: 'Clone a voice from 1–10 audio samples (synchronous)',
    note: `${NOTE} §5.3`,
    body: cloneForm,
    multipart: true,
    responses: {
      201: { description: 'The voice, its completed job and the USD deducted', schema: cloned },
      400: { description: 'Validation (E5)', schema: e5 },
      401: { description: 'Auth failure (E2)', schema: e2 },
      402: { description: 'Insufficient balance, details.required (E5)', schema: e5 },
      500: { description: 'Non-multipart body (E2) or clone failure, refunded (E5)' },
    },
    handler: clone,
  } satisfies Omit<RouteDeclaration, 'method' | 'path'>
  routes.route({ method: 'post', path: '/api/v1/voice/clone', ...cloneDoc })
  app.all('/api/v1/voice/clone', () => methodNotAllowed(['POST', 'OPTIONS']))
  routes.route({ method: 'post', path: '/api/elevenlabs/voices/clone', ...cloneDoc })
  app.all('/api/elevenlabs/voices/clone', () => methodNotAllowed(['POST', 'OPTIONS']))

  return routes
}

/** 201 of a clone (docs/cloud/media.md §5.3). */
const cloned = z.object({
  success: z.literal(true),
  voice: z.object({
    id: z.string(),
    elevenlabsVoiceId: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    cloneType: z.enum(['instant', 'professional']),
    status: z.literal('completed'),
    sampleCount: z.number(),
    createdAt: z.string(),
  }),
  job: z.object({ id: z.string(), status: z.literal('completed'), progress: z.literal(100) }),
  creditsDeducted: z.number(),
  estimatedCompletionTime: z.string(),
})
