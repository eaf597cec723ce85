// GET /api/openapi.json (docs/cloud/README.md row 27) generated from the routes the families declare.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { declaredRoutes } from './app.ts'
import type { RouteDoc } from './route.ts'
import { openTestSandbox, SANDBOX_TIMEOUTS, type TestSandbox } from './test-utils.ts'
import { buildOpenApiDocument } from './openapi.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())

type Operation = Record<string, unknown> & { tags?: string[]; responses?: object }
type Doc = {
  openapi: string
  servers: { url: string }[]
  paths: Record<string, Record<string, Operation>>
  tags: { name: string }[]
  components: { securitySchemes: Record<string, unknown> }
}

async function fetchDocument(): Promise<Doc> {
  const res = await sb.call('http://sandbox.test:4001/api/openapi.json')
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  // Valid JSON, not just an object Hono happened to accept.
  return JSON.parse(await res.text()) as Doc
}

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document whose server is the request origin', async () => {
    const doc = await fetchDocument()
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.servers).toEqual([{ url: 'http://sandbox.test:4001' }])
    expect(doc.components.securitySchemes).toMatchObject({
      apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    })
  })

  it('documents the known core paths and the api-keys family', async () => {
    const { paths } = await fetchDocument()
    expect(paths['/api/v1/credits/balance']?.get, 'billing balance').toBeDefined()
    expect(paths['/api/v1/models']?.get, 'models').toBeDefined()
    expect(Object.keys(paths['/api/v1/api-keys'] ?? {}).sort()).toEqual(['get', 'post'])
    expect(Object.keys(paths['/api/v1/api-keys/{id}'] ?? {}).sort()).toEqual(['delete', 'patch'])
    expect(paths['/api/v1/api-keys/{id}/regenerate']?.post).toBeDefined()
    expect(paths['/api/v1/api-keys/explorer']?.get).toBeDefined()
    expect(paths['/api/openapi.json']?.get).toBeDefined()
  })

  it('renders the zod schemas, tags per family and marks the extensions', async () => {
    const doc = await fetchDocument()
    const create = doc.paths['/api/v1/api-keys']?.post as Operation & {
      requestBody: { content: { 'application/json': { schema: Record<string, unknown> } } }
    }
    expect(create.tags).toEqual(['api-keys'])
    expect(create['x-sandbox-extension']).toMatch(/session_auth_required/)
    expect(create.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 100 },
        permissions: { type: 'array', maxItems: 50 },
        rate_limit: { type: 'integer', minimum: 1, maximum: 100000, default: 1000 },
      },
    })
    expect(Object.keys(create.responses ?? {})).toEqual(
      expect.arrayContaining(['201', '400', '401', '500']),
    )
    const openapiOp = doc.paths['/api/openapi.json']?.get
    expect(openapiOp?.['x-sandbox-extension']).toBeUndefined()
    const tagNames = doc.tags.map((t) => t.name)
    expect(tagNames).toEqual(expect.arrayContaining(['api-keys', 'openapi']))
    // Every operation's tag is declared.
    for (const item of Object.values(doc.paths)) {
      for (const op of Object.values(item)) expect(tagNames).toContain(op.tags?.[0])
    }
  })

  it('needs some credential at the edge, but any X-API-Key value will do', async () => {
    const none = await sb.call('/api/openapi.json', { key: null })
    expect(none.status).toBe(401)
    expect(await none.json()).toEqual({
      success: false,
      error: 'Unauthorized',
      code: 'authentication_required',
    })
    const junk = await sb.call('/api/openapi.json', { key: 'anything' })
    expect(junk.status).toBe(200)
  })

  it('answers other methods with an empty 405', async () => {
    const res = await sb.call('/api/openapi.json', { method: 'POST' })
    expect(res.status).toBe(405)
    expect(await res.text()).toBe('')
  })
})

describe('buildOpenApiDocument', () => {
  it('leaves out a route zod-openapi cannot render instead of failing the document', () => {
    const good: RouteDoc = {
      method: 'get',
      path: '/api/good',
      family: 'test',
      auth: 'key',
      summary: 'fine',
      responses: { 200: { description: 'ok', schema: z.object({ ok: z.boolean() }) } },
    }
    const bad: RouteDoc = {
      method: 'post',
      path: '/api/bad',
      family: 'test',
      auth: 'key',
      summary: 'a transform has no output type',
      responses: {
        200: { description: 'ok', schema: z.string().transform((s) => s.length) },
      },
    }
    const { document, failed } = buildOpenApiDocument([good, bad])
    expect(failed).toEqual([{ method: 'POST', path: '/api/bad', error: expect.any(String) }])
    expect(Object.keys(document.paths as object)).toEqual(['/api/good'])
    expect(document['x-sandbox-undocumentable']).toEqual(failed)
  })

  it('renders every route documented so far', () => {
    const { failed } = buildOpenApiDocument(declaredRoutes(sb.app))
    expect(failed).toEqual([])
  })
})
