// API-key permissions (api-keys.md). The cloud stores them and enforces nothing; the sandbox
// enforces them as a named extension (cloud-api README, "Sandbox policy"). Filled in by issue #4.
import type { MiddlewareHandler } from 'hono'
import type { SandboxContext } from './context.ts'

export function permissionGate(_ctx: SandboxContext): MiddlewareHandler {
  return async (_c, next) => {
    await next()
  }
}
