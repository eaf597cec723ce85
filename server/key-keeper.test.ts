// The console's own key against a real in-memory sandbox (key management with a key: its named
// extension) and against the strict sandbox (the cloud's 401 session_auth_required).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startSandbox } from '../sandbox/server.ts'
import { SANDBOX_TIMEOUTS } from '../sandbox/core/test-utils.ts'
import { INSTANT_TIMING } from '../sandbox/core/timing.ts'
import { createKeyKeeper, type KeyKeeper } from './key-keeper.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.()
})

async function setup(strict = false) {
  const sandbox = await startSandbox({ port: 0, strict, timing: INSTANT_TIMING })
  cleanups.push(() => sandbox.close())
  const switched: string[] = []
  const keeper = createKeyKeeper({
    origin: sandbox.url,
    apiKey: sandbox.apiKey,
    onSwitch: (key) => switched.push(key),
    log: () => {},
  })
  const call = (method: string, path: string, key: string, body?: unknown) =>
    fetch(sandbox.url + path, {
      method,
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  const list = async (key: string) =>
    (
      (await (await call('GET', '/api/v1/api-keys', key)).json()) as {
        keys: { id: string; name: string; key_prefix: string; is_active: boolean }[]
      }
    ).keys
  return { sandbox, keeper, switched, call, list }
}

/** What the proxy does: the change goes through `guard`, sent with the key in use. */
async function change(keeper: KeyKeeper, path: string, send: () => Promise<Response>) {
  let status = 0
  await keeper.guard(path, async () => {
    status = (await send()).status
  })
  return status
}

describe('key keeper', () => {
  it("switches to a spare key when the console's own key is disabled", async () => {
    const { sandbox, keeper, switched, call, list } = await setup()
    const own = (await list(sandbox.apiKey)).find((k) => k.key_prefix === keeper.prefix())
    expect(own).toBeDefined()
    const path = `/api/v1/api-keys/${own?.id}`
    const status = await change(keeper, path, () =>
      call('PATCH', path, sandbox.apiKey, { is_active: false }),
    )
    expect(status).toBe(200)
    expect(switched).toHaveLength(1)
    const spare = switched[0] ?? ''
    expect(spare).toMatch(/^eliza_[0-9a-f]{64}$/)
    expect(keeper.prefix()).toBe(spare.slice(0, 12))
    // The old key is refused, the new one works and is in the list under its own name.
    expect((await call('GET', '/api/v1/credits/balance', sandbox.apiKey)).status).toBe(401)
    expect((await call('GET', '/api/v1/credits/balance', spare)).status).toBe(200)
    const rows = await list(spare)
    expect(rows.find((k) => k.key_prefix === keeper.prefix())?.name).toBe('Console key')
    expect(rows.find((k) => k.id === own?.id)?.is_active).toBe(false)
  })

  it('keeps the key and deletes the spare after a rename', async () => {
    const { sandbox, keeper, switched, call, list } = await setup()
    const before = await list(sandbox.apiKey)
    const own = before.find((k) => k.key_prefix === keeper.prefix())
    const path = `/api/v1/api-keys/${own?.id}`
    await change(keeper, path, () => call('PATCH', path, sandbox.apiKey, { name: 'Renamed' }))
    expect(switched).toEqual([])
    const after = await list(sandbox.apiKey)
    expect(after.map((k) => k.id).sort()).toEqual(before.map((k) => k.id).sort())
    expect(after.find((k) => k.id === own?.id)?.name).toBe('Renamed')
  })

  it('recovers after regenerate and delete of the key in use, one after the other', async () => {
    const { sandbox, keeper, switched, call, list } = await setup()
    const own = (await list(sandbox.apiKey)).find((k) => k.key_prefix === keeper.prefix())
    const regen = `/api/v1/api-keys/${own?.id}/regenerate`
    expect(await change(keeper, regen, () => call('POST', regen, sandbox.apiKey))).toBe(200)
    const first = switched.at(-1) ?? ''
    const second = (await list(first)).find((k) => k.key_prefix === keeper.prefix())
    const del = `/api/v1/api-keys/${second?.id}`
    expect(await change(keeper, del, () => call('DELETE', del, first))).toBe(200)
    expect(switched).toHaveLength(2)
    expect((await call('GET', '/api/v1/credits/balance', switched[1] ?? '')).status).toBe(200)
    expect((await call('GET', '/api/v1/credits/balance', first)).status).toBe(401)
  })

  it('leaves changes of other keys alone', async () => {
    const { sandbox, keeper, switched, call, list } = await setup()
    const created = (await (
      await call('POST', '/api/v1/api-keys', sandbox.apiKey, { name: 'Other' })
    ).json()) as { apiKey: { id: string } }
    const count = (await list(sandbox.apiKey)).length
    const path = `/api/v1/api-keys/${created.apiKey.id}`
    await change(keeper, path, () => call('DELETE', path, sandbox.apiKey))
    expect(switched).toEqual([])
    expect(await list(sandbox.apiKey)).toHaveLength(count - 1)
  })

  it('on a strict sandbox (the cloud) forwards as is and keeps the key', async () => {
    const { sandbox, keeper, switched, call } = await setup(true)
    const path = '/api/v1/api-keys/5a4db0c0-0000-4000-8000-000000000003'
    const status = await change(keeper, path, () => call('DELETE', path, sandbox.apiKey))
    expect(status).toBe(401)
    expect(switched).toEqual([])
    expect(keeper.pending()).toBeNull()
  })
})

describe('key keeper, back to the configured key', () => {
  it('returns to the configured key once it works again, and makes no new key for it', async () => {
    const { sandbox, keeper, switched, call, list } = await setup()
    const seeded = (await list(sandbox.apiKey)).find((k) => k.key_prefix === keeper.prefix())
    const disable = `/api/v1/api-keys/${seeded?.id}`
    await change(keeper, disable, () =>
      call('PATCH', disable, sandbox.apiKey, { is_active: false }),
    )
    const spare = switched[0] ?? ''
    // Enabled again with the spare, then the spare itself is deleted from the page.
    await change(keeper, disable, () => call('PATCH', disable, spare, { is_active: true }))
    const spareRow = (await list(spare)).find((k) => k.key_prefix === keeper.prefix())
    const count = (await list(spare)).length
    const del = `/api/v1/api-keys/${spareRow?.id}`
    await change(keeper, del, () => call('DELETE', del, spare))
    expect(switched).toEqual([spare, sandbox.apiKey])
    expect(keeper.prefix()).toBe(sandbox.apiKey.slice(0, 12))
    expect(await list(sandbox.apiKey)).toHaveLength(count - 1)
  })
})
