/**
 * How long this browser's last successful call of each model took, so a running call can be shown
 * against an expectation the console actually observed. The cloud gives no per-model estimate,
 * only "typically 30–180 s" (docs/cloud/media.md §2); without an observation that range is what is shown.
 */
const STORAGE_KEY = 'console.media.video.durations'

type Durations = Record<string, number>

function read(): Durations {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY)
    const value: unknown = raw ? JSON.parse(raw) : {}
    if (typeof value !== 'object' || value === null) return {}
    return Object.fromEntries(
      Object.entries(value).filter(
        (entry): entry is [string, number] =>
          typeof entry[1] === 'number' && Number.isFinite(entry[1]) && entry[1] > 0,
      ),
    )
  } catch {
    return {} // disabled storage or a hand-edited value: nothing observed
  }
}

/** Milliseconds the last successful call of `model` took here, or `null`. */
export function lastRunMs(model: string): number | null {
  return read()[model] ?? null
}

export function recordRunMs(model: string, ms: number): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify({ ...read(), [model]: ms }))
  } catch {
    // storage full or disabled: the next run shows the documented range instead
  }
}
