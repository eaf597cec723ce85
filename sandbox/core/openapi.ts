// GET /api/openapi.json (docs/cloud/README.md row 27): not under /api/v1 and not a public path at
// the edge, so it needs some credential header, yet the handler itself checks nothing
// (docs/cloud/auth-errors-limits.md §1: any `X-API-Key` value gets it). The document is generated with
// zod-openapi from the routes the families declare (route.ts), so it shows the sandbox's real
// request and response schemas, with the named extensions marked `x-sandbox-extension`. The
// cloud's own document is hand-written and not reproduced.
import { z } from 'zod'
import {
  createDocument,
  type ZodOpenApiObject,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
} from 'zod-openapi'
import { isPublicPath } from './auth.ts'
import { methodNotAllowed } from './errors.ts'
import { FamilyRoutes, type RouteAuth, type RouteDoc } from './route.ts'

const JSON_TYPE = 'application/json'

function operation(doc: RouteDoc): ZodOpenApiOperationObject {
  const requestParams: NonNullable<ZodOpenApiOperationObject['requestParams']> = {}
  if (doc.query) requestParams.query = doc.query
  if (doc.params) requestParams.path = doc.params
  const responses: ZodOpenApiOperationObject['responses'] = {}
  for (const [status, response] of Object.entries(doc.responses)) {
    responses[status as `${1 | 2 | 3 | 4 | 5}${string}`] = {
      description: response.description,
      ...(response.schema && {
        content: { [response.contentType ?? JSON_TYPE]: { schema: response.schema } },
      }),
    }
  }
  return {
    tags: [doc.family],
    summary: doc.summary,
    ...(doc.note && { description: `Cloud reference: ${doc.note}` }),
    ...(Object.keys(requestParams).length > 0 && { requestParams }),
    ...(doc.body && {
      requestBody: {
        required: true,
        content: { [doc.multipart ? 'multipart/form-data' : JSON_TYPE]: { schema: doc.body } },
      },
    }),
    responses,
    ...security(doc.auth, doc.path),
    ...(doc.extension && { 'x-sandbox-extension': doc.extension }),
  }
}

const KEY: Record<string, string[]>[] = [{ apiKey: [] }, { bearer: [] }]

/** The document's default is a key; other callers are said per operation. */
function security(auth: RouteAuth, path: string): Pick<ZodOpenApiOperationObject, 'security'> {
  switch (auth) {
    case 'none':
      return { security: [{}] }
    case 'key-optional':
      return { security: [{}, ...KEY] }
    case 'service-key':
      return { security: [{ serviceKey: [] }] }
    case 'payment':
      return { security: [{ x402: [] }] }
    default:
      // A key (or, for `credential`, any key-shaped value); public prefixes let a keyless call
      // reach the handler, which then refuses it itself.
      return isPublicPath(path.replace(/\{[^}]+\}/g, 'x')) ? { security: [{}, ...KEY] } : {}
  }
}

function base(paths: ZodOpenApiPathsObject, families: string[]): ZodOpenApiObject {
  return {
    openapi: '3.1.0',
    info: {
      title: 'elizaOS Cloud API (sandbox)',
      version: '1.0.0',
      description:
        'The elizaOS Cloud HTTP API as the sandbox emulates it. Operations marked ' +
        '`x-sandbox-extension` are named extensions that the real cloud refuses or ignores; ' +
        'with SANDBOX_STRICT=1 they answer as the cloud does.',
    },
    tags: families.map((name) => ({ name })),
    components: {
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        bearer: { type: 'http', scheme: 'bearer', description: 'Bearer eliza_…' },
        serviceKey: { type: 'apiKey', in: 'header', name: 'X-Service-Key' },
        x402: { type: 'apiKey', in: 'header', name: 'X-PAYMENT' },
      },
    },
    security: [{ apiKey: [] }, { bearer: [] }],
    paths,
  }
}

function render(docs: readonly RouteDoc[]): Record<string, unknown> {
  const paths: ZodOpenApiPathsObject = {}
  for (const doc of docs) {
    const item = (paths[doc.path] ??= {})
    // The first registration of a method and path wins; a second one is a family's mistake.
    if (item[doc.method]) continue
    item[doc.method] = operation(doc)
  }
  const families = [...new Set(docs.map((d) => d.family))].sort()
  // Plain JSON from here on: the route only serialises it and adds `servers`.
  return { ...createDocument(base(paths, families)) }
}

export interface BuiltDocument {
  document: Record<string, unknown>
  /** Routes whose schemas zod-openapi could not render; left out of `document`. */
  failed: { method: string; path: string; error: string }[]
}

/**
 * The whole document from every documented route. One unrenderable schema (say, a transform
 * without an output type) must not take the whole document down, so on failure each route is
 * rendered alone and the bad ones are left out and listed in `x-sandbox-undocumentable`.
 */
export function buildOpenApiDocument(docs: readonly RouteDoc[]): BuiltDocument {
  try {
    return { document: render(docs), failed: [] }
  } catch {
    const good: RouteDoc[] = []
    const failed: BuiltDocument['failed'] = []
    for (const doc of docs) {
      try {
        render([doc])
        good.push(doc)
      } catch (error) {
        failed.push({
          method: doc.method.toUpperCase(),
          path: doc.path,
          error: error instanceof Error ? error.message : String(error),
        })
      }
    }
    const document = render(good)
    document['x-sandbox-undocumentable'] = failed
    return { document, failed }
  }
}

/** GET /api/openapi.json over every route the app declared (`docs` is read at the first call). */
export function openapiRoutes(docs: () => readonly RouteDoc[]): FamilyRoutes {
  const routes = new FamilyRoutes('openapi')
  let built: BuiltDocument | undefined

  routes.route({
    method: 'get',
    path: '/api/openapi.json',
    auth: 'credential',
    summary: 'This OpenAPI 3.1 document',
    note: 'docs/cloud/README.md row 27',
    responses: {
      200: {
        description: 'OpenAPI 3.1 document; `servers` is the origin the request came to',
        schema: z.looseObject({
          openapi: z.literal('3.1.0'),
          paths: z.record(z.string(), z.unknown()),
        }),
      },
    },
    handler: (c) => {
      if (!built) {
        built = buildOpenApiDocument(docs())
        for (const f of built.failed) {
          console.warn(`[sandbox] openapi: ${f.method} ${f.path} left out: ${f.error}`)
        }
      }
      const { openapi, ...rest } = built.document
      return c.json({ openapi, servers: [{ url: new URL(c.req.url).origin }], ...rest })
    },
  })
  routes.app.all('/api/openapi.json', () => methodNotAllowed(['GET', 'OPTIONS']))
  return routes
}
