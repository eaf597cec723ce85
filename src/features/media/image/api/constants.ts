// The image generator's options and limits, as the cloud's route handler defines them
// (docs/cloud/media.md §1). The API has no endpoint that lists image models: GET /api/v1/models names only
// one of them, so the five ids are the documented list.

/** docs/cloud/media.md §1 `prompt`: non-blank, ≤ 4000 characters. */
export const PROMPT_MAX = 4000

/** docs/cloud/media.md §1 `numImages`: an integer 1–4. */
export const MAX_IMAGES = 4

export const DEFAULT_IMAGE_MODEL = 'google/gemini-2.5-flash-image'

/** docs/cloud/media.md §1 "Models": any other id silently falls back to the default. */
export const IMAGE_MODELS = [
  { id: 'google/gemini-2.5-flash-image', label: 'Gemini 2.5 Flash Image' },
  { id: 'google/gemini-3-pro-image', label: 'Gemini 3 Pro Image' },
  { id: 'google/gemini-3.1-flash-image-preview', label: 'Gemini 3.1 Flash Image (preview)' },
  { id: 'openai/gpt-image-2', label: 'GPT Image 2' },
  { id: 'bfl/flux-kontext-max', label: 'FLUX Kontext Max' },
] as const

export const modelLabel = (id: string) => IMAGE_MODELS.find((m) => m.id === id)?.label ?? id

/** docs/cloud/media.md §1 `aspectRatio` (a text hint; the model picks the pixels). Default 1:1. */
export const ASPECT_RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '21:9', '9:21'] as const
export type AspectRatio = (typeof ASPECT_RATIOS)[number]

/** docs/cloud/media.md §1 `stylePreset` (also a text hint). */
export const STYLE_PRESETS = [
  'none',
  'photographic',
  'digital-art',
  'comic-book',
  'fantasy-art',
  'analog-film',
  'neon-punk',
  'isometric',
  'low-poly',
  'origami',
  'line-art',
  'cinematic',
  '3d-model',
] as const
export type StylePreset = (typeof STYLE_PRESETS)[number]

export const styleLabel = (style: string) =>
  style === 'none'
    ? 'None'
    : style === '3d-model'
      ? '3D model'
      : style.charAt(0).toUpperCase() + style.slice(1).replace(/-/g, ' ')

/**
 * docs/cloud/media.md §1 `sourceImage`: a `data:<mime>;base64,…` URL of at most 14,000,000 characters.
 * Base64 turns 3 bytes into 4 characters, so that is a file of about 10.5 MB.
 */
export const SOURCE_IMAGE_MAX_CHARS = 14_000_000
export const REFERENCE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const

/** The largest file whose data URL (`data:<type>;base64,` + base64) fits the limit. */
export function maxReferenceBytes(type: string): number {
  const prefix = `data:${type};base64,`.length
  return Math.floor((SOURCE_IMAGE_MAX_CHARS - prefix) / 4) * 3
}
