import { ASPECT_RATIOS, IMAGE_MODELS, MAX_IMAGES, STYLE_PRESETS } from './constants'
import { DEFAULT_FORM } from './restore'
import type { ImageFormValues } from './schemas'

/** The form's settings besides the prompt, kept as one localStorage draft (docs/media.md §Settings kept). */
export const SETTINGS_DRAFT = 'eliza-console:media-draft:image-settings'

export type ImageSettings = Omit<ImageFormValues, 'prompt'>

export const toSettingsDraft = ({
  numImages,
  aspectRatio,
  stylePreset,
  model,
}: ImageFormValues) => ({
  numImages,
  aspectRatio,
  stylePreset,
  model,
})

/** The stored settings, each checked on its own: a bad or missing one falls back to its default. */
export function parseSettingsDraft(raw: string): ImageSettings {
  const base: ImageSettings = toSettingsDraft(DEFAULT_FORM)
  let value: unknown
  try {
    value = raw ? JSON.parse(raw) : null
  } catch {
    return base
  }
  if (typeof value !== 'object' || value === null) return base
  const v = value as Record<string, unknown>
  const numImages =
    typeof v.numImages === 'number' && Number.isInteger(v.numImages) && v.numImages >= 1
      ? Math.min(MAX_IMAGES, v.numImages)
      : base.numImages
  const aspectRatio = ASPECT_RATIOS.find((r) => r === v.aspectRatio) ?? base.aspectRatio
  const stylePreset = STYLE_PRESETS.find((s) => s === v.stylePreset) ?? base.stylePreset
  const model = IMAGE_MODELS.find((m) => m.id === v.model)?.id ?? base.model
  return { numImages, aspectRatio, stylePreset, model }
}
