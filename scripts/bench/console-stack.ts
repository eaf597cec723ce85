// The production build behind the real proxy in front of an in-memory sandbox, as the browser
// sections of the bench open it (agents-scroll.ts, knowledge-list.ts).
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { createAdaptorServer } from '@hono/node-server'
import type { openSandbox } from '../../sandbox/server.ts'
import { createConsoleServer } from '../../server/app.ts'
import { runCommand } from './children.ts'

export async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  return (server.address() as AddressInfo).port
}

export const closeServer = (server: http.Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })

/** Builds into `dist` unless it already holds a build. */
export async function ensureBuild(root: string, dist: string): Promise<void> {
  if (fs.existsSync(path.join(dist, 'index.html'))) return
  const outDir = path.relative(root, dist)
  console.log(`  ${outDir}/ has no build: vite build --outDir ${outDir}`)
  const build = await runCommand(
    path.join(root, 'node_modules', '.bin', 'vite'),
    ['build', '--outDir', outDir],
    { cwd: root, timeoutMs: 180_000 },
  )
  if (build.code !== 0) {
    const tail = (build.stdout + build.stderr).trim().split('\n').slice(-20).join('\n')
    throw new Error(`vite build failed (${build.code}):\n${tail}`)
  }
}

type Sandbox = Awaited<ReturnType<typeof openSandbox>>

/** Serves `dist` through the proxy, forwarding /api/ to `sandbox` over real HTTP. */
export async function startConsoleStack(sandbox: Sandbox, dist: string) {
  const upstream = createAdaptorServer({
    fetch: sandbox.app.fetch,
    overrideGlobalObjects: false,
  }) as http.Server
  const proxy = createConsoleServer({
    upstream: {
      origin: `http://127.0.0.1:${await listen(upstream)}`,
      apiKey: sandbox.apiKey,
      embedded: false,
    },
    bodyLimit: 1024 * 1024,
    staticDir: dist,
    log: () => {},
  })
  const origin = `http://127.0.0.1:${await listen(proxy.server)}`
  return {
    origin,
    async close() {
      await proxy.close()
      await closeServer(upstream)
    },
  }
}
