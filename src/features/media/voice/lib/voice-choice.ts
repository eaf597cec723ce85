import { DEFAULT_TTS_MODEL, DEFAULT_VOICE_ID, isTtsModel, type TtsModelId } from '../api/constants'

/**
 * The voice and TTS model last picked, so a visit without them in the URL (the sidebar link, Back
 * to a bare address) starts from them rather than the defaults (docs/media.md §Settings kept).
 */
const KEY = 'eliza-console:media-draft:voice-choice'

export type VoiceChoice = { voice: string; model: TtsModelId }

export function readVoiceChoice(): VoiceChoice {
  const fallback = { voice: DEFAULT_VOICE_ID, model: DEFAULT_TTS_MODEL }
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null')
    if (typeof value !== 'object' || value === null) return fallback
    const { voice, model } = value as Record<string, unknown>
    return {
      voice:
        typeof voice === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(voice) ? voice : fallback.voice,
      model: typeof model === 'string' && isTtsModel(model) ? model : fallback.model,
    }
  } catch {
    return fallback
  }
}

export function saveVoiceChoice(choice: VoiceChoice): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(choice))
  } catch {
    // Private mode or a full quota: the URL still holds the choice.
  }
}
