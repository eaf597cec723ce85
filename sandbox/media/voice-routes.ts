// Voice: text-to-speech, speech-to-text, cloning and voice management (docs/cloud/media.md §5), with the
// legacy /api/elevenlabs/* aliases (§5.8). No rate limiter on any of them (docs/cloud/media.md summary).
import { createHash, randomBytes } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { authenticate, type AuthContext } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import type { Db } from '../core/db/client.ts'
import { apiError, bareError, methodNotAllowed } from '../core/errors.ts'
import { charge, credit, InsufficientCreditsError, releaseHold } from '../core/ledger.ts'
import { documentRoute } from '../core/openapi-registry.ts'
import {
  CLONE_PRICES,
  CLONED_VOICE_FACTOR,
  DEFAULT_TTS_MODEL,
  DEFAULT_VOICE_ID,
  MARKUP,
  PREMADE_VOICES,
  sttPrice,
  TTS_MODEL_RATES,
  usd,
  type SynthParams,
} from './catalog.ts'
import { probeDuration } from './ffmpeg.ts'
import { encodeMp3, sniffMime, synthesizeWav, voiceFromSamples, wavSeconds } from './speech.ts'

const NOTE = 'docs/cloud/media.md'
const MB = 1024 * 1024

// ─── Schemas ──────────────────────────────────────────────────────────────────────────────

export const ttsRequest = z.object({
  text: z.string().min(1).max(5000),
  voiceId: z.string().optional().describe(`Provider voice id; default ${DEFAULT_VOICE_ID}`),
  modelId: z
    .enum(Object.keys(TTS_MODEL_RATES) as [string, ...string[]])
    .optional()
    .describe(`Default ${DEFAULT_TTS_MODEL}; an unpriced id → 500`),
})

const sttForm = z.object({
  audio: z.any().describe('Audio file ≤ 25 MB: mp3, mp4, m4a, wav, webm or ogg'),
  languageCode: z.string().optional(),
})

const cloneForm = z.object({
  name: z.string(),
  cloneType: z.enum(['instant', 'professional']),
  description: z.string().optional(),
  settings: z.string().optional().describe('JSON object'),
  file0: z.any().describe('Audio sample; also file1 … file9 (every part named file*)'),
})

/** The validated query of the legacy list alias (§5.8); the v1 route clamps instead. */
export const legacyListQuery = z.object({
  includeInactive: z.enum(['true', 'false']).optional(),
  cloneType: z.enum(['instant', 'professional']).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  offset: z.coerce.number().int().min(0).optional(),
})

const listQuery = z.object({
  includeInactive: z.string().optional(),
  cloneType: z.string().optional(),
  limit: z.string().optional().describe('Default 50, clamped to 1–100'),
  offset: z.string().optional().describe('Default 0, clamped ≥ 0'),
})

const voicePatch = z.object({
  name: z.string().optional(),
  description: z.string().optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
  isActive: z.boolean().optional(),
})

