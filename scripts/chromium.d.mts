// Types of scripts/chromium.mjs (plain JavaScript, so `node scripts/test.mjs` needs no compiler).
export const SYSTEM_CHROMIUM: string
export const MAC_CHROMIUM: readonly string[]

export type ChromiumSource = 'CHROMIUM_PATH' | 'system' | 'apt' | 'playwright'
export interface ResolvedChromium {
  path: string
  source: ChromiumSource
  /** For the log line: which one it is, in words. */
  label: string
}

export interface ChromiumDeps {
  env: Record<string, string | undefined>
  platform: string
  isExecutable(file: string): boolean
  /** True when the command exits with 0. */
  run(command: string, args: string[]): boolean
  hasCommand(command: string): boolean
  isRoot: boolean
  /** Where Playwright's own Chromium is (or would be once downloaded). */
  playwrightChromium(): string | null
  log(line: string): void
}

export function findChromium(
  deps: Pick<ChromiumDeps, 'env' | 'platform' | 'isExecutable' | 'playwrightChromium'>,
): ResolvedChromium | null
export function resolveChromium(deps: ChromiumDeps): ResolvedChromium | null
export function installedChromium(playwrightChromium?: () => string | null): ResolvedChromium | null
export function machineDeps(root: string): Promise<ChromiumDeps>
