// Chooses the upstream: the configured cloud when a key is set, otherwise the built-in sandbox,
// started inside this process on an ephemeral loopback port (shared by `index.ts` and `dev.ts`).
import type { ConsoleConfig } from './config.ts'

export interface ResolvedUpstream {
  origin: string
  apiKey: string
  embedded: boolean
  strict: boolean | null
  /** For the terminal: which upstream is in use. Never contains the key. */
  description: string
  close(): Promise<void>
}

export async function resolveUpstream(config: ConsoleConfig): Promise<ResolvedUpstream> {
  if (config.apiKey) {
    return {
      origin: config.upstreamOrigin,
      apiKey: config.apiKey,
      embedded: false,
      strict: null,
      description: new URL(config.upstreamOrigin).host,
      close: async () => {},
    }
  }
  // Loaded only when needed: with a key configured the sandbox (and its database) never starts.
  const { startSandbox } = await import('../sandbox/server.ts')
  const dataDir = config.sandboxMemory ? undefined : config.sandboxDataDir
  const sandbox = await startSandbox({
    dataDir,
    strict: config.sandboxStrict,
    host: '127.0.0.1',
    port: 0,
  })
  const where = dataDir === undefined ? 'in memory' : `data in ${dataDir}`
  const strict = config.sandboxStrict ? ', strict' : ''
  return {
    origin: sandbox.url,
    apiKey: sandbox.apiKey,
    embedded: true,
    strict: config.sandboxStrict,
    description: `Sandbox (embedded, ${where}${strict})`,
    close: () => sandbox.close(),
  }
}
