// Every route a client can call is declared (route.ts), and each declaration's `auth` says what
// the route really asks of a caller: called without a credential and with the seeded key, each
// route answers as its declared `auth` says (docs/cloud/auth-errors-limits.md §1).
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { declaredRoutes } from './app.ts'
import type { RouteDoc } from './route.ts'
import { openTestSandbox, SANDBOX_TIMEOUTS, type TestSandbox } from './test-utils.ts'
import { undeclaredRoutes } from './undeclared.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())

/** A concrete path for a template: every parameter a UUID nobody has. */
const concrete = (doc: RouteDoc) =>
  doc.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000')

async function call(doc: RouteDoc, key: string | null): Promise<Response> {
  // Each call starts from fresh limiter counters: 100+ routes from one caller would trip them.
  sb.ctx.limiter.clear()
  const hasBody = doc.method !== 'get' && doc.method !== 'delete'
  return sb.call(concrete(doc), {
    method: doc.method.toUpperCase(),
    key,
    ...(hasBody && { body: '{}', headers: { 'Content-Type': 'application/json' } }),
  })
}

/** The edge gate's 401 for a request without a credential (E1). */
function refusedAtEdge(status: number, text: string): boolean {
  if (status !== 401) return false
  try {
    return (JSON.parse(text) as { code?: string }).code === 'authentication_required'
  } catch {
    return false
  }
}

describe('undeclaredRoutes', () => {
  it('finds app routes without a declaration, ignoring 405 catch-alls and middleware', () => {
    const app = new Hono()
    app.use('/api/*', async (_c, next) => next())
    app.get('/api/things', (c) => c.text('x'))
    app.get('/api/things/:id', (c) => c.text('x'))
    app.delete('/api/things/:id', (c) => c.text('x'))
    app.get('/api/models/*', (c) => c.text('x'))
    app.all('/api/things', (c) => c.text('405'))
    app.get('/__sandbox/state', (c) => c.text('x'))
    const declared = [
      { method: 'get', path: '/api/things' },
      { method: 'get', path: '/api/things/{id}' },
      { method: 'get', path: '/api/models/{provider}/{model}' },
    ] as const
    expect(undeclaredRoutes(app.routes, declared)).toEqual([
      { method: 'DELETE', path: '/api/things/:id' },
    ])
  })
})

describe('declared routes', () => {
  it('every /api/ route the app registers is declared', () => {
    expect(undeclaredRoutes(sb.app.routes, declaredRoutes(sb.app))).toEqual([])
  })

  it('each declaration names one method and path once', () => {
    const ids = declaredRoutes(sb.app).map((d) => `${d.method.toUpperCase()} ${d.path}`)
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
  })

  it('each route answers a caller as its declared auth says', async () => {
    const wrong: string[] = []
    for (const doc of declaredRoutes(sb.app)) {
      const id = `${doc.method.toUpperCase()} ${doc.path} (${doc.auth})`
      const anonymous = await call(doc, null)
      const anonymousText = await anonymous.text().catch(() => '')
      switch (doc.auth) {
        case 'none':
        case 'key-optional':
          if (anonymous.status === 401) wrong.push(`${id}: refused without a credential`)
          break
        case 'credential': {
          if (!refusedAtEdge(anonymous.status, anonymousText)) {
            wrong.push(`${id}: not refused at the edge`)
          }
          break
        }
        default:
          if (anonymous.ok) wrong.push(`${id}: answered ${anonymous.status} without a key`)
      }
      if (doc.auth === 'key' || doc.auth === 'credential' || doc.auth === 'key-optional') {
        const keyed = await call(doc, sb.apiKey)
        await keyed.arrayBuffer().catch(() => undefined)
        if (keyed.status === 401) wrong.push(`${id}: refused the seeded key (401)`)
      }
      if (doc.auth === 'service-key') {
        const keyed = await call(doc, sb.apiKey)
        await keyed.arrayBuffer().catch(() => undefined)
        if (keyed.ok) wrong.push(`${id}: a customer key got ${keyed.status}`)
      }
    }
    expect(wrong).toEqual([])
  })
})
