// Request and response shapes of the media routes (docs/cloud/media.md): they document the routes
// in /api/openapi.json; the image request and the gallery query are also what the handlers
// validate with.
import { z } from 'zod'
import {
  ASPECT_RATIOS,
  DEFAULT_TTS_MODEL,
  DEFAULT_VIDEO_MODEL,
  DEFAULT_VOICE_ID,
  STYLE_PRESETS,
  TTS_MODEL_RATES,
  VIDEO_MODELS,
} from './catalog.ts'

export const NOTE = 'docs/cloud/media.md'

// ─── Image and video generation, gallery (§1–§3; validated with, and documented from) ────────────────────────────────────────

export const PROMPT_REQUIRED = 'Prompt is required and must be a non-empty string'
const NUM_IMAGES = 'numImages must be an integer between 1 and 4'
const SOURCE_IMAGE = 'sourceImage must be a base64 data URL string'

/** docs/cloud/media.md §1: only prompt, numImages and sourceImage are validated, in that order. */
export const imageRequest = z.object({
  prompt: z
    .string({ error: PROMPT_REQUIRED })
    .refine((s) => s.trim().length > 0, { error: PROMPT_REQUIRED })
    .refine((s) => s.length <= 4000, { error: 'Prompt must be 4000 characters or fewer' }),
  numImages: z
    .number({ error: NUM_IMAGES })
    .int({ error: NUM_IMAGES })
    .min(1, { error: NUM_IMAGES })
    .max(4, { error: NUM_IMAGES })
    .nullish(),
  aspectRatio: z
    .unknown()
    .optional()
    .describe(`Text hint, not validated: ${ASPECT_RATIOS.join(', ')} (default 1:1)`),
  stylePreset: z
    .unknown()
    .optional()
    .describe(`Text hint, not validated: ${STYLE_PRESETS.join(', ')}`),
  sourceImage: z
    .string({ error: SOURCE_IMAGE })
    .max(14_000_000, { error: 'sourceImage exceeds maximum allowed size' })
    .regex(/^data:[^;,]+;base64,/, { error: SOURCE_IMAGE })
    .nullish(),
  model: z
    .unknown()
    .optional()
    .describe('Unknown ids silently fall back to google/gemini-2.5-flash-image'),
})

export const imageResponse = z.object({
  images: z.array(
    z.object({
      url: z.string().optional(),
      image: z.string().optional(),
      text: z.string(),
      mimeType: z.string(),
      fileSize: z.number().optional(),
    }),
  ),
  numImages: z.number(),
})

export const videoRequest = z.object({
  prompt: z.string().describe('Non-blank; trimmed before use'),
  model: z
    .enum(VIDEO_MODELS.map((m) => m.id) as [string, ...string[]])
    .optional()
    .describe(`Default ${DEFAULT_VIDEO_MODEL}; other ids → 400 with validModels`),
})

export const videoResponse = z.object({
  video: z.object({
    url: z.string(),
    content_type: z.string(),
    width: z.number(),
    height: z.number(),
    file_name: z.string(),
    file_size: z.number(),
  }),
  seed: z.number(),
  has_nsfw_concepts: z.array(z.boolean()),
  timings: z.object({ inference: z.number() }),
  requestId: z.string(),
})

export const galleryQuery = z.object({
  type: z.enum(['image', 'video']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
})

export const galleryItem = z.object({
  id: z.string(),
  type: z.enum(['image', 'video']),
  url: z.string(),
  thumbnailUrl: z.string().nullable(),
  prompt: z.string(),
  negativePrompt: z.string().nullable(),
  model: z.string(),
  provider: z.string(),
  status: z.string(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  dimensions: z.object({ width: z.number(), height: z.number() }).nullable(),
  mimeType: z.string().nullable(),
  fileSize: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
})

export const e5 = z.object({ error: z.string() }).passthrough()

// ─── Voice (§5) ──────────────────────────────────────────────────────────────────────────────

export const ttsRequest = z.object({
  text: z.string().min(1).max(5000),
  voiceId: z.string().optional().describe(`Provider voice id; default ${DEFAULT_VOICE_ID}`),
  modelId: z
    .enum(Object.keys(TTS_MODEL_RATES) as [string, ...string[]])
    .optional()
    .describe(`Default ${DEFAULT_TTS_MODEL}; an unpriced id → 500`),
})

export const sttForm = z.object({
  audio: z.any().describe('Audio file ≤ 25 MB: mp3, mp4, m4a, wav, webm or ogg'),
  languageCode: z.string().optional(),
})

export const cloneForm = z.object({
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

export const voiceListQuery = z.object({
  includeInactive: z.string().optional(),
  cloneType: z.string().optional(),
  limit: z.string().optional().describe('Default 50, clamped to 1–100'),
  offset: z.string().optional().describe('Default 0, clamped ≥ 0'),
})

export const voicePatch = z.object({
  name: z.string().optional(),
  description: z.string().optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
  isActive: z.boolean().optional(),
})

export const voiceSummary = z.object({
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
export const voiceRow = voiceSummary.extend({
  organizationId: z.string(),
  userId: z.string(),
  settings: z.record(z.string(), z.unknown()),
  creationCost: z.string().nullable(),
  samples: z.array(z.unknown()),
})
export const e2 = z.object({ success: z.literal(false), error: z.string(), code: z.string() })
export const idParams = z.object({ id: z.string().describe('Internal voice UUID') })
