// The order in which the tests find (or install) a Chromium, on fake machines: nothing is installed.
import { describe, expect, it } from 'vitest'
import { findChromium, resolveChromium, type ChromiumDeps } from './chromium.mjs'

const PLAYWRIGHT = '/home/u/.cache/ms-playwright/chromium-1200/chrome-linux/chrome'
const MAC_APP = '/Applications/Chromium.app/Contents/MacOS/Chromium'

interface Machine {
  env?: Record<string, string>
  platform?: string
  files?: string[]
  commands?: string[]
  isRoot?: boolean
  /** What each command puts on disk when it runs; a command not listed fails. */
  installs?: Record<string, string>
}

function fake(m: Machine) {
  const files = new Set(m.files ?? [])
  const ran: string[] = []
  const logs: string[] = []
  const deps: ChromiumDeps = {
    env: m.env ?? {},
    platform: m.platform ?? 'linux',
    isExecutable: (file) => files.has(file),
    run: (command, args) => {
      const line = [command, ...args].join(' ')
      ran.push(line)
      const installed = m.installs?.[line]
      if (installed === undefined) return false
      if (installed) files.add(installed)
      return true
    },
    hasCommand: (command) => (m.commands ?? []).includes(command),
    isRoot: m.isRoot ?? false,
    playwrightChromium: () => PLAYWRIGHT,
    log: (line) => logs.push(line),
  }
  return { deps, ran, logs }
}

describe('resolveChromium', () => {
  it('takes CHROMIUM_PATH first when it is executable', () => {
    const { deps, ran } = fake({
      env: { CHROMIUM_PATH: '/opt/chrome/chrome' },
      files: ['/opt/chrome/chrome', '/usr/bin/chromium'],
      commands: ['apt-get'],
    })
    expect(resolveChromium(deps)).toMatchObject({
      path: '/opt/chrome/chrome',
      source: 'CHROMIUM_PATH',
    })
    expect(ran).toEqual([])
  })

  it('says so and moves on when CHROMIUM_PATH is not executable', () => {
    const { deps, logs } = fake({
      env: { CHROMIUM_PATH: '/nope/chrome' },
      files: ['/usr/bin/chromium'],
    })
    expect(resolveChromium(deps)).toMatchObject({ path: '/usr/bin/chromium', source: 'system' })
    expect(logs[0]).toMatch(/CHROMIUM_PATH=\/nope\/chrome is not an executable file/)
  })

  it("uses the system's Chromium, then on macOS the app", () => {
    expect(resolveChromium(fake({ files: ['/usr/bin/chromium'] }).deps)?.source).toBe('system')
    const mac = fake({ platform: 'darwin', files: [MAC_APP] })
    expect(resolveChromium(mac.deps)).toMatchObject({ path: MAC_APP, source: 'system' })
    expect(mac.ran).toEqual([])
    // The macOS path means nothing on Linux.
    const linux = fake({
      files: [MAC_APP],
      installs: { 'npx playwright install chromium': PLAYWRIGHT },
    })
    expect(resolveChromium(linux.deps)?.source).toBe('playwright')
  })

  it("installs Debian's package with apt-get where there is one, through sudo when not root", () => {
    const user = fake({
      commands: ['apt-get', 'sudo'],
      installs: {
        'sudo apt-get update': '',
        'sudo apt-get install -y chromium': '/usr/bin/chromium',
      },
    })
    expect(resolveChromium(user.deps)).toMatchObject({ path: '/usr/bin/chromium', source: 'apt' })
    expect(user.ran).toEqual(['sudo apt-get update', 'sudo apt-get install -y chromium'])

    const root = fake({
      commands: ['apt-get'],
      isRoot: true,
      installs: { 'apt-get update': '', 'apt-get install -y chromium': '/usr/bin/chromium' },
    })
    expect(resolveChromium(root.deps)?.source).toBe('apt')
    expect(root.ran).toEqual(['apt-get update', 'apt-get install -y chromium'])
  })

  it("falls back to Playwright's download when apt-get fails, or there is none, or no sudo", () => {
    const download = { 'npx playwright install chromium': PLAYWRIGHT }
    for (const m of [
      { commands: ['apt-get', 'sudo'], installs: { ...download, 'sudo apt-get update': '' } },
      { platform: 'darwin', installs: download },
      { commands: ['apt-get'], installs: download }, // not root, no sudo: apt is not tried
    ]) {
      const { deps, ran } = fake(m)
      expect(resolveChromium(deps)).toMatchObject({ path: PLAYWRIGHT, source: 'playwright' })
      expect(ran.at(-1)).toBe('npx playwright install chromium')
      if (!m.commands?.includes('sudo')) expect(ran).toEqual(['npx playwright install chromium'])
    }
  })

  it("uses Playwright's Chromium already downloaded without running anything", () => {
    const { deps, ran } = fake({ platform: 'darwin', files: [PLAYWRIGHT] })
    expect(resolveChromium(deps)).toMatchObject({ path: PLAYWRIGHT, source: 'playwright' })
    expect(ran).toEqual([])
  })

  it('returns null, with a hint, when everything fails', () => {
    const { deps, logs } = fake({ commands: ['apt-get'], isRoot: true })
    expect(resolveChromium(deps)).toBeNull()
    expect(logs.at(-1)).toMatch(/set CHROMIUM_PATH/)
  })
})

describe('findChromium', () => {
  it('never installs: CHROMIUM_PATH, the system, Playwright’s download, else null', () => {
    const base = { platform: 'linux', playwrightChromium: () => PLAYWRIGHT }
    const has =
      (...files: string[]) =>
      (f: string) =>
        files.includes(f)
    const env = { CHROMIUM_PATH: '/opt/c' }
    expect(
      findChromium({ ...base, env, isExecutable: has('/opt/c', '/usr/bin/chromium') })?.path,
    ).toBe('/opt/c')
    expect(findChromium({ ...base, env, isExecutable: has('/usr/bin/chromium') })?.path).toBe(
      '/usr/bin/chromium',
    )
    expect(findChromium({ ...base, env: {}, isExecutable: has(PLAYWRIGHT) })?.source).toBe(
      'playwright',
    )
    expect(findChromium({ ...base, env: {}, isExecutable: has() })).toBeNull()
  })
})
