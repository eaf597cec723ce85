// Cloned voices as stored (user_voices) and read back (docs/cloud/media.md §5.4–§5.7).
import { randomBytes } from 'node:crypto'
import type { SandboxContext } from '../../core/context.ts'
import type { Db } from '../../core/db/client.ts'
import type { SynthParams } from '../catalog.ts'

export interface VoiceRow {
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

export const summary = (v: VoiceRow) => ({
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

export const fullRow = (v: VoiceRow) => ({
  ...summary(v),
  organizationId: v.organization_id,
  userId: v.user_id,
  settings: v.settings,
  creationCost: v.creation_cost,
  // Samples belong to the job, not the voice, so this is empty in practice (docs/cloud/media.md §5.6).
  samples: [],
})

export const VOICE_COLUMNS = `id, organization_id, user_id, elevenlabs_voice_id, name, description,
  clone_type, settings, sample_count, total_audio_duration_seconds, audio_quality_score,
  usage_count, last_used_at, is_active, is_public, creation_cost, synth, created_at, updated_at`

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** ElevenLabs-style voice id: 20 alphanumerics. */
export function providerVoiceId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  return Array.from(randomBytes(20), (b) => alphabet[b % alphabet.length]).join('')
}

/** A professional clone trains for ten lifecycle steps after the response (docs/cloud/media.md §5.3). */
export const trainingMs = (ctx: SandboxContext) => ctx.timing.lifecycleStepMs * 10
export const isReady = (ctx: SandboxContext, v: VoiceRow) =>
  v.clone_type !== 'professional' || Date.now() - v.created_at.getTime() >= trainingMs(ctx)

export async function findVoice(
  db: Db,
  organizationId: string,
  id: string,
): Promise<VoiceRow | null> {
  const { rows } = await db.query<VoiceRow>(
    `SELECT ${VOICE_COLUMNS} FROM user_voices WHERE id = $1 AND organization_id = $2`,
    [id, organizationId],
  )
  return rows[0] ?? null
}
