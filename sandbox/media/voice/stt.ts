// POST /api/v1/voice/stt and its legacy alias POST /api/elevenlabs/stt: speech-to-text
// (docs/cloud/media.md §5.2, §5.8).
import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { Context } from 'hono'
import { authenticate } from '../../core/auth.ts'
import type { SandboxContext } from '../../core/context.ts'
import { FamilyRoutes, type RouteDeclaration } from '../../core/route.ts'
import { bareError, methodNotAllowed } from '../../core/errors.ts'
import { charge, InsufficientCreditsError, releaseHold } from '../../core/ledger.ts'
import { sttPrice } from '../catalog.ts'
import { probeDuration } from '../ffmpeg.ts'
import { e5, NOTE, sttForm } from '../schemas.ts'
import { sniffMime } from '../speech.ts'
import { brokenMultipart, isFile, MB, readForm, refund } from './request.ts'

export function sttRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('media')
  const { app } = routes
  const { db } = ctx
  const auth = (c: Context) => authenticate(c.req.raw, db, ctx.balanceCache)

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

  const sttDoc = {
    auth: 'key',
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
    handler: stt,
  } satisfies Omit<RouteDeclaration, 'method' | 'path'>
  routes.route({ method: 'post', path: '/api/v1/voice/stt', ...sttDoc })
  app.all('/api/v1/voice/stt', () => methodNotAllowed(['POST', 'OPTIONS']))
  routes.route({ method: 'post', path: '/api/elevenlabs/stt', ...sttDoc })
  app.all('/api/elevenlabs/stt', () => methodNotAllowed(['POST', 'OPTIONS']))

  return routes
}
