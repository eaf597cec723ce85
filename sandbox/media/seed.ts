// The media family's demo data: one cloned voice and two gallery images (docs/cloud/media.md §3, §5).
import type { Db } from '../core/db/client.ts'
import { SEED } from '../core/seed.ts'
import { insertFile } from './files.ts'
import { seedOf } from './render-image.ts'

/** Fixed ids of the demo data, so links and e2e assertions survive a reset. */
export const MEDIA_SEED = {
  voiceId: '5a4db0c0-0000-4000-8000-000000000401',
  voiceJobId: '5a4db0c0-0000-4000-8000-000000000402',
  /** The demo voice's provider id (what TTS takes as `voiceId`). */
  elevenlabsVoiceId: 'SbxNarratorVoice0001',
  generationIds: ['5a4db0c0-0000-4000-8000-000000000421', '5a4db0c0-0000-4000-8000-000000000422'],
} as const

const DEMO_IMAGES = [
  { prompt: 'A lighthouse on a cliff at dawn, watercolor', hoursAgo: 30, style: undefined },
  { prompt: 'Neon city street at night in the rain', hoursAgo: 5, style: 'neon-punk' },
]

/**
 * One cloned voice and two gallery images. The images' bytes are rendered on first read
 * (files.ts), so a reset stays cheap.
 */
export async function seedMedia(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO user_voices (id, organization_id, user_id, elevenlabs_voice_id, name,
                                description, clone_type, settings, sample_count, usage_count,
                                last_used_at, creation_cost, synth, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'Narrator', 'Calm narration voice', 'instant', '{"language":"en"}',
               2, 3, now() - interval '1 day', '0.50', $5, now() - interval '3 days',
               now() - interval '1 day')`,
      [
        MEDIA_SEED.voiceId,
        SEED.organizationId,
        SEED.userId,
        MEDIA_SEED.elevenlabsVoiceId,
        JSON.stringify({ variant: 'm5', pitch: 48, speed: 145 }),
      ],
    )
    await tx.query(
      `INSERT INTO voice_cloning_jobs (id, organization_id, user_id, job_type, voice_name,
                                       voice_description, status, progress, user_voice_id,
                                       created_at, started_at, completed_at)
       VALUES ($1, $2, $3, 'instant', 'Narrator', 'Calm narration voice', 'completed', 100, $4,
               now() - interval '3 days', now() - interval '3 days', now() - interval '3 days')`,
      [MEDIA_SEED.voiceJobId, SEED.organizationId, SEED.userId, MEDIA_SEED.voiceId],
    )
    for (const [i, demo] of DEMO_IMAGES.entries()) {
      const fileId = await insertFile(tx, {
        organizationId: SEED.organizationId,
        kind: 'image',
        mimeType: 'image/png',
        data: null,
        recipe: {
          prompt: demo.prompt,
          seed: seedOf(demo.prompt, 'seed'),
          width: 1024,
          height: 1024,
          stylePreset: demo.style,
          mimeType: 'image/png',
        },
      })
      await tx.query(
        `INSERT INTO generations (id, organization_id, user_id, api_key_id, type, model, provider,
                                  prompt, status, file_id, mime_type, created_at, completed_at)
         VALUES ($1, $2, $3, $4, 'image', 'google/gemini-2.5-flash-image', 'google', $5,
                 'completed', $6, 'image/png', now() - make_interval(hours => $7),
                 now() - make_interval(hours => $7))`,
        [
          MEDIA_SEED.generationIds[i],
          SEED.organizationId,
          SEED.userId,
          SEED.apiKeyId,
          demo.prompt,
          fileId,
          demo.hoursAgo,
        ],
      )
    }
  })
}
