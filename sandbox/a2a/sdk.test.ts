// @a2a-js/sdk's own client, unchanged, against the sandbox over HTTP and through the console's
// proxy. The SDK (v1.x) speaks A2A v1.0 natively and the cloud v0.3, so the client is built with
// the SDK's v0.3 compatibility layer (`legacyCompat`). Clashes with the cloud's real shapes:
// - no card at /.well-known/agent-card.json (the cloud answers 404), so the card is built by the
//   client from GET /api/a2a and handed to `createFromAgentCard`;
// - the v0.3 transport needs `kind` on parts, `kind: "task"` on the result and a `messageId` on
//   every message: the sandbox's `kind` extension supplies them (off in strict mode);
// - the SDK puts its task id in `message.taskId`; the cloud reads `params.metadata.taskId`.
import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {
  ClientFactory,
  ClientFactoryOptions,
  DefaultAgentCardResolver,
  JsonRpcTransportFactory,
} from '@a2a-js/sdk/client'
import { parseLegacyAgentCard } from '@a2a-js/sdk/compat/v0_3/client'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createConsoleServer, type ConsoleServer } from '../../server/app.ts'
import { startSandbox } from '../server.ts'
import { SANDBOX_TIMEOUTS } from '../core/test-utils.ts'
import { INSTANT_TIMING } from '../core/timing.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

type Running = Awaited<ReturnType<typeof startSandbox>>

let dataDir: string
let sandbox: Running
let proxy: ConsoleServer
let proxyUrl: string

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'a2a-sdk-'))
  sandbox = await startSandbox({ port: 0, dataDir, timing: INSTANT_TIMING })
  proxy = createConsoleServer({
    upstream: { origin: sandbox.url, apiKey: sandbox.apiKey, embedded: false },
    bodyLimit: 1024 * 1024,
    log: () => {},
  })
  await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve))
  proxyUrl = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await proxy?.close()
  await sandbox?.close()
  await rm(dataDir, { recursive: true, force: true })
})

/** `fetch` that adds the key, as a caller talking to the sandbox directly must. */
const withKey =
  (key: string): typeof fetch =>
  (input, init) => {
    const headers = new Headers(init?.headers)
    headers.set('X-API-Key', key)
    return fetch(input, { ...init, headers })
  }

function factory(fetchImpl: typeof fetch = fetch) {
  return new ClientFactory(
    ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
      transports: [new JsonRpcTransportFactory({ fetchImpl, legacyCompat: { enabled: true } })],
      cardResolver: new DefaultAgentCardResolver({ fetchImpl, legacyCompat: { enabled: true } }),
    }),
  )
}

/**
 * A v0.3 agent card for the platform endpoint, from the service description at GET /api/a2a,
 * turned into the SDK's v1.0 card by its own compat parser (which marks it as v0.3).
 */
async function platformCard(base: string) {
  const description = (await (await fetch(`${base}/api/a2a`)).json()) as {
    name: string
    version: string
    protocolVersion: string
    skills: { id: string; description: string }[]
  }
  return parseLegacyAgentCard({
    name: description.name,
    description: 'elizaOS Cloud platform A2A endpoint',
    url: `${base}/api/a2a`,
    protocolVersion: description.protocolVersion,
    preferredTransport: 'JSONRPC',
    version: description.version,
    capabilities: { streaming: false, pushNotifications: false },
    defaultInputModes: ['text/plain', 'application/json'],
    defaultOutputModes: ['text/plain', 'application/json'],
    skills: description.skills.map((s) => ({ ...s, name: s.id, tags: [] })),
  })
}

const userMessage = (text: string) => ({
  tenant: '',
  message: {
    messageId: crypto.randomUUID(),
    contextId: '',
    taskId: '',
    role: 1, // Role.ROLE_USER
    parts: [
      {
        content: { $case: 'text' as const, value: text },
        metadata: undefined,
        filename: '',
        mediaType: '',
      },
    ],
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
  },
  configuration: undefined,
})

const TASK_STATE_COMPLETED = 3

describe('@a2a-js/sdk client', () => {
  it('cannot resolve the platform card: /.well-known/agent-card.json is a 404, as in the cloud', async () => {
    await expect(factory(withKey(sandbox.apiKey)).createFromUrl(sandbox.url)).rejects.toThrow(/404/)
  })

  it('sends message/send and tasks/get to the sandbox over HTTP', async () => {
    const client = await factory(withKey(sandbox.apiKey)).createFromAgentCard(
      await platformCard(sandbox.url),
    )
    const sent = await client.sendMessage({
      ...userMessage('Tell me about the first compiler.'),
      metadata: { taskId: 'sdk-task-1' },
    })
    expect('status' in sent).toBe(true)
    if (!('status' in sent)) return
    expect(sent.id).toBe('sdk-task-1')
    expect(sent.status?.state).toBe(TASK_STATE_COMPLETED)
    const reply = sent.status?.message?.parts[0]?.content
    expect(reply?.$case).toBe('text')
    expect(String(reply?.value)).toMatch(/\w/)
    // The usage artifact arrives as a data part.
    expect(sent.artifacts[0]?.name).toBe('usage')
    expect(sent.artifacts[0]?.parts[0]?.content?.$case).toBe('data')

    const fetched = await client.getTask({ tenant: '', id: 'sdk-task-1', historyLength: 1 })
    expect(fetched.id).toBe('sdk-task-1')
    expect(fetched.status?.state).toBe(TASK_STATE_COMPLETED)
    expect(fetched.history).toHaveLength(1)
  })

  it('surfaces the cloud errors as SDK errors (unknown task → -32001)', async () => {
    const client = await factory(withKey(sandbox.apiKey)).createFromAgentCard(
      await platformCard(sandbox.url),
    )
    await expect(client.getTask({ tenant: '', id: 'missing' })).rejects.toThrow(
      /Task not found: missing/,
    )
  })

  it('works through the console proxy, which injects the key', async () => {
    const client = await factory().createFromAgentCard(await platformCard(proxyUrl))
    const sent = await client.sendMessage({
      ...userMessage('What did Grace Hopper build?'),
      metadata: { taskId: 'sdk-proxy-1' },
    })
    expect('status' in sent && sent.status?.state).toBe(TASK_STATE_COMPLETED)
    const fetched = await client.getTask({ tenant: '', id: 'sdk-proxy-1' })
    expect(fetched.history).toHaveLength(2)
    // Without the proxy and without a key, the same call is refused (-32010).
    const bare = await factory().createFromAgentCard(await platformCard(sandbox.url))
    await expect(bare.getTask({ tenant: '', id: 'sdk-proxy-1' })).rejects.toThrow(
      /Authentication required/,
    )
  })

  it('finds the task again after a restart (PGlite on disk)', async () => {
    await proxy.close()
    await sandbox.close()
    sandbox = await startSandbox({ port: 0, dataDir, timing: INSTANT_TIMING })
    proxy = createConsoleServer({
      upstream: { origin: sandbox.url, apiKey: sandbox.apiKey, embedded: false },
      bodyLimit: 1024 * 1024,
      log: () => {},
    })
    const client = await factory(withKey(sandbox.apiKey)).createFromAgentCard(
      await platformCard(sandbox.url),
    )
    const fetched = await client.getTask({ tenant: '', id: 'sdk-task-1' })
    expect(fetched.status?.state).toBe(TASK_STATE_COMPLETED)
    expect(fetched.history).toHaveLength(2)
  })
})
