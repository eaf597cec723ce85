// Media family: docs/cloud/media.md. This file joins the family's routes; each path is served by:
// - generate-image.ts  POST /api/v1/generate-image, GET /api/v1/generate-image/files/{file}
// - generate-video.ts  POST /api/v1/generate-video, GET /api/v1/generate-video/files/{file}
// - gallery.ts         GET /api/v1/gallery
// - voice/tts.ts       POST /api/v1/voice/tts (alias /api/elevenlabs/tts)
// - voice/stt.ts       POST /api/v1/voice/stt (alias /api/elevenlabs/stt)
// - voice/clone.ts     POST /api/v1/voice/clone (alias /api/elevenlabs/voices/clone)
// - voice/voices.ts    GET /api/v1/voice/list|jobs, GET/PATCH/DELETE /api/v1/voice/{id} and their
//                      /api/elevenlabs/voices… aliases, the premade library and verify
// Shapes: schemas.ts; stored files: files.ts; cloned voices: voice/store.ts; demo data: seed.ts.
import type { Family } from '../core/family.ts'
import { FamilyRoutes } from '../core/route.ts'
import { galleryRoutes } from './gallery.ts'
import { generateImageRoutes } from './generate-image.ts'
import { generateVideoRoutes } from './generate-video.ts'
import { abortInflight } from './generation.ts'
import { seedMedia } from './seed.ts'
import { cloneRoutes } from './voice/clone.ts'
import { sttRoutes } from './voice/stt.ts'
import { ttsRoutes } from './voice/tts.ts'
import { voicesRoutes } from './voice/voices.ts'

export const mediaFamily: Family = {
  name: 'media',
  routes: (ctx) =>
    new FamilyRoutes('media')
      .include(generateImageRoutes(ctx))
      .include(generateVideoRoutes(ctx))
      .include(galleryRoutes(ctx))
      // Static voice paths before voice/voices.ts's `{id}` routes.
      .include(ttsRoutes(ctx))
      .include(sttRoutes(ctx))
      .include(cloneRoutes(ctx))
      .include(voicesRoutes(ctx)),
  tables: ['tts_outputs', 'voice_cloning_jobs', 'user_voices', 'generations', 'media_files'],
  seed: seedMedia,
  // Renders and held requests in flight end on reset/close instead of writing into fresh data.
  clear: abortInflight,
}
