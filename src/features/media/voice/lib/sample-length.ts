import type { CloneType } from '../api/schemas'

/**
 * The clone route's guidance on how much speech a voice needs (docs/media.md §Voice samples): about
 * 1–3 minutes for an instant clone, 30 minutes or more for a professional one. The cloud does not
 * enforce it, so falling short is a warning to confirm, not a refusal.
 */
export const CLONE_GUIDANCE_SECONDS: Record<CloneType, number> = {
  instant: 60,
  professional: 30 * 60,
}

export const GUIDANCE_TEXT: Record<CloneType, string> = {
  instant: 'about 1–3 minutes of clean speech',
  professional: '30 minutes or more of clean speech',
}

const cache = new WeakMap<File, Promise<number | null>>()

/** The length of a sample the console made itself (a recording), known without reading it. */
export function rememberSampleSeconds(file: File, seconds: number): void {
  cache.set(file, Promise.resolve(seconds))
}

/**
 * A sample's length in seconds, read by the browser from the file's metadata; null when the
 * browser cannot tell (an unsupported codec, a recording without a duration header).
 */
export function sampleSeconds(file: File): Promise<number | null> {
  let pending = cache.get(file)
  if (!pending) {
    pending = new Promise((resolve) => {
      if (typeof Audio === 'undefined') return resolve(null)
      const url = URL.createObjectURL(file)
      const audio = new Audio()
      const done = (seconds: number | null) => {
        URL.revokeObjectURL(url)
        audio.removeAttribute('src')
        resolve(seconds)
      }
      audio.preload = 'metadata'
      audio.addEventListener(
        'loadedmetadata',
        () => done(Number.isFinite(audio.duration) && audio.duration > 0 ? audio.duration : null),
        { once: true },
      )
      audio.addEventListener('error', () => done(null), { once: true })
      audio.src = url
    })
    cache.set(file, pending)
  }
  return pending
}

export type SampleLength = { seconds: number; unknown: number }

/** The known total length of a set of samples, and how many could not be measured. */
export async function samplesLength(files: readonly File[]): Promise<SampleLength> {
  const all = await Promise.all(files.map(sampleSeconds))
  return {
    seconds: all.reduce<number>((sum, s) => sum + (s ?? 0), 0),
    unknown: all.filter((s) => s === null).length,
  }
}

/** "1 min 05 s", "42 s". */
export function formatSeconds(total: number): string {
  const s = Math.round(total)
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  return `${m} min ${String(s % 60).padStart(2, '0')} s`
}

/**
 * The warning for a set shorter than the guidance, or null when it is long enough (or nothing could
 * be measured, which is said next to the files instead).
 */
export function shortSamplesWarning(length: SampleLength, cloneType: CloneType): string | null {
  if (length.seconds === 0 || length.seconds >= CLONE_GUIDANCE_SECONDS[cloneType]) return null
  const unknown =
    length.unknown > 0
      ? ` (${length.unknown} more ${length.unknown === 1 ? 'file' : 'files'} of unknown length)`
      : ''
  const kind = cloneType === 'instant' ? 'An instant' : 'A professional'
  return `Your samples add up to ${formatSeconds(length.seconds)}${unknown}. ${kind} clone wants ${GUIDANCE_TEXT[cloneType]}; with less the voice sounds less like the speaker. The clone is charged either way.`
}
