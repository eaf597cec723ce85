// The console's own key: which list row it is, and a replacement when the user changes it from the
// keys page (docs/api-keys.md §The console's own key).
//
// Where key management works with an API key (the sandbox, embedded or not, outside strict mode),
// a PATCH, DELETE or regenerate aimed at the console's key is preceded by a spare key, created
// with the old key's permissions. When the change is through, the old key is tried: if it still
// authenticates (a rename) the spare is deleted again; if not (disabled, deleted, regenerated,
// expired) the proxy switches to the spare, so the console keeps working. When the configured key
// works again (enabled again, or a sandbox reset), a later change of the key in use returns to it
// instead of making another. On the real cloud the
// key routes refuse API keys (401 session_auth_required): nothing can reach the console's key from
// here, and a key changed in the dashboard stops the console until a new key is configured.
import { createHash } from 'node:crypto'

const KEYS_PATH = '/api/v1/api-keys'
const MUTATION = /^\/api\/v1\/api-keys\/([^/?]+)(\/regenerate)?\/?$/
/** The list shows the first 12 characters (`eliza_` + 6 hex): a label, not a credential. */
export const PREFIX_LENGTH = 12

interface KeyRow {
  id: string
  key_hash: string
  permissions: string[]
  rate_limit: number
}

export interface KeyKeeperOptions {
  /** Upstream ORIGIN (may carry a path prefix). */
  origin: string
  apiKey: string
  /** Called with the new key after a switch (the forwarder's `setApiKey`). */
  onSwitch(key: string): void
  log?: (line: string) => void
  fetch?: typeof fetch
}

export interface KeyKeeper {
  /** The first 12 characters of the key in use, as the keys list shows them. */
  prefix(): string
  /** Whether `method pathname` changes a key; such requests go through `guard`. */
  isKeyMutation(method: string | undefined, pathname: string): boolean
  /**
   * Runs `forward` (which resolves when the response is finished); when the target is the
   * console's own key, a spare is prepared first and the old key tried afterwards.
   */
  guard(pathname: string, forward: () => Promise<void>): Promise<void>
  /** While a change of the console's key is in progress: settles when it is over (other requests
   *  wait for it, so none is sent with a dead key). Null otherwise, the usual case, at no cost. */
  pending(): Promise<void> | null
}

/** A key to switch to: a new one (its id, to delete it if unused), or the configured one (null). */
type Spare = { id: string | null; key: string }

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

export function createKeyKeeper(options: KeyKeeperOptions): KeyKeeper {
  const base = options.origin.replace(/\/+$/, '')
  const doFetch = options.fetch ?? fetch
  const log = options.log ?? ((line: string) => console.log(line))
  let key = options.apiKey
  let own: KeyRow | null | undefined
  let busy: Promise<void> | null = null

  async function call(method: string, path: string, body?: unknown, as = key) {
    return doFetch(base + path, {
      method,
      headers: {
        'x-api-key': as,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    })
  }

  /** The list row of the key in use, found by its hash; null where the list is refused. */
  async function ownRow(): Promise<KeyRow | null> {
    if (own !== undefined) return own
    try {
      const res = await call('GET', KEYS_PATH)
      if (!res.ok) {
        await res.body?.cancel()
        return null // the cloud: session only (not cached: the upstream may come back)
      }
      const { keys } = (await res.json()) as { keys: KeyRow[] }
      const hash = sha256(key)
      own = keys.find((row) => row.key_hash === hash) ?? null
      return own
    } catch {
      return null
    }
  }

  async function createSpare(from: KeyRow): Promise<Spare | null> {
    // Back on the configured key when it works again (enabled again, or the sandbox was reset).
    if (key !== options.apiKey && (await works(options.apiKey))) {
      return { id: null, key: options.apiKey }
    }
    try {
      const res = await call('POST', KEYS_PATH, {
        name: 'Console key',
        description: 'Issued to the console when its previous key was changed from the keys page',
        permissions: from.permissions,
        rate_limit: from.rate_limit,
      })
      if (res.status !== 201) {
        await res.body?.cancel()
        return null
      }
      const body = (await res.json()) as { apiKey: { id: string }; plainKey: string }
      return { id: body.apiKey.id, key: body.plainKey }
    } catch {
      return null
    }
  }

  async function works(as: string): Promise<boolean> {
    try {
      const res = await call('GET', KEYS_PATH, undefined, as)
      await res.body?.cancel()
      return res.ok
    } catch {
      return true // unreachable: nothing learned, keep the key
    }
  }

  async function afterChange(row: KeyRow, spare: Spare): Promise<void> {
    if (await works(key)) {
      if (spare.id === null) return
      const res = await call('DELETE', `${KEYS_PATH}/${spare.id}`).catch(() => null)
      await res?.body?.cancel()
      return
    }
    key = spare.key
    // The configured key's row is looked up again when needed.
    own = spare.id === null ? undefined : { ...row, id: spare.id, key_hash: sha256(spare.key) }
    options.onSwitch(spare.key)
    log(
      `[console] the console's key was changed: switched to a new key (${key.slice(0, PREFIX_LENGTH)}…)`,
    )
  }

  return {
    prefix: () => key.slice(0, PREFIX_LENGTH),
    isKeyMutation: (method, pathname) =>
      (method === 'PATCH' || method === 'DELETE' || method === 'POST') && MUTATION.test(pathname),
    async guard(pathname, forward) {
      const match = MUTATION.exec(pathname)
      const row = match ? await ownRow() : null
      if (!match || !row || decodeURIComponent(match[1] ?? '') !== row.id) return forward()
      let release = () => {}
      const previous = busy
      const current = new Promise<void>((resolve) => (release = resolve))
      busy = current
      try {
        await previous
        const spare = await createSpare(row)
        await forward()
        if (spare) await afterChange(row, spare)
      } finally {
        if (busy === current) busy = null
        release()
      }
    },
    pending: () => busy,
  }
}
