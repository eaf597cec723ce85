// Shared by the container route tests: the request helpers, bound to the test file's sandbox.
import { expect } from 'vitest'
import { setBalance } from '../core/ledger.ts'
import { SEED } from '../core/seed.ts'
import type { TestSandbox } from '../core/test-utils.ts'

export const ECR = '000000000000.dkr.ecr.us-east-1.amazonaws.com/elizaos/org/my-app'
/** Smallest sizing: $0.50, within the seeded $5. */
export const cheap = {
  name: 'My App',
  project_name: 'my-app',
  ecr_image_uri: `${ECR}:1.0.0`,
  cpu: 256,
  memory: 512,
}
export const json = (method: string, body: unknown) => ({
  method,
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
})

export interface StreamedLog {
  timestamp: string
  level: string
  message: string
}

/** The request helpers on the sandbox `sandbox()` returns (opened in the test file's beforeAll). */
export function containerHelpers(sandbox: () => TestSandbox) {
  const create = (body: unknown) => sandbox().call('/api/v1/containers', json('POST', body))
  const balance = async (amount: number) => {
    await setBalance(sandbox().ctx.db, SEED.organizationId, amount)
    sandbox().ctx.balanceCache.clear()
  }
  const get = async (id: string) =>
    (await (await sandbox().call(`/api/v1/containers/${id}`)).json()).data
  /** Reads the live log stream's `data:` events until `enough` says so; then disconnects. */
  async function readStream(
    id: string,
    enough: (logs: StreamedLog[]) => boolean,
    timeoutMs = 15_000,
  ): Promise<StreamedLog[]> {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), timeoutMs)
    const res = await sandbox().call(`/api/v1/containers/${id}/logs/stream`, {
      signal: controller.signal,
    })
    expect(res.status).toBe(200)
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    const logs: StreamedLog[] = []
    let buffer = ''
    try {
      while (!enough(logs)) {
        const { value, done } = await reader.read()
        if (done) break
        buffer += decoder.decode(value, { stream: true })
        let end
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const event = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          if (!event.startsWith('data: ')) continue
          const parsed = JSON.parse(event.slice('data: '.length))
          if (parsed.type === 'log') logs.push(parsed.data)
        }
      }
    } finally {
      clearTimeout(timer)
      controller.abort()
      await reader.cancel().catch(() => undefined)
    }
    return logs
  }
  return { create, balance, get, readStream }
}
