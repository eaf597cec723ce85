// The console's server restarting while a page is open: the page says so, keeps what was typed, and
// recovers by itself when the server is back. This test runs its own proxy (in front of the worker's
// sandbox) so it can stop and start it without disturbing the rest of the run.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { CANARY_KEY, DIST_DIR, STACK_COUNT } from './env.ts'
import { expect, test } from './fixtures.ts'

async function startProxy(port: number, sandboxUrl: string, log: fs.WriteStream) {
  const proxy = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ELIZACLOUD_API_KEY: CANARY_KEY,
      ELIZACLOUD_BASE_URL: `${sandboxUrl}/api/v1`,
      CONSOLE_STATIC_DIR: DIST_DIR,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  proxy.stdout.pipe(log, { end: false })
  proxy.stderr.pipe(log, { end: false })
  await expect
    .poll(
      () =>
        fetch(`http://127.0.0.1:${port}/_console/info`).then(
          (res) => res.status,
          () => 0,
        ),
      { timeout: 30_000 },
    )
    .toBe(200)
  return proxy
}

function stop(proxy: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proxy.exitCode !== null) return resolve()
    proxy.once('exit', () => resolve())
    proxy.kill('SIGKILL')
  })
}

test('a server restart: the page says so, recovers by itself and keeps the text typed meanwhile', async ({
  page,
  stack,
}) => {
  test.setTimeout(90_000)
  // a port pair no stack of this run uses
  const port = stack.proxyPort + 2 * STACK_COUNT
  const base = `http://127.0.0.1:${port}`
  // its output is checked for the key with the stacks' own logs (key-leak.spec.ts)
  const log = fs.createWriteStream(path.join(stack.logDir, `proxy-restart-${port}.log`))
  let proxy = await startProxy(port, stack.sandboxUrl, log)
  try {
    await page.goto(`${base}/chat`)
    const message = page.getByRole('textbox', { name: 'Message' })
    await expect(message).toBeVisible()

    await stop(proxy)
    const typed = 'Written while the server was away'
    await message.fill(typed)
    // the Agents page's code was never loaded: now it cannot be
    await page.getByRole('navigation').getByRole('link', { name: 'Agents', exact: true }).click()
    await expect(
      page.getByRole('heading', { level: 1, name: 'The local proxy is not reachable' }),
    ).toBeVisible({ timeout: 15_000 })
    await expect(page.getByRole('status').filter({ hasText: 'Reconnecting' })).toBeVisible()
    // still the console (not the browser's own error page), waiting
    await expect(page).toHaveURL(`${base}/agents`)

    proxy = await startProxy(port, stack.sandboxUrl, log)
    // back by itself: the page it was asked for, the notice gone
    await expect(page.getByRole('heading', { level: 1, name: 'Agents' })).toBeVisible({
      timeout: 20_000,
    })
    await expect(page.getByRole('status').filter({ hasText: 'Reconnecting' })).toHaveCount(0)
    await page.goBack()
    await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue(typed)
  } finally {
    await stop(proxy)
    log.end()
  }
})