const voiceSummary = z.object({
  id: z.string(),
  elevenlabsVoiceId: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  cloneType: z.string(),
  sampleCount: z.number(),
  totalAudioDurationSeconds: z.number().nullable(),
  audioQualityScore: z.string().nullable(),
  usageCount: z.number(),
  lastUsedAt: z.string().nullable(),
  isActive: z.boolean(),
  isPublic: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
const voiceRow = voiceSummary.extend({
  organizationId: z.string(),
  userId: z.string(),
  settings: z.record(z.string(), z.unknown()),
  creationCost: z.string().nullable(),
  samples: z.array(z.unknown()),
})
const e5 = z.object({ error: z.string() }).passthrough()
const e2 = z.object({ success: z.literal(false), error: z.string(), code: z.string() })
const idParams = z.object({ id: z.string().describe('Internal voice UUID') })

const doc = (d: Omit<Parameters<typeof documentRoute>[0], 'family'>) =>
  documentRoute({ family: 'media', ...d })

for (const path of ['/api/v1/voice/tts', '/api/elevenlabs/tts']) {
  doc({
    method: 'post',
    path,
    summary: 'Text-to-speech: an MP3 stream (44.1 kHz / 128 kbps)',
    note: `${NOTE} §5.1`,
    body: ttsRequest,
    responses: {
      200: { description: 'MP3 bytes, chunked, no Content-Length', contentType: 'audio/mpeg' },
      400: { description: 'No text, text too long, invalid voice (E5)', schema: e5 },
      401: { description: 'Unauthorized (E5)', schema: e5 },
      402: { description: 'Insufficient credits with `required` (E5)', schema: e5 },
      500: { description: 'Unpriced model or any other failure (E5)', schema: e5 },
    },
  })
}
for (const path of ['/api/v1/voice/stt', '/api/elevenlabs/stt']) {
  doc({
    method: 'post',
    path,
    summary: 'Speech-to-text (the sandbox only recognises audio its own TTS produced)',
    note: `${NOTE} §5.2`,
    body: sttForm,
    multipart: true,
    responses: {
      200: {
        description: 'Transcript and processing time',
        schema: z.object({ transcript: z.string(), duration_ms: z.number() }),
      },
      400: { description: 'Missing, too large or wrong-format audio (E5)', schema: e5 },
      401: { description: 'Unauthorized (E5)', schema: e5 },
      402: { description: 'Insufficient credits with `required` (E5)', schema: e5 },
      500: { description: 'Service not configured (unknown audio) or failure (E5)', schema: e5 },
    },
  })
}
for (const path of ['/api/v1/voice/clone', '/api/elevenlabs/voices/clone']) {
  doc({
    method: 'post',
    path,
    summary: 'Clone a voice from 1–10 audio samples (synchronous)',
    note: `${NOTE} §5.3`,
    body: cloneForm,
    multipart: true,
    responses: {
      201: { description: 'The voice, its completed job and the USD deducted' },
      400: { description: 'Validation (E5)', schema: e5 },
      401: { description: 'Auth failure (E2)', schema: e2 },
      402: { description: 'Insufficient balance, details.required (E5)', schema: e5 },
      500: { description: 'Non-multipart body (E2) or clone failure, refunded (E5)' },
    },
  })
}
doc({
  method: 'get',
  path: '/api/v1/voice/list',
  summary: "The organization's cloned voices, newest first",
  note: `${NOTE} §5.4`,
  query: listQuery,
  responses: {
    200: {
      description: 'A page of voices',
      schema: z.object({
        success: z.literal(true),
        voices: z.array(voiceSummary),
        total: z.number(),
        limit: z.number(),
        offset: z.number(),
        hasMore: z.boolean(),
      }),
    },
    401: { description: 'Auth failure (E2)', schema: e2 },
  },
})
doc({
  method: 'get',
  path: '/api/elevenlabs/voices/user',
  summary: 'Legacy alias of /api/v1/voice/list with a validated query',
  note: `${NOTE} §5.8`,
  query: legacyListQuery,
  responses: {
    200: { description: 'As /api/v1/voice/list' },
    400: { description: 'Validation error with zod issues (E5)', schema: e5 },
  },
})
for (const path of ['/api/v1/voice/jobs', '/api/elevenlabs/voices/jobs']) {
  doc({
    method: 'get',
    path,
    summary: "The caller's pending or processing cloning jobs (normally none)",
    note: `${NOTE} §5.5`,
    responses: { 200: { description: '`{success, jobs, total}`' }, 401: { description: 'E2' } },
  })
}
for (const base of ['/api/v1/voice', '/api/elevenlabs/voices']) {
  for (const method of ['get', 'patch', 'delete'] as const) {
    doc({
      method,
      path: `${base}/{id}`,
      summary: `${method.toUpperCase()} one cloned voice by its internal UUID`,
      note: `${NOTE} §5.6`,
      params: idParams,
      ...(method === 'patch' ? { body: voicePatch } : {}),
      responses: {
        200: {
          description: method === 'delete' ? 'Soft-deleted' : 'The stored row',
          schema:
            method === 'delete'
              ? z.object({ success: z.literal(true), message: z.string() })
              : z.object({ success: z.literal(true), voice: voiceRow }),
        },
        400: { description: 'Not a UUID (with hint)', schema: e5 },
        404: { description: 'Not in your organization', schema: e5 },
      },
    })
  }
}
doc({
  method: 'get',
  path: '/api/elevenlabs/voices',
  summary: 'Premade and professional library voices (use voiceId in TTS)',
  note: `${NOTE} §5.7`,
  responses: { 200: { description: '`{voices:[{voiceId,name,category,labels,…}]}`' } },
})
doc({
  method: 'get',
  path: '/api/elevenlabs/voices/verify/{id}',
  summary: 'Whether a cloned voice is ready for TTS',
  note: `${NOTE} §5.7`,
  params: idParams,
  responses: {
    200: { description: '`{success, voice, status}`' },
    404: { description: 'Voice not found', schema: e5 },
    500: { description: 'Any other failure, auth included', schema: e5 },
  },
})

// ─── Rows ─────────────────────────────────────────────────────────────────────────────────

interface VoiceRow {
  id: string
  organization_id: string
  user_id: string
  elevenlabs_voice_id: string
  name: string
  description: string | null
  clone_type: string
  settings: Record<string, unknown>
  sample_count: number
  total_audio_duration_seconds: number | null
  audio_quality_score: string | null
  usage_count: number
  last_used_at: Date | null
  is_active: boolean
  is_public: boolean
  creation_cost: string | null
  synth: SynthParams
  created_at: Date
  updated_at: Date
}

const summary = (v: VoiceRow) => ({
  id: v.id,
  elevenlabsVoiceId: v.elevenlabs_voice_id,
  name: v.name,
  description: v.description,
  cloneType: v.clone_type,
  sampleCount: v.sample_count,
  totalAudioDurationSeconds: v.total_audio_duration_seconds,
  audioQualityScore: v.audio_quality_score,
  usageCount: v.usage_count,
  lastUsedAt: v.last_used_at?.toISOString() ?? null,
  isActive: v.is_active,
  isPublic: v.is_public,
  createdAt: v.created_at.toISOString(),
  updatedAt: v.updated_at.toISOString(),
})

const fullRow = (v: VoiceRow) => ({
  ...summary(v),
  organizationId: v.organization_id,
  userId: v.user_id,
  settings: v.settings,
  creationCost: v.creation_cost,
  // Samples belong to the job, not the voice, so this is empty in practice (docs/cloud/media.md §5.6).
  samples: [],
})

const VOICE_COLUMNS = `id, organization_id, user_id, elevenlabs_voice_id, name, description,
  clone_type, settings, sample_count, total_audio_duration_seconds, audio_quality_score,
  usage_count, last_used_at, is_active, is_public, creation_cost, synth, created_at, updated_at`

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** ElevenLabs-style voice id: 20 alphanumerics. */
function providerVoiceId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  return Array.from(randomBytes(20), (b) => alphabet[b % alphabet.length]).join('')
}

/** A professional clone trains for ten lifecycle steps after the response (docs/cloud/media.md §5.3). */
const trainingMs = (ctx: SandboxContext) => ctx.timing.lifecycleStepMs * 10
const isReady = (ctx: SandboxContext, v: VoiceRow) =>
  v.clone_type !== 'professional' || Date.now() - v.created_at.getTime() >= trainingMs(ctx)

async function findVoice(db: Db, organizationId: string, id: string): Promise<VoiceRow | null> {
  const { rows } = await db.query<VoiceRow>(
    `SELECT ${VOICE_COLUMNS} FROM user_voices WHERE id = $1 AND organization_id = $2`,
    [id, organizationId],
  )
  return rows[0] ?? null
}

async function readForm(c: Context): Promise<FormData | null> {
  try {
    return await c.req.formData()
  } catch {
    return null
  }
}

/**
 * The cloud answers any body its multipart parser rejects with a 500 (docs/cloud/media.md §5.2, §5.3). A
 * body sent as multipart that does not parse (no boundary, cut parts) is refused with a 400
 * outside strict mode; a body that is not multipart at all keeps the cloud's 500.
 */
function brokenMultipart(c: Context, strict: boolean): Response | null {
  const type = c.req.header('content-type') ?? ''
  if (strict || !/^multipart\/form-data\b/i.test(type)) return null
  return bareError(400, 'Malformed multipart body: expected multipart/form-data with a boundary')
}

const isFile = (v: FormDataEntryValue | null): v is File => typeof v === 'object' && v !== null

/** Gives `amount` back; `reservationId` names the reservation this closes, if it was one. */
const refund = (
  db: Db,
  auth: AuthContext,
  amount: number,
  description: string,
  reservationId?: string,
) =>
  credit(db, {
    organizationId: auth.organizationId,
    userId: auth.userId,
    amount,
    type: 'refund',
    description,
    ...(reservationId === undefined ? {} : { releases: reservationId }),
  })

// ─── Routes ───────────────────────────────────────────────────────────────────────────────

export function voiceRoutes(ctx: SandboxContext): Hono {
  const app = new Hono()
  const { db } = ctx
  const auth = (c: Context) => authenticate(c.req.raw, db, ctx.balanceCache)

  // §5.1
  const tts = async (c: Context) => {
    const failed = () => bareError(500, 'Failed to generate speech. Please try again.')
    const result = await auth(c)
    if (!result.ok) return result.status === 401 ? bareError(401, 'Unauthorized') : failed()
    const who = result.auth
    let body: Record<string, unknown>
    try {
      const parsed: unknown = JSON.parse(await c.req.text())
      body =
        typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {}
    } catch {
      return failed()
    }
    const text = body.text
    if (typeof text !== 'string' || text.length === 0) return bareError(400, 'No text provided')
    if (text.length > 5000) {
      return bareError(400, 'Text too long. Maximum length is 5000 characters')
    }
    const voiceId =
      typeof body.voiceId === 'string' && body.voiceId ? body.voiceId : DEFAULT_VOICE_ID
    const modelId =
      typeof body.modelId === 'string' && body.modelId ? body.modelId : DEFAULT_TTS_MODEL
    const rate = TTS_MODEL_RATES[modelId]
    // An unpriced model id fails before any charge (docs/cloud/media.md §5.1).
    if (rate === undefined) return failed()
    const { rows: cloned } = await db.query<VoiceRow>(
      `SELECT ${VOICE_COLUMNS} FROM user_voices
        WHERE elevenlabs_voice_id = $1 AND organization_id = $2 AND is_active`,
      [voiceId, who.organizationId],
    )
    const own = cloned[0]
    const price = usd(text.length * rate * MARKUP * (own ? CLONED_VOICE_FACTOR : 1))
    const operation = `Text-to-speech (${text.length} chars): ${modelId}`
    let reservationId: string
    try {
      ;({ id: reservationId } = await charge(db, {
        organizationId: who.organizationId,
        userId: who.userId,
        amount: price,
        description: `${operation} (reserved)`,
        metadata: { type: 'voice_tts', modelId, voiceId, characters: text.length },
        hold: operation,
      }))
    } catch (error) {
      if (error instanceof InsufficientCreditsError) {
        return bareError(402, 'Insufficient credits for text-to-speech', { required: price })
      }
      throw error
    }
    // The provider rejects unknown voices (and professional clones still training); the
    // handler turns any message mentioning "voice" into this 400, refunded (docs/cloud/media.md §5.1).
    const premade = PREMADE_VOICES.find((v) => v.voiceId === voiceId)
    const synth = premade?.synth ?? (own && isReady(ctx, own) ? own.synth : undefined)
    if (!synth) {
      await refund(db, who, price, `${operation} (refund)`, reservationId)
      return bareError(400, 'Invalid voice ID. Please select a different voice.')
    }
    let mp3: Buffer
    let seconds: number
    try {
      const wav = await synthesizeWav(text, synth)
      seconds = wavSeconds(wav)
      mp3 = await encodeMp3(wav)
    } catch {
      await refund(db, who, price, `${operation} (refund)`, reservationId)
      return failed()
    }
    if (own) {
      await db.query(
        `UPDATE user_voices SET usage_count = usage_count + 1, last_used_at = now(),
                updated_at = now() WHERE id = $1`,
        [own.id],
      )
    }
    // Remember what was said, so STT can "hear" this exact file later.
    await db.query(
      `INSERT INTO tts_outputs (sha256, text, duration_seconds) VALUES ($1, $2, $3)
       ON CONFLICT (sha256) DO NOTHING`,
      [createHash('sha256').update(mp3).digest('hex'), text, seconds.toFixed(3)],
    )
    await releaseHold(db, reservationId) // delivered: the reservation is the price
    // A stream without Content-Length, so the response goes out chunked (docs/cloud/media.md §5.1).
    const CHUNK = 16 * 1024
    let offset = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= mp3.length) {
          controller.close()
          return
        }
        controller.enqueue(new Uint8Array(mp3.subarray(offset, offset + CHUNK)))
        offset += CHUNK
      },
    })
    return new Response(stream, {
      status: 200,
      headers: { 'Content-Type': 'audio/mpeg', 'Cache-Control': 'no-cache' },
    })
  }

  // §5.2
  const SUPPORTED = ['audio/mp3', 'audio/mpeg', 'audio/mp4', 'audio/m4a', 'audio/wav'].concat([
    'audio/webm',
    'audio/ogg',
  ])
  const stt = async (c: Context) => {
    const failed = () => bareError(500, 'Failed to transcribe audio. Please try again.')
    const startedAt = Date.now()
    const result = await auth(c)
    if (!result.ok) return result.status === 401 ? bareError(401, 'Unauthorized') : failed()
    const who = result.auth
    const form = await readForm(c)
    if (!form) return brokenMultipart(c, ctx.strict) ?? failed()
    const audio = form.get('audio')
    if (!isFile(audio)) return bareError(400, 'No audio file provided')
    if (audio.size > 25 * MB) return bareError(400, 'File too large. Maximum size is 25MB')
    const declared = (audio.type.split(';')[0] ?? '').trim()
    if (!SUPPORTED.includes(declared)) {
      return bareError(
        400,
        `Unsupported audio format: ${declared}. Supported: mp3, mp4, m4a, wav, webm, ogg`,
      )
    }
    const bytes = Buffer.from(await audio.arrayBuffer())
    const detected = sniffMime(bytes)
    if (!detected) {
      return bareError(
        400,
        'Unable to verify file type. The file may be corrupted or of an unsupported format.',
      )
    }
    if (!detected.startsWith('audio/')) {
      return bareError(
        400,
        `File content does not match the declared format. Detected: ${detected}, Expected audio format.`,
      )
    }
    // Duration from the file, else estimated at a typical 128 kbps (docs/cloud/media.md §5.2).
    const probed = await probeDuration(bytes).catch(() => null)
    const seconds = probed ?? (bytes.length * 8) / 128_000
    const price = sttPrice(seconds)
    const operation = `Speech-to-text (${Math.max(1, seconds).toFixed(1)}s): scribe_v1`
    let reservationId: string
    try {
      ;({ id: reservationId } = await charge(db, {
        organizationId: who.organizationId,
        userId: who.userId,
        amount: price,
        description: `${operation} (reserved)`,
        metadata: { type: 'voice_stt', seconds },
        hold: operation,
      }))
    } catch (error) {
      if (error instanceof InsufficientCreditsError) {
        return bareError(402, 'Insufficient credits for speech-to-text', { required: price })
      }
      throw error
    }
    const { rows } = await db.query<{ text: string }>(
      'SELECT text FROM tts_outputs WHERE sha256 = $1',
      [createHash('sha256').update(bytes).digest('hex')],
    )
    const heard = rows[0]
    if (!heard) {
      // No recogniser offline: audio the sandbox did not synthesise gets the cloud's answer
      // for a missing provider, refunded.
      await refund(db, who, price, `${operation} (refund)`, reservationId)
      return bareError(500, 'Service not configured')
    }
    await releaseHold(db, reservationId) // delivered: the reservation is the price
    return c.json({ transcript: heard.text, duration_ms: Date.now() - startedAt })
  }

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

  // Static paths first: `/voice/list` must not reach `/voice/{id}`.
  const post = (path: string, handler: (c: Context) => Promise<Response>) => {
    app.post(path, handler)
    app.all(path, () => methodNotAllowed(['POST', 'OPTIONS']))
  }
  const get = (path: string, handler: (c: Context) => Promise<Response>) => {
    app.get(path, handler)
    app.all(path, () => methodNotAllowed(['GET', 'OPTIONS']))
  }
  post('/api/v1/voice/tts', tts)
  post('/api/elevenlabs/tts', tts)
  post('/api/v1/voice/stt', stt)
  post('/api/elevenlabs/stt', stt)
  post('/api/v1/voice/clone', clone)
  post('/api/elevenlabs/voices/clone', clone)
  get('/api/v1/voice/list', list(false))
  get('/api/elevenlabs/voices/user', list(true))
  get('/api/v1/voice/jobs', jobs)
  get('/api/elevenlabs/voices/jobs', jobs)
  get('/api/elevenlabs/voices', premade)
  get('/api/elevenlabs/voices/verify/:id', verify)
  for (const [base, listPath] of [
    ['/api/v1/voice', '/api/v1/voice/list'],
    ['/api/elevenlabs/voices', '/api/elevenlabs/voices/user'],
  ] as const) {
    const handlers = byId(listPath)
    app.get(`${base}/:id`, handlers.get)
    app.patch(`${base}/:id`, handlers.patch)
    app.delete(`${base}/:id`, handlers.delete)
    app.all(`${base}/:id`, () => methodNotAllowed(['GET', 'PATCH', 'DELETE', 'OPTIONS']))
  }
  return app
}

/** Professional clones an organization may keep (the provider plan's limit; sandbox: 1). */
export const PROFESSIONAL_VOICE_LIMIT = 1
