// createSandbox/startSandbox: persistence across restarts, the key contract, the HTTP server.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { generateApiKey, isApiKeyFormat } from './core/keys.ts'
import { createSandbox, startSandbox } from './server.ts'
import { SANDBOX_TIMEOUTS } from './core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-data-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const balanceOf = async (app: Awaited<ReturnType<typeof createSandbox>>['app'], key: string) =>
  (
    await app.request('/api/v1/credits/balance?fresh=true', { headers: { 'X-API-Key': key } })
  ).json()

describe('restart persistence', () => {
  it('keeps the data and the generated key in dataDir', async () => {
    const dataDir = tempDir()
    const first = await createSandbox({ dataDir, testMode: true })
    expect(isApiKeyFormat(first.apiKey)).toBe(true)
    const keyFile = path.join(dataDir, 'api-key')
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(first.apiKey)
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    const put = await first.app.request('/__sandbox/balance', {
      method: 'PUT',
      body: JSON.stringify({ balance: 3.210987 }),
    })
    expect(put.status).toBe(200)
    await first.close()

    const second = await createSandbox({ dataDir, testMode: true })
    try {
      expect(second.apiKey).toBe(first.apiKey)
      expect(await balanceOf(second.app, second.apiKey)).toEqual({ balance: 3.210987 })
      // Not seeded twice: the sandbox org and the directory's two, the grant and the adjustment.
      const state = await (await second.app.request('/__sandbox/state')).json()
      expect(state.counts).toMatchObject({
        organizations: 3,
        api_keys: 1,
        agents: 13,
        transactions: 2,
      })
    } finally {
      await second.close()
    }
  })

  it('ensures a given key, never writes it to disk, and keeps the stored one valid', async () => {
    const dataDir = tempDir()
    const first = await createSandbox({ dataDir })
    await first.close()
    const given = generateApiKey()
    const second = await createSandbox({ dataDir, apiKey: given })
    try {
      expect(second.apiKey).toBe(given)
      expect(readFileSync(path.join(dataDir, 'api-key'), 'utf8').trim()).toBe(first.apiKey)
      expect(await balanceOf(second.app, given)).toEqual({ balance: 5 })
      expect(await balanceOf(second.app, first.apiKey)).toEqual({ balance: 5 })
    } finally {
      await second.close()
    }
  })

  it('writes no key file when the key is given on first start', async () => {
    const dataDir = tempDir()
    const sandbox = await createSandbox({ dataDir, apiKey: generateApiKey() })
    await sandbox.close()
    expect(existsSync(path.join(dataDir, 'api-key'))).toBe(false)
  })

  it('refuses malformed keys', async () => {
    await expect(createSandbox({ apiKey: 'eliza_ABC' })).rejects.toThrow(/64 lowercase hex/)
    const dataDir = tempDir()
    writeFileSync(path.join(dataDir, 'api-key'), 'ek_nope\n')
    await expect(createSandbox({ dataDir })).rejects.toThrow(/valid sandbox API key/)
  })
})

describe('startSandbox', () => {
  it('serves on an ephemeral port and marks every response as the sandbox', async () => {
    const server = await startSandbox({ port: 0 })
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const ok = await fetch(`${server.url}/api/v1/credits/balance`, {
        headers: { 'X-API-Key': server.apiKey },
      })
      expect(await ok.json()).toEqual({ balance: 5 })
      for (const res of [
        ok,
        await fetch(`${server.url}/api/v1/credits/balance`),
        await fetch(`${server.url}/nope`),
      ]) {
        expect(res.headers.get('x-elizacloud-sandbox')).toBe('1')
        expect(res.headers.get('x-elizacloud-sandbox-strict')).toBe('0')
      }
    } finally {
      await server.close()
    }
    await expect(fetch(`${server.url}/api/v1/models`)).rejects.toThrow()
  })
})
