// Models, prices and voices of the media family (docs/cloud/media.md §1, §2, §5, §6). The cloud reads live
// prices from its gateway and provider catalogues; the sandbox fixes them inside the ranges that
// GET /api/v1/pricing/summary quotes (docs/cloud/billing.md §10), so charges are predictable in tests.

/** The 20 % platform markup applied to every media price (docs/cloud/media.md §6). */
export const MARKUP = 1.2

/** Rounds a USD amount to the ledger's 6 decimals (docs/cloud/billing.md "Money units"). */
export const usd = (amount: number) => Math.round(amount * 1_000_000) / 1_000_000

// ─── Images (docs/cloud/media.md §1) ─────────────────────────────────────────────────────────────────

export interface ImageModel {
  id: string
  provider: string
  /** Gateway price of one image, before markup. */
  pricePerImage: number
  mimeType: 'image/png' | 'image/webp'
}

export const DEFAULT_IMAGE_MODEL = 'google/gemini-2.5-flash-image'

export const IMAGE_MODELS: readonly ImageModel[] = [
  // $0.039 × 1.2 = $0.0468, the low end of the summary range; 2 images = the note's $0.0936.
  {
    id: 'google/gemini-2.5-flash-image',
    provider: 'google',
    pricePerImage: 0.039,
    mimeType: 'image/png',
  },
  {
    id: 'google/gemini-3-pro-image',
    provider: 'google',
    pricePerImage: 0.08,
    mimeType: 'image/png',
  },
  {
    id: 'google/gemini-3.1-flash-image-preview',
    provider: 'google',
    pricePerImage: 0.045,
    mimeType: 'image/png',
  },
  // gpt-image-2 always answers WebP (docs/cloud/media.md §1 response table).
  { id: 'openai/gpt-image-2', provider: 'openai', pricePerImage: 0.053, mimeType: 'image/webp' },
  { id: 'bfl/flux-kontext-max', provider: 'bfl', pricePerImage: 0.08, mimeType: 'image/png' },
]

/** Unknown ids silently fall back to the default model (docs/cloud/media.md §1, no error). */
export function resolveImageModel(id: unknown): ImageModel {
  const found = IMAGE_MODELS.find((m) => m.id === id)
  return found ?? (IMAGE_MODELS[0] as ImageModel)
}

export const ASPECT_RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '21:9', '9:21'] as const
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

// The ratio is only a text hint to the model, which picks the pixels (docs/cloud/media.md §1). These are
// the sizes Gemini image models answer for each ratio; anything else gets the square default.
const GEMINI_SIZES: Record<string, [number, number]> = {
  '1:1': [1024, 1024],
  '16:9': [1344, 768],
  '9:16': [768, 1344],
  '4:3': [1184, 864],
  '3:4': [864, 1184],
  '21:9': [1536, 672],
  '9:21': [672, 1536],
}

/** Pixel size the model would produce for `aspectRatio` (any value is accepted). */
export function imageSize(model: ImageModel, aspectRatio: unknown): [number, number] {
  const gemini = GEMINI_SIZES[String(aspectRatio)] ?? [1024, 1024]
  if (model.id !== 'openai/gpt-image-2') return gemini
  // gpt-image models know three sizes only.
  const [w, h] = gemini
  return w === h ? [1024, 1024] : w > h ? [1536, 1024] : [1024, 1536]
}

// ─── Video (docs/cloud/media.md §2) ──────────────────────────────────────────────────────────────────

export interface VideoModel {
  id: string
  /** Default length in seconds, which is also what the sandbox renders. */
  seconds: number
  audio: boolean
  /** Provider unit price before markup: per second of the default length, or per request. */
  unitPrice: number
  unit: 'second' | 'request'
}

export const DEFAULT_VIDEO_MODEL = 'fal-ai/veo3'

