// The console token in a real browser (docs/proxy.md §Console token): a generated token printed once
// at start, the sign-in form, a console_token cookie planted by another site on 127.0.0.1, and the
// throttle on wrong tokens. This test runs its own proxy (CONSOLE_TOKEN=generate, an ephemeral port)
// in front of the worker's sandbox, so the rest of the run keeps its token-free stack.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { CANARY_KEY, DIST_DIR } from './env.ts'
import { expect, test } from './fixtures.ts'

function stop(proxy: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proxy.exitCode !== null) return resolve()
    proxy.once('exit', () => resolve())
    proxy.kill('SIGKILL')
  })
}

test('a generated token: printed once, the form lets the browser in, a planted cookie and wrong guesses are refused', async ({
  page,
  context,
  stack,
}) => {
  test.setTimeout(60_000)
  // Its output is checked for the key with the stacks' own logs (key-leak.spec.ts).
  const log = fs.createWriteStream(path.join(stack.logDir, 'proxy-console-token.log'))
  let output = ''
  const proxy = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      ELIZACLOUD_API_KEY: CANARY_KEY,
      ELIZACLOUD_BASE_URL: `${stack.sandboxUrl}/api/v1`,
      CONSOLE_STATIC_DIR: DIST_DIR,
      CONSOLE_TOKEN: 'generate',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  for (const stream of [proxy.stdout, proxy.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      log.write(chunk)
    })
  }
  try {
    await expect.poll(() => output, { timeout: 30_000 }).toMatch(/shown only here\):\n\s+\S+\n/)
    const port = /Console: {2}http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)?.[1]
    const token = /shown only here\):\n\s+(\S+)\n/.exec(output)?.[1] ?? ''
    expect(port).toBeDefined()
    expect(token).toMatch(/^[\w-]{43}$/)
    expect(output.split(token)).toHaveLength(2) // printed exactly once
    const base = `http://127.0.0.1:${port}`

    // A page asks for the token first.
    await page.goto(`${base}/agents`)
    await expect(page).toHaveURL(`${base}/_console/sign-in`)
    const field = page.getByLabel('Console token')
    await field.fill('not-the-token')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert')).toHaveText('That token is not valid.')
    await page.getByLabel('Console token').fill(token)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page).toHaveURL(`${base}/`)
    await page.goto(`${base}/agents`)
    await expect(page.getByRole('heading', { level: 1, name: 'Agents' })).toBeVisible()

    // Another site on 127.0.0.1 (any port: cookies ignore it) plants a console_token cookie with a
    // narrower path, which the browser sends before the console's own.
    await context.addCookies([
      { name: 'console_token', value: 'planted', domain: '127.0.0.1', path: '/agents' },
    ])
    await page.goto(`${base}/agents`)
    await expect(page.getByRole('alert')).toContainText('Two console_token cookies were sent')
    await expect(page.getByRole('alert')).toContainText('Clear this site’s cookies')
    await expect(page.getByLabel('Console token')).toHaveCount(0)
    await context.clearCookies({ name: 'console_token', path: '/agents' })
    await page.goto(`${base}/agents`)
    await expect(page.getByRole('heading', { level: 1, name: 'Agents' })).toBeVisible()

    // Wrong guesses from this address: after five, a lock-out, shown on the form.
    await page.goto(`${base}/_console/sign-in`)
    for (let i = 0; i < 6; i++) {
      await page.getByLabel('Console token').fill(`guess-${i}`)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await expect(page.getByRole('alert')).toHaveText('That token is not valid.')
    }
    await page.getByLabel('Console token').fill(token)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert')).toHaveText(
      /^Too many wrong tokens from this address\. Try again in \d+ s\.$/,
    )
  } finally {
    await stop(proxy)
    log.end()
  }
})
