// Which Chromium the tests and the bench drive. In order: `CHROMIUM_PATH` when it names an
// executable; the system's Chromium (`/usr/bin/chromium`, or the macOS app); Debian's package
// installed with apt-get where there is apt-get (through sudo when not root); else Playwright's own
// browser download. `npm test` resolves it once and hands the path on as CHROMIUM_PATH.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export const SYSTEM_CHROMIUM = '/usr/bin/chromium'
export const MAC_CHROMIUM = [
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
]

/** @typedef {'CHROMIUM_PATH' | 'system' | 'apt' | 'playwright'} ChromiumSource */
/** @typedef {{ path: string, source: ChromiumSource, label: string }} ResolvedChromium */

/**
 * What the resolution may do; tests pass fakes, so nothing is installed there.
 * @typedef {object} ChromiumDeps
 * @property {Record<string, string | undefined>} env
 * @property {string} platform `process.platform`
 * @property {(file: string) => boolean} isExecutable
 * @property {(command: string, args: string[]) => boolean} run true when the command exits with 0
 * @property {(command: string) => boolean} hasCommand
 * @property {boolean} isRoot
 * @property {() => string | null} playwrightChromium where Playwright's own Chromium is (or would be)
 * @property {(line: string) => void} log
 */

/** The system's Chromium for this platform, without installing anything. */
function systemCandidates(platform) {
  return platform === 'darwin' ? [SYSTEM_CHROMIUM, ...MAC_CHROMIUM] : [SYSTEM_CHROMIUM]
}

/**
 * Finds a Chromium that is already there (CHROMIUM_PATH, the system's, Playwright's download);
 * never installs. For the bench and for `playwright test` run on its own.
 * @param {Pick<ChromiumDeps, 'env' | 'platform' | 'isExecutable' | 'playwrightChromium'>} deps
 * @returns {ResolvedChromium | null}
 */
export function findChromium(deps) {
  const configured = deps.env.CHROMIUM_PATH?.trim()
  if (configured && deps.isExecutable(configured)) {
    return { path: configured, source: 'CHROMIUM_PATH', label: 'CHROMIUM_PATH' }
  }
  for (const candidate of systemCandidates(deps.platform)) {
    if (deps.isExecutable(candidate)) {
      return { path: candidate, source: 'system', label: "the system's Chromium" }
    }
  }
  const own = deps.playwrightChromium()
  if (own && deps.isExecutable(own)) {
    return { path: own, source: 'playwright', label: "Playwright's own Chromium" }
  }
  return null
}

/**
 * Resolves a Chromium in the documented order, installing one when none is there: Debian's package
 * where apt-get exists, else Playwright's download. Returns null (after saying why) when all fail.
 * @param {ChromiumDeps} deps
 * @returns {ResolvedChromium | null}
 */
export function resolveChromium(deps) {
  const configured = deps.env.CHROMIUM_PATH?.trim()
  if (configured && !deps.isExecutable(configured)) {
    deps.log(`CHROMIUM_PATH=${configured} is not an executable file: looking elsewhere`)
  }
  const found = findChromium({ ...deps, playwrightChromium: () => null })
  if (found) return found

  if (deps.platform === 'linux' && deps.hasCommand('apt-get')) {
    const sudo = deps.isRoot ? [] : ['sudo']
    if (deps.isRoot || deps.hasCommand('sudo')) {
      deps.log(`no Chromium found: installing Debian's package (${[...sudo, 'apt-get'].join(' ')})`)
      const apt = (args) =>
        deps.run(sudo.length ? 'sudo' : 'apt-get', sudo.length ? ['apt-get', ...args] : args)
      if (
        apt(['update']) &&
        apt(['install', '-y', 'chromium']) &&
        deps.isExecutable(SYSTEM_CHROMIUM)
      ) {
        return { path: SYSTEM_CHROMIUM, source: 'apt', label: "Debian's chromium (just installed)" }
      }
      deps.log("apt-get could not install chromium: trying Playwright's own download")
    }
  }

  const own = deps.playwrightChromium()
  if (own && deps.isExecutable(own)) {
    return { path: own, source: 'playwright', label: "Playwright's own Chromium" }
  }
  deps.log("no Chromium found: downloading Playwright's own (npx playwright install chromium)")
  if (deps.run('npx', ['playwright', 'install', 'chromium'])) {
    const downloaded = deps.playwrightChromium()
    if (downloaded && deps.isExecutable(downloaded)) {
      return {
        path: downloaded,
        source: 'playwright',
        label: "Playwright's own Chromium (just downloaded)",
      }
    }
  }
  deps.log(
    'no Chromium could be found or installed: set CHROMIUM_PATH to a Chromium or Chrome binary',
  )
  return null
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

/**
 * A Chromium already on this machine (see `findChromium`), synchronously: for the Playwright config
 * when it runs without `npm test`, and for the bench.
 * @param {() => string | null} [playwrightChromium]
 * @returns {ResolvedChromium | null}
 */
export function installedChromium(playwrightChromium = () => null) {
  return findChromium({
    env: process.env,
    platform: process.platform,
    isExecutable,
    playwrightChromium,
  })
}

/**
 * The real machine: the environment, the file system, child processes, and Playwright's idea of
 * where its own Chromium lives (loaded lazily: the bench and the config import this module too).
 * @param {string} root the project folder (for `npx`)
 * @returns {Promise<ChromiumDeps>}
 */
export async function machineDeps(root) {
  const { chromium } = await import('@playwright/test')
  return {
    env: process.env,
    platform: process.platform,
    isExecutable,
    run: (command, args) =>
      spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
        .status === 0,
    hasCommand: (command) =>
      (process.env.PATH ?? '')
        .split(path.delimiter)
        .some((dir) => dir && isExecutable(path.join(dir, command))),
    isRoot: process.getuid?.() === 0,
    playwrightChromium: () => {
      try {
        return chromium.executablePath()
      } catch {
        return null
      }
    },
    log: (line) => console.log(`▶ Chromium: ${line}`),
  }
}
