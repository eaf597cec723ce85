/**
 * The video models `POST /api/v1/generate-video` accepts, with the default length each one renders
 * and how its provider bills (docs/cloud/media.md §2, "Models and default billing parameters"). No endpoint
 * lists them: the cloud names the valid ids only in the 400 for an unknown `model`, and that call
 * would use up one of the five calls per five minutes. Per-model prices are not published either
 * (docs/cloud/media.md §6 gives only the range, which `GET /api/v1/pricing/summary` serves live).
 */
export interface VideoModel {
  id: string
  label: string
  /** Default output length in seconds; `null` where the note gives none (Hailuo 2.3 pro). */
  seconds: number | null
  /** Whether the default output has sound; `null` where the note does not say. */
  audio: boolean | null
  /** The provider's billing unit: per second of the default length, or per request. */
  unit: 'second' | 'request'
}

/**
 * The form's model when the user has not picked one yet: the low end of the cloud's price range,
 * never the cloud's own default (`fal-ai/veo3`), which is the top of it (docs/media.md §Settings kept).
 */
export const DEFAULT_VIDEO_MODEL = 'fal-ai/minimax/hailuo-2.3/standard/text-to-video'

export const VIDEO_MODELS: readonly VideoModel[] = [
  { id: 'fal-ai/veo3', label: 'Veo 3', seconds: 8, audio: true, unit: 'second' },
  { id: 'fal-ai/veo3/fast', label: 'Veo 3 Fast', seconds: 8, audio: true, unit: 'second' },
  { id: 'fal-ai/veo3.1', label: 'Veo 3.1', seconds: 8, audio: true, unit: 'second' },
  { id: 'fal-ai/veo3.1/fast', label: 'Veo 3.1 Fast', seconds: 8, audio: true, unit: 'second' },
  { id: 'fal-ai/veo3.1/lite', label: 'Veo 3.1 Lite', seconds: 8, audio: true, unit: 'second' },
  {
    id: 'fal-ai/kling-video/v3/standard/text-to-video',
    label: 'Kling 3 Standard',
    seconds: 5,
    audio: false,
    unit: 'second',
  },
  {
    id: 'fal-ai/kling-video/v3/pro/text-to-video',
    label: 'Kling 3 Pro',
    seconds: 5,
    audio: false,
    unit: 'second',
  },
  {
    id: 'fal-ai/kling-video/v2.6/pro/text-to-video',
    label: 'Kling 2.6 Pro',
    seconds: 5,
    audio: false,
    unit: 'second',
  },
  {
    id: 'fal-ai/minimax/hailuo-2.3/standard/text-to-video',
    label: 'Hailuo 2.3 Standard',
    seconds: 6,
    audio: null,
    unit: 'request',
  },
  {
    id: 'fal-ai/minimax/hailuo-2.3/pro/text-to-video',
    label: 'Hailuo 2.3 Pro',
    seconds: null,
    audio: null,
    unit: 'request',
  },
  { id: 'wan/v2.6/text-to-video', label: 'Wan 2.6', seconds: 5, audio: null, unit: 'second' },
  {
    id: 'fal-ai/pixverse/v5/text-to-video',
    label: 'PixVerse 5',
    seconds: 5,
    audio: false,
    unit: 'request',
  },
  {
    id: 'fal-ai/pixverse/v5.5/text-to-video',
    label: 'PixVerse 5.5',
    seconds: 5,
    audio: false,
    unit: 'request',
  },
  {
    id: 'fal-ai/pixverse/v5.6/text-to-video',
    label: 'PixVerse 5.6',
    seconds: 5,
    audio: false,
    unit: 'request',
  },
  {
    id: 'bytedance/seedance-2.0/text-to-video',
    label: 'Seedance 2.0',
    seconds: 8,
    audio: true,
    unit: 'second',
  },
  {
    id: 'bytedance/seedance-2.0/fast/text-to-video',
    label: 'Seedance 2.0 Fast',
    seconds: 8,
    audio: true,
    unit: 'second',
  },
]

export const findVideoModel = (id: string): VideoModel | undefined =>
  VIDEO_MODELS.find((m) => m.id === id)

/** A model's readable name; an id the list does not know (an old gallery item) is shown as is. */
export const videoModelLabel = (id: string): string => findVideoModel(id)?.label ?? id

/** "8 s, with audio", "5 s, silent", "length not documented". */
export function describeVideoModel(model: VideoModel): string {
  const length = model.seconds === null ? 'length not documented' : `${model.seconds} s`
  const sound = model.audio === null ? '' : model.audio ? ', with audio' : ', silent'
  return `${length}${sound}`
}

/** "billed per second of its 8 s" or "billed per request" (docs/cloud/media.md §2, billing unit). */
export function describeBilling(model: VideoModel): string {
  return model.unit === 'second' && model.seconds !== null
    ? `billed per second of its ${model.seconds} s`
    : 'billed per request'
}

/**
 * How long a call may take: "typically 30–180 s", and the function limit of 300 s after which the
 * cloud gives up (docs/cloud/media.md §2, "Processing and billing").
 */
export const TYPICAL_WAIT_SECONDS = { min: 30, max: 180 } as const
export const CLOUD_LIMIT_SECONDS = 300

/** The model the form last used, kept across reload and Back (docs/media.md §Settings kept). */
export const MODEL_DRAFT = 'eliza-console:media-draft:video-model'

/** A stored model id that is still offered, or the default. */
export const initialVideoModel = (stored: string): string =>
  findVideoModel(stored)?.id ?? DEFAULT_VIDEO_MODEL
