import { z } from 'zod/mini'
import { TTS_MODELS, type TtsModelId } from './constants'

// Shapes and limits of the voice routes (docs/cloud/media.md §5; the sandbox's sandbox/media/voice/).

export {
  DEFAULT_TTS_MODEL,
  DEFAULT_VOICE_ID,
  isTtsModel,
  TTS_MODELS,
  type TtsModelId,
} from './constants'

export const TTS_MAX_CHARS = 5000

/** The TTS form: 1–5000 characters (docs/cloud/media.md §5.1). */
export const ttsInput = z.object({
  text: z.string().check(
    z.refine((s) => s.trim().length > 0, 'Type something to speak.'),
    z.maxLength(TTS_MAX_CHARS, `At most ${TTS_MAX_CHARS.toLocaleString('en-US')} characters.`),
  ),
  voiceId: z.string(),
  modelId: z.enum(TTS_MODELS.map((m) => m.id) as [TtsModelId, ...TtsModelId[]]),
})
export type TtsInput = z.infer<typeof ttsInput>

/** One of my cloned voices (GET /api/v1/voice/list, docs/cloud/media.md §5.4). */
export const clonedVoiceSchema = z.object({
  id: z.string(),
  elevenlabsVoiceId: z.string(),
  name: z.string(),
  description: z.nullish(z.string()),
  cloneType: z.string(),
  sampleCount: z.number(),
  usageCount: z.catch(z.number(), 0),
  lastUsedAt: z.nullish(z.string()),
  createdAt: z.string(),
})
export type ClonedVoice = z.infer<typeof clonedVoiceSchema>

export const voiceListSchema = z.object({
  voices: z.array(clonedVoiceSchema),
  total: z.number(),
  hasMore: z.boolean(),
})

/** The provider's library voices (GET /api/elevenlabs/voices, docs/cloud/media.md §5.7). */
export const premadeVoicesSchema = z.object({
  voices: z.array(
    z.object({
      voiceId: z.string(),
      name: z.string(),
      category: z.nullish(z.string()),
      description: z.nullish(z.string()),
      labels: z.nullish(z.record(z.string(), z.string())),
    }),
  ),
})
export type PremadeVoice = z.infer<typeof premadeVoicesSchema>['voices'][number]

/** POST /api/v1/voice/clone → 201 (docs/cloud/media.md §5.3). */
export const cloneResponseSchema = z.object({
  voice: z.object({
    id: z.string(),
    elevenlabsVoiceId: z.string(),
    name: z.string(),
    cloneType: z.string(),
    sampleCount: z.number(),
    createdAt: z.string(),
  }),
  creditsDeducted: z.number(),
  estimatedCompletionTime: z.nullish(z.string()),
})
export type CloneResponse = z.infer<typeof cloneResponseSchema>

export const CLONE_TYPES = ['instant', 'professional'] as const
export type CloneType = (typeof CLONE_TYPES)[number]

const MB = 1024 * 1024
/** Clone upload limits, checked before upload (docs/cloud/media.md §5.3). */
export const CLONE_LIMITS = { maxFiles: 10, maxFileBytes: 10 * MB, maxTotalBytes: 100 * MB }

/** The types the clone route accepts: `audio/*`, WebM/MP4 video containers, Ogg (docs/cloud/media.md §5.3). */
const ACCEPTED_TYPE = /^audio\/|^video\/(webm|mp4)$|^application\/ogg$/
/** For files the browser gave no type: the extensions the cloud names. */
const TYPE_BY_EXTENSION: Record<string, string> = {
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  webm: 'audio/webm',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  m4a: 'audio/mp4',
  mp4: 'audio/mp4',
  flac: 'audio/flac',
}
/** For the file picker's `accept`. */
export const CLONE_ACCEPT = 'audio/*,.mp3,.wav,.webm,.ogg,.m4a,.mp4'

/** The type the upload will declare, or null when the cloud would refuse it. */
export function cloneFileType(file: { name: string; type: string }): string | null {
  const declared = file.type.split(';')[0]?.trim() ?? ''
  if (declared) return ACCEPTED_TYPE.test(declared) ? file.type : null
  const ext = file.name.split('.').pop()?.toLowerCase() ?? ''
  return TYPE_BY_EXTENSION[ext] ?? null
}

/**
 * Problems with a set of clone samples, in the cloud's terms (docs/cloud/media.md §5.3): 1–10 files, each
 * 1 byte–10 MB, at most 100 MB together, audio types only. Empty when the set can be uploaded.
 */
export function cloneFileProblems(files: readonly File[]): string[] {
  const problems: string[] = []
  if (files.length === 0) problems.push('Add at least one audio sample.')
  if (files.length > CLONE_LIMITS.maxFiles) {
    problems.push(`At most ${CLONE_LIMITS.maxFiles} files (you have ${files.length}).`)
  }
  for (const f of files) {
    if (!cloneFileType(f)) {
      problems.push(`${f.name} is not an audio file (${f.type || 'unknown type'}).`)
    } else if (f.size === 0) {
      problems.push(`${f.name} is empty.`)
    } else if (f.size > CLONE_LIMITS.maxFileBytes) {
      problems.push(`${f.name} is over the 10 MB limit per file.`)
    }
  }
  const total = files.reduce((n, f) => n + f.size, 0)
  if (total > CLONE_LIMITS.maxTotalBytes) problems.push('The files add up to more than 100 MB.')
  return problems
}

export const cloneInput = z.object({
  name: z.string().check(
    z.refine((s) => s.trim().length > 0, 'Give the voice a name.'),
    z.maxLength(100, 'At most 100 characters.'),
  ),
  description: z.string().check(z.maxLength(500, 'At most 500 characters.')),
  cloneType: z.enum(CLONE_TYPES),
})
export type CloneFormValues = z.infer<typeof cloneInput>
