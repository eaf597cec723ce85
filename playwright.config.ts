import { defineConfig } from '@playwright/test'
import { PROXY_PORT, STACKS } from './e2e/env.ts'
import { installedChromium } from './scripts/chromium.mjs'

// `npm test` resolves the browser (scripts/chromium.mjs) and passes it as CHROMIUM_PATH; run on its
// own, the config takes a Chromium already on the machine, else Playwright's own download.
const executablePath = process.env.CHROMIUM_PATH || installedChromium()?.path
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // A fake microphone (a tone) that needs no permission prompt: the voice studio's recorder.
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
]

export default defineConfig({
  testDir: 'e2e',
  // Per port, so two runs side by side do not wipe each other's results.
  outputDir: `test-results/e2e-${PROXY_PORT}`,
  fullyParallel: false,
  // One stack (sandbox + proxy) per worker (E2E_WORKERS, default 1): a test resets only its own
  // worker's sandbox (e2e/fixtures.ts).
  workers: STACKS.length,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [['list'], ['json']],
  use: {
    // Each test's baseURL is its worker's proxy (fixtures.ts); this is the default for anything else.
    baseURL: STACKS[0]!.baseUrl,
    launchOptions: {
      executablePath,
      args: chromiumArgs,
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'console', testIgnore: /key-leak\.spec\.ts/ },
    // Runs after every other test, then reads the logs and the built assets of the whole run.
    { name: 'key-leak', testMatch: /key-leak\.spec\.ts/, dependencies: ['console'] },
  ],
  webServer: STACKS.map((stack, index) => ({
    command: 'node --import tsx e2e/servers.ts',
    env: { E2E_STACK: String(index) },
    url: `${stack.baseUrl}/_console/info`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
  })),
})
