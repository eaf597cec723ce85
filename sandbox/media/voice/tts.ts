// POST /api/v1/voice/tts and its legacy alias POST /api/elevenlabs/tts: text-to-speech
// (docs/cloud/media.md §5.1, §5.8). No rate limiter (docs/cloud/media.md summary).
import { createHash } from 'node:crypto'
import type { Context } from 'hono'
import { authenticate } from '../../core/auth.ts'
import type { SandboxContext } from '../../core/context.ts'
import { FamilyRoutes, type RouteDeclaration } from '../../core/route.ts'
import { bareError, methodNotAllowed } from '../../core/errors.ts'
import { charge, InsufficientCreditsError, releaseHold } from '../../core/ledger.ts'
import {
  CLONED_VOICE_FACTOR,
  DEFAULT_TTS_MODEL,
  DEFAULT_VOICE_ID,
  MARKUP,
  PREMADE_VOICES,
  TTS_MODEL_RATES,
  usd,
} from '../catalog.ts'
import { e5, NOTE, ttsRequest } from '../schemas.ts'
import { encodeMp3, synthesizeWav, wavSeconds } from '../speech.ts'
import { refund } from './request.ts'
import { isReady, VOICE_COLUMNS, type VoiceRow } from './store.ts'

export function ttsRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('media')
  const { app } = routes
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

  const ttsDoc = {
    auth: 'key',
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
    handler: tts,
  } satisfies Omit<RouteDeclaration, 'method' | 'path'>
  routes.route({ method: 'post', path: '/api/v1/voice/tts', ...ttsDoc })
  app.all('/api/v1/voice/tts', () => methodNotAllowed(['POST', 'OPTIONS']))
  routes.route({ method: 'post', path: '/api/elevenlabs/tts', ...ttsDoc })
  app.all('/api/elevenlabs/tts', () => methodNotAllowed(['POST', 'OPTIONS']))

  return routes
}