// Prices chosen so every quote lies in the summary's $0.336–$3.84 range (docs/cloud/billing.md §10):
// veo3 at $0.40/s × 8 s × 1.2 = $3.84 (max), Hailuo standard $0.28 × 1.2 = $0.336 (min).
export const VIDEO_MODELS: readonly VideoModel[] = [
  { id: 'fal-ai/veo3', seconds: 8, audio: true, unitPrice: 0.4, unit: 'second' },
  { id: 'fal-ai/veo3/fast', seconds: 8, audio: true, unitPrice: 0.15, unit: 'second' },
  { id: 'fal-ai/veo3.1', seconds: 8, audio: true, unitPrice: 0.4, unit: 'second' },
  { id: 'fal-ai/veo3.1/fast', seconds: 8, audio: true, unitPrice: 0.15, unit: 'second' },
  { id: 'fal-ai/veo3.1/lite', seconds: 8, audio: true, unitPrice: 0.05, unit: 'second' },
  {
    id: 'fal-ai/kling-video/v3/standard/text-to-video',
    seconds: 5,
    audio: false,
    unitPrice: 0.084,
    unit: 'second',
  },
  {
    id: 'fal-ai/kling-video/v3/pro/text-to-video',
    seconds: 5,
    audio: false,
    unitPrice: 0.112,
    unit: 'second',
  },
  {
    id: 'fal-ai/kling-video/v2.6/pro/text-to-video',
    seconds: 5,
    audio: false,
    unitPrice: 0.07,
    unit: 'second',
  },
  {
    id: 'fal-ai/minimax/hailuo-2.3/standard/text-to-video',
    seconds: 6,
    audio: false,
    unitPrice: 0.28,
    unit: 'request',
  },
  // The note gives no default length for Hailuo pro; the sandbox renders 6 s like standard.
  {
    id: 'fal-ai/minimax/hailuo-2.3/pro/text-to-video',
    seconds: 6,
    audio: false,
    unitPrice: 0.49,
    unit: 'request',
  },
  { id: 'wan/v2.6/text-to-video', seconds: 5, audio: false, unitPrice: 0.1, unit: 'second' },
  {
    id: 'fal-ai/pixverse/v5/text-to-video',
    seconds: 5,
    audio: false,
    unitPrice: 0.3,
    unit: 'request',
  },
  {
    id: 'fal-ai/pixverse/v5.5/text-to-video',
    seconds: 5,
    audio: false,
    unitPrice: 0.3,
    unit: 'request',
  },
  {
    id: 'fal-ai/pixverse/v5.6/text-to-video',
    seconds: 5,
    audio: false,
    unitPrice: 0.3,
    unit: 'request',
  },
  {
    id: 'bytedance/seedance-2.0/text-to-video',
    seconds: 8,
    audio: true,
    unitPrice: 0.3,
    unit: 'second',
  },
  {
    id: 'bytedance/seedance-2.0/fast/text-to-video',
    seconds: 8,
    audio: true,
    unitPrice: 0.1,
    unit: 'second',
  },
]

export const findVideoModel = (id: string) => VIDEO_MODELS.find((m) => m.id === id)

/** Provider price × default length (or 1 request) × 1.2 (docs/cloud/media.md §2). */
export const videoPrice = (m: VideoModel) =>
  usd(m.unitPrice * (m.unit === 'second' ? m.seconds : 1) * MARKUP)

// ─── Voice (docs/cloud/media.md §5) ──────────────────────────────────────────────────────────────────

/** Per-character TTS rates before markup (docs/cloud/media.md §5.1); other model ids have no price. */
export const TTS_MODEL_RATES: Record<string, number> = {
  eleven_flash_v2_5: 0.00005,
  eleven_turbo_v2_5: 0.00005,
  eleven_multilingual_v2: 0.0001,
  eleven_v3: 0.0001,
}
export const DEFAULT_TTS_MODEL = 'eleven_flash_v2_5'
export const DEFAULT_VOICE_ID = 'EXAVITQu4vr4xnSDxMaL'
/** Cloned voices cost a further 10 % (docs/cloud/media.md §5.1). */
export const CLONED_VOICE_FACTOR = 1.1

