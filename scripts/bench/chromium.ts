// The Chromium every browser section of the bench launches, and how: CHROMIUM_PATH, the system's, or
// Playwright's own download, whichever is already there (scripts/chromium.mjs; the bench installs
// nothing: `npm test` does).
import { chromium, type Browser } from '@playwright/test'
import { installedChromium, SYSTEM_CHROMIUM } from '../chromium.mjs'

const found = installedChromium(() => {
  try {
    return chromium.executablePath()
  } catch {
    return null // a platform Playwright has no build for
  }
})

/** The browser's path; when none is there, the system path, which sections report as missing. */
export const CHROMIUM = found?.path ?? SYSTEM_CHROMIUM

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  })
}
