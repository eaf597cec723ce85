import type { CloneType, TtsModelId } from './schemas'

/**
 * Voice prices in USD, markup included, from the cloud's price list (docs/cloud/media.md §5.1, §5.3, §6).
 * The API's live pricing (GET /api/v1/pricing/summary, docs/cloud/billing.md §10) gives only the range per
 * 1,000 characters and per clone, not the rate of one model, so the exact figure of a run comes
 * from here and is labelled as the price list's.
 */
const MARKUP = 1.2
/** Per character before markup: flash/turbo $0.00005, multilingual/v3 $0.0001 (docs/cloud/media.md §6). */
const TTS_RATE: Record<TtsModelId, number> = {
  eleven_flash_v2_5: 0.00005,
  eleven_turbo_v2_5: 0.00005,
  eleven_multilingual_v2: 0.0001,
  eleven_v3: 0.0001,
}
/** Speaking with one of your own cloned voices costs a further 10 % (docs/cloud/media.md §5.1). */
const CLONED_VOICE_FACTOR = 1.1

export const CLONE_PRICE: Record<CloneType, number> = {
  instant: round(0.42 * MARKUP),
  professional: round(1.67 * MARKUP),
}

function round(usd: number): number {
  return Math.round(usd * 1_000_000) / 1_000_000
}

/** What speaking `characters` with this model (and voice kind) costs. */
export function ttsPrice(characters: number, modelId: TtsModelId, isClonedVoice: boolean): number {
  return round(characters * TTS_RATE[modelId] * MARKUP * (isClonedVoice ? CLONED_VOICE_FACTOR : 1))
}

/** USD per 1,000 characters for a model (markup included). */
export const ttsPricePer1k = (modelId: TtsModelId) => round(1000 * TTS_RATE[modelId] * MARKUP)