export const CLONE_PRICES = { instant: usd(0.42 * MARKUP), professional: usd(1.67 * MARKUP) }

/** STT: $0.22 per hour of audio × 1.2, at least 1 s (docs/cloud/media.md §5.2). */
export const sttPrice = (seconds: number) => usd((Math.max(1, seconds) / 3600) * 0.22 * MARKUP)

/** How the sandbox speaks with a voice: an eSpeak-NG variant, pitch (0–99) and speed (wpm). */
export interface SynthParams {
  variant: string
  pitch: number
  speed: number
}

export interface PremadeVoice {
  voiceId: string
  name: string
  category: 'premade' | 'professional'
  labels: Record<string, string>
  description: string
  synth: SynthParams
}

// ElevenLabs' public premade voices (their real ids), each mapped to a distinct eSpeak voice.
export const PREMADE_VOICES: readonly PremadeVoice[] = [
  {
    voiceId: 'EXAVITQu4vr4xnSDxMaL',
    name: 'Sarah',
    category: 'premade',
    labels: { accent: 'american', age: 'young', gender: 'female', use_case: 'news' },
    description: 'Soft, young American female voice.',
    synth: { variant: 'f2', pitch: 62, speed: 165 },
  },
  {
    voiceId: '21m00Tcm4TlvDq8ikWAM',
    name: 'Rachel',
    category: 'premade',
    labels: { accent: 'american', age: 'young', gender: 'female', use_case: 'narration' },
    description: 'Calm American female narrator.',
    synth: { variant: 'f3', pitch: 55, speed: 155 },
  },
  {
    voiceId: 'pNInz6obpgDQGcFmaJgB',
    name: 'Adam',
    category: 'premade',
    labels: { accent: 'american', age: 'middle aged', gender: 'male', use_case: 'narration' },
    description: 'Deep American male voice.',
    synth: { variant: 'm3', pitch: 30, speed: 150 },
  },
  {
    voiceId: 'ErXwobaYiN019PkySvjV',
    name: 'Antoni',
    category: 'premade',
    labels: { accent: 'american', age: 'young', gender: 'male', use_case: 'narration' },
    description: 'Well-rounded young male voice.',
    synth: { variant: 'm1', pitch: 45, speed: 170 },
  },
  {
    voiceId: 'MF3mGyEYCl7XYWbV9V6O',
    name: 'Elli',
    category: 'premade',
    labels: { accent: 'american', age: 'young', gender: 'female', use_case: 'narration' },
    description: 'Emotional young female voice.',
    synth: { variant: 'f4', pitch: 70, speed: 175 },
  },
  {
    voiceId: 'TxGEqnHWrfWFTfGW9XjX',
    name: 'Josh',
    category: 'premade',
    labels: { accent: 'american', age: 'young', gender: 'male', use_case: 'narration' },
    description: 'Deep young male voice.',
    synth: { variant: 'm2', pitch: 35, speed: 160 },
  },
  {
    voiceId: 'VR6AewLTigWG4xSOukaG',
    name: 'Arnold',
    category: 'premade',
    labels: { accent: 'american', age: 'middle aged', gender: 'male', use_case: 'narration' },
    description: 'Crisp middle-aged male voice.',
    synth: { variant: 'm7', pitch: 25, speed: 140 },
  },
  {
    voiceId: 'onwK4e9ZLuTAKqWW03F9',
    name: 'Daniel',
    category: 'professional',
    labels: { accent: 'british', age: 'middle aged', gender: 'male', use_case: 'news' },
    description: 'Authoritative British news presenter.',
    synth: { variant: 'm4', pitch: 40, speed: 150 },
  },
]

/** eSpeak-NG variants a cloned voice can get (all ship with the WASM build). */
export const CLONE_VARIANTS = [
  'm1',
  'm2',
  'm3',
  'm4',
  'm5',
  'm6',
  'm7',
  'f1',
  'f2',
  'f3',
  'f4',
  'f5',
]
