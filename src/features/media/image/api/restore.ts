import {
  DEFAULT_IMAGE_MODEL,
  IMAGE_MODELS,
  PROMPT_MAX,
  type AspectRatio,
  type StylePreset,
} from './constants'
import type { ImageFormValues, SavedSettings } from './schemas'

export const DEFAULT_FORM: ImageFormValues = {
  prompt: '',
  numImages: 1,
  aspectRatio: '1:1' satisfies AspectRatio,
  stylePreset: 'none' satisfies StylePreset,
  model: DEFAULT_IMAGE_MODEL,
}

export type RestorePlan = {
  values: ImageFormValues
  /** Reference to load from the reference store, if the run had one. */
  referenceKey: string | null
  /** Names of the settings that could not be recovered (their defaults are used). */
  missing: string[]
}

/**
 * What "Restore all settings" can bring back for a history item. The gallery keeps the prompt and
 * the model actually used (docs/cloud/media.md §3); the rest comes from this browser's saved settings, when
 * the image was made here.
 */
export function planRestore(
  item: { prompt: string; model: string },
  saved: SavedSettings | null,
): RestorePlan {
  const knownModel = IMAGE_MODELS.some((m) => m.id === item.model)
  const missing: string[] = []
  if (!knownModel) missing.push(`model (${item.model} is not offered here)`)
  const base = {
    prompt: item.prompt.slice(0, PROMPT_MAX),
    model: knownModel ? item.model : DEFAULT_IMAGE_MODEL,
  }
  if (!saved) {
    missing.push('number of images', 'aspect ratio', 'style preset', 'reference image (if any)')
    return {
      values: { ...DEFAULT_FORM, ...base },
      referenceKey: null,
      missing,
    }
  }
  return {
    values: {
      ...base,
      numImages: saved.numImages,
      aspectRatio: saved.aspectRatio,
      stylePreset: saved.stylePreset,
    },
    referenceKey: saved.referenceKey,
    missing,
  }
}
