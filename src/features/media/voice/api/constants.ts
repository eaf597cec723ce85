// Plain constants, no zod: the voice route's search validation imports them, and route options
// ship in the first page's JS.

/** TTS models the cloud prices; any other id answers 500 (docs/cloud/media.md §5.1). */
export const TTS_MODELS = [
  { id: 'eleven_flash_v2_5', label: 'Flash v2.5 (fast)' },
  { id: 'eleven_turbo_v2_5', label: 'Turbo v2.5' },
  { id: 'eleven_multilingual_v2', label: 'Multilingual v2' },
  { id: 'eleven_v3', label: 'Eleven v3' },
] as const
export type TtsModelId = (typeof TTS_MODELS)[number]['id']
export const DEFAULT_TTS_MODEL: TtsModelId = 'eleven_flash_v2_5'
export const isTtsModel = (id: string): id is TtsModelId => TTS_MODELS.some((m) => m.id === id)

/** The server's default voice when `voiceId` is left out (docs/cloud/media.md §5.1). */
export const DEFAULT_VOICE_ID = 'EXAVITQu4vr4xnSDxMaL'
