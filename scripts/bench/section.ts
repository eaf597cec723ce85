// The shape every part of `npm run bench` shares, so a new part (issue #4: sandbox chat requests/s
// and time to first token, direct and through the proxy) is one more entry in `scripts/bench.ts`.

/** A figure checked against a goal. `limit: 'max'` means the value must not exceed `target`. */
export interface TargetCheck {
  value: number | null
  target: number
  limit: 'max' | 'min'
  unit: string
  /** null when the figure could not be measured (e.g. nginx absent). */
  met: boolean | null
  note?: string
}

export interface SectionResult {
  /** Written to `bench.json` under the section's key. */
  data: unknown
  /** Merged into `bench.json`'s `targets`. */
  targets: Record<string, TargetCheck>
  /** The readable table printed at the end of the run. */
  lines: string[]
}

export interface BenchOptions {
  /** Repository root. */
  root: string
  rounds: number
  seconds: number
  connections: number
}

export interface BenchSection {
  /** Key in `bench.json`, e.g. `bundle`, `proxy`. */
  key: string
  title: string
  run(options: BenchOptions): Promise<SectionResult>
}

export function check(
  value: number | null,
  target: number,
  limit: 'max' | 'min',
  unit: string,
  note?: string,
): TargetCheck {
  const met = value === null ? null : limit === 'max' ? value <= target : value >= target
  return note === undefined
    ? { value, target, limit, unit, met }
    : { value, target, limit, unit, met, note }
}
