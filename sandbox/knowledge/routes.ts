// Knowledge family: docs/cloud/knowledge.md (§1 list, §2 JSON add, §3 upload-file,
// §4 query, §5 delete, §6 check, §7 staged upload: pre-upload and submit). Documents live per agent (`characterId`); retrieval is
// Postgres full-text search over fragments (knowledge/store.ts). Errors are E5 bare strings,
// and auth failures are 500s with the route's own message (docs/cloud/auth-errors-limits.md E5/E9).
import type { Context } from 'hono'
import { z } from 'zod'
import { authenticate, type AuthContext } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { bare500, bareError, messageOf, methodNotAllowed } from '../core/errors.ts'
import { queryInt } from '../core/input-guard.ts'
import type { Family } from '../core/family.ts'
import {
  ALLOWED_CONTENT_TYPES,
  decodeJsonContent,
  extractText,
  hasInvalidFilenameChars,
  MAX_BATCH_BYTES,
  MAX_MULTIPART_BYTES,
  normalizeContentType,
} from './files.ts'
import { processFile, submitFile } from './ingest.ts'
import { refuseBatch, refuseFile, refuseStagedFile } from './refusals.ts'
import {
  addDocument,
  countDocuments,
  deleteDocument,
  isUuid,
  listDocuments,
  loadAgent,
  searchFragments,
  serviceAvailable,
  type Agent,
} from './store.ts'
import { seedKnowledge } from './seed.ts'
import { deleteStagedFile, parseBlobUrl, stageFile, type StagedFile } from './staging.ts'
import { FamilyRoutes } from '../core/route.ts'
import {
  documentObject,
  error,
  fileResult,
  jsonAddBody,
  listQuery,
  queryBody,
  queryResult,
  stagedFile,
  submitBody,
  submitResult,
  uploadForm,
} from './schemas.ts'
import { PRESETS, rateLimit } from '../core/rate-limit.ts'

// ─── Helpers ──────────────────────────────────────────────────────────────────────────────

/** Thrown inside a handler to answer with a prepared response. */
class Answer extends Error {
  constructor(readonly response: Response) {
    super('answer')
  }
}

/**
 * Each main route catches everything into `500 {"error":"Failed to …","details":"<message>"}`,
 * auth failures and an unknown characterId included (docs/cloud/knowledge.md §1–§5).
 */
async function guarded(failure: string, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run()
  } catch (e) {
    if (e instanceof Answer) return e.response
    return bareError(500, failure, { details: messageOf(e) })
  }
}

async function requireAuth(ctx: SandboxContext, c: Context): Promise<AuthContext> {
  const result = await authenticate(c.req.raw, ctx.db, ctx.balanceCache)
  if (!result.ok) throw new Error(result.message)
  return result.auth
}

/** Loads the agent runtime and answers 503 when its knowledge service is missing. */
async function requireService(
  ctx: SandboxContext,
  characterId: unknown,
  auth: AuthContext,
  unavailable: Response = bareError(503, 'Knowledge service not available'),
): Promise<Agent> {
  const id = typeof characterId === 'string' && characterId ? characterId : undefined
  const agent = await loadAgent(ctx.db, id, auth.organizationId)
  if (!(await serviceAvailable(ctx.db, agent, ctx.strict))) throw new Answer(unavailable)
  return agent
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

// ─── Routes ───────────────────────────────────────────────────────────────────────────────

export function knowledgeRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('knowledge')
  const { app } = routes
  const { db } = ctx
  // Every knowledge route is wrapped in STANDARD (docs/cloud/auth-errors-limits.md §3).
  const limited = rateLimit(ctx.limiter, PRESETS.STANDARD)

  // §1 list. Paging is `count`/`offset` through parseInt, unchecked.
  routes.route({
    method: 'get',
    path: '/api/v1/knowledge',
    auth: 'key',
    summary: "List an agent's documents, newest first",
    note: 'docs/cloud/knowledge.md §1',
    query: listQuery,
    responses: {
      200: {
        description: 'A page of documents',
        schema: z.object({
          documents: z.array(documentObject),
          total: z.number(),
          count: z.number(),
          offset: z.number(),
        }),
      },
      500: { description: 'Failure, including auth and an unknown characterId', schema: error },
      503: { description: 'Knowledge service not available', schema: error },
    },
    use: [limited],
    handler: (c) =>
      guarded('Failed to list documents', async () => {
        const auth = await requireAuth(ctx, c)
        const agent = await requireService(
          ctx,
          c.req.query('characterId'),
          auth,
          bareError(503, 'Knowledge service not available', {
            // The runtime never registered the service; the cloud prints the registry status here.
            details:
              'Service status: unknown. The knowledge plugin may not be loaded or is still initializing.',
          }),
        )
        // parseInt, unchecked, in the cloud: a bad value fails in the database (a 500 in strict
        // mode); otherwise the family's 400 (docs/sandbox.md §Bad input).
        if (!ctx.strict) {
          for (const name of ['count', 'offset']) {
            const checked = queryInt(c.req.query(name), name, { max: 1_000_000 })
            if ('error' in checked) return bareError(400, checked.error)
          }
        }
        const count = Number.parseInt(c.req.query('count') ?? '100', 10)
        const offset = Number.parseInt(c.req.query('offset') ?? '0', 10)
        const { documents, total } = await listDocuments(db, agent, count, offset)
        return c.json({ documents, total, count: documents.length, offset })
      }),
  })

  // §2 JSON add. The 503 check runs before the content check.
  routes.route({
    method: 'post',
    path: '/api/v1/knowledge',
    auth: 'key',
    summary: 'Add one document from a JSON body',
    note: 'docs/cloud/knowledge.md §2',
    body: jsonAddBody,
    responses: {
      200: {
        description: 'Processed (or already present)',
        schema: z.object({
          success: z.literal(true),
          documentId: z.string(),
          fragmentCount: z.number(),
          message: z.string(),
        }),
      },
      400: { description: 'Content is required', schema: error },
      500: { description: 'Failure, including auth', schema: error },
      503: { description: 'Knowledge service not available', schema: error },
    },
    use: [limited],
    handler: (c) =>
      guarded('Failed to upload document', async () => {
        const auth = await requireAuth(ctx, c)
        const body: unknown = await c.req.json()
        const input = isPlainObject(body) ? body : {}
        const agent = await requireService(ctx, input.characterId, auth)
        const { content } = input
        if (!content) return bareError(400, 'Content is required')
        // A non-string fails inside the cloud's service (500); a 400 outside strict mode.
        if (typeof content !== 'string') {
          if (!ctx.strict) return bareError(400, 'Content must be a string')
          throw new Error('Content must be a string')
        }
        const contentType =
          typeof input.contentType === 'string' && input.contentType
            ? input.contentType
            : 'text/plain'
        const filename =
          typeof input.filename === 'string' && input.filename ? input.filename : 'document.txt'
        const bytes = decodeJsonContent(content, normalizeContentType(contentType))
        const text = extractText(bytes, normalizeContentType(contentType), filename)
        const added = await addDocument(db, {
          agent,
          userId: auth.userId,
          organizationId: auth.organizationId,
          text,
          storedText: text,
          filename,
          contentType,
          extra: isPlainObject(input.metadata) ? input.metadata : {},
        })
        return c.json({
          success: true,
          documentId: added.documentId,
          fragmentCount: added.fragmentCount,
          message: `Document processed successfully. Created ${added.fragmentCount} knowledge fragments.`,
        })
      }),
  })
  app.all('/api/v1/knowledge', () => methodNotAllowed(['GET', 'POST', 'OPTIONS']))

  // §3 upload-file. Order: files present → count → batch size → per file → agent → service.
  routes.route({
    method: 'post',
    path: '/api/v1/knowledge/upload-file',
    auth: 'key',
    summary: 'Add 1–5 files (multipart, parts named `files`)',
    note: 'docs/cloud/knowledge.md §3',
    body: uploadForm,
    multipart: true,
    responses: {
      200: {
        description: 'Per-file results, even when files failed',
        schema: z.object({
          success: z.boolean(),
          data: z.array(fileResult),
          message: z.string(),
          successCount: z.number(),
          failedCount: z.number(),
          totalCount: z.number(),
        }),
      },
      400: { description: 'Files missing, too many, too large, bad name or type', schema: error },
      403: { description: 'Character not found or unauthorized', schema: error },
      413: { description: 'The multipart parser refused the body (> 10 MB)', schema: error },
      500: { description: 'Failure, including auth', schema: error },
      503: { description: 'Knowledge service not available', schema: error },
    },
    use: [limited],
    handler: (c) =>
      guarded('Failed to upload files', async () => {
        const auth = await requireAuth(ctx, c)
        const form = await readMultipart(c)
        if (form instanceof Response) return form
        const files = form.getAll('files').filter((f): f is File => f instanceof File)
        const refusal = refuseBatch(files)
        if (refusal) return refusal
        for (const file of files) {
          const refusal = refuseFile(file)
          if (refusal) return refusal
        }
        const characterId = form.get('characterId')
        // Only upload-file and submit check that the agent is the caller's (docs/cloud/knowledge.md "Scoping").
        if (typeof characterId === 'string' && characterId) {
          const { rows } = await db.query(
            'SELECT 1 FROM user_characters WHERE id::text = lower($1) AND organization_id = $2',
            [characterId, auth.organizationId],
          )
          if (rows.length === 0) return bareError(403, 'Character not found or unauthorized')
        }
        const agent = await requireService(ctx, characterId, auth)

        const data = await Promise.all(files.map((file) => processFile(ctx, agent, auth, file)))
        const successCount = data.filter((d) => d.status === 'success').length
        const failedCount = data.length - successCount
        return c.json({
          success: successCount > 0,
          data,
          message:
            failedCount === 0
              ? `Uploaded ${successCount} file(s)`
              : `Uploaded ${successCount} file(s), ${failedCount} failed`,
          successCount,
          failedCount,
          totalCount: data.length,
        })
      }),
  })
  app.all('/api/v1/knowledge/upload-file', () => methodNotAllowed(['POST', 'OPTIONS']))

  // §4 query: ≤ 20 fragments with similarity ≥ 0.1, then `slice(0, limit)`.
  routes.route({
    method: 'post',
    path: '/api/v1/knowledge/query',
    auth: 'key',
    summary: "Search an agent's fragments",
    note: 'docs/cloud/knowledge.md §4',
    body: queryBody,
    responses: {
      200: { description: 'Best fragments first', schema: queryResult },
      400: { description: 'Query is required', schema: error },
      500: { description: 'Failure, including auth', schema: error },
      503: { description: 'Knowledge service not available', schema: error },
    },
    use: [limited],
    handler: (c) =>
      guarded('Failed to query knowledge', async () => {
        const auth = await requireAuth(ctx, c)
        const body: unknown = await c.req.json()
        const input = isPlainObject(body) ? body : {}
        const agent = await requireService(ctx, input.characterId, auth)
        const { query } = input
        if (!query) return bareError(400, 'Query is required')
        // `query: true` fails inside the cloud's service (500); a 400 outside strict mode.
        if (typeof query !== 'string') {
          if (!ctx.strict) return bareError(400, 'Query must be a string')
          throw new Error('Query must be a string')
        }
        const limit = input.limit === undefined ? 5 : Number(input.limit)
        const results = (await searchFragments(db, agent, query)).slice(0, limit)
        return c.json({ query, results, count: results.length })
      }),
  })
  app.all('/api/v1/knowledge/query', () => methodNotAllowed(['POST', 'OPTIONS']))

  // §7 pre-upload: files are only stored, under the uploader's blob prefix. Auth sits outside the
  // route's error handling, so a bad key is an empty 500 (E9).
  routes.route({
    method: 'post',
    path: '/api/v1/knowledge/pre-upload',
    auth: 'key',
    summary: 'Stage 1–5 files before the agent exists (multipart, parts named `files`)',
    note: 'docs/cloud/knowledge.md §7',
    body: z.object({
      files: z
        .array(z.string())
        .describe('1–5 files, each ≤ 5 MB, ≤ 5 MB in total, names ≤ 255 characters'),
    }),
    multipart: true,
    responses: {
      200: {
        description: 'Every file staged',
        schema: z.object({
          success: z.literal(true),
          files: z.array(stagedFile),
          successCount: z.number(),
          failureCount: z.number(),
        }),
      },
      400: {
        description:
          'Files missing, too many, too large, bad name or type; or a batch rolled back (details: [{filename, error}])',
        schema: error,
      },
      413: { description: 'The multipart parser refused the body (> 10 MB)', schema: error },
      500: { description: 'All file uploads failed; an auth failure is an empty 500 (E9)' },
    },
    use: [limited],
    handler: async (c) => {
      const result = await authenticate(c.req.raw, db, ctx.balanceCache)
      if (!result.ok) return bare500()
      const { auth } = result
      const form = await readMultipart(c)
      if (form instanceof Response) return form
      const files = form.getAll('files').filter((f): f is File => f instanceof File)
      const refusal = refuseBatch(files)
      if (refusal) return refusal
      const contents: Uint8Array[] = []
      for (const file of files) {
        const bytes = new Uint8Array(await file.arrayBuffer())
        const refused = refuseStagedFile(file, bytes)
        if (refused) return refused
        contents.push(bytes)
      }
      // Each file is stored on its own; if any fails, the ones stored are deleted again.
      const staged: StagedFile[] = []
      const failed: { filename: string; error: string }[] = []
      for (const [i, file] of files.entries()) {
        try {
          staged.push(
            await stageFile(db, auth, {
              filename: file.name,
              contentType: normalizeContentType(file.type),
              data: contents[i] as Uint8Array,
            }),
          )
        } catch (e) {
          failed.push({ filename: file.name, error: messageOf(e) })
        }
      }
      if (failed.length === files.length) {
        return bareError(500, 'All file uploads failed', { details: failed })
      }
      if (failed.length > 0) {
        const orphanedBlobs: string[] = []
        for (const file of staged) {
          await deleteStagedFile(db, file.blobUrl).catch(() => orphanedBlobs.push(file.blobUrl))
        }
        return bareError(400, 'Some files failed to upload - batch rolled back', {
          details: failed,
          ...(orphanedBlobs.length > 0 ? { orphanedBlobs } : {}),
        })
      }
      return c.json({ success: true, files: staged, successCount: staged.length, failureCount: 0 })
    },
  })

  // §7 DELETE pre-upload: only the uploader (the user id in the URL's path) may remove a file.
  // The note gives auth failures as empty 500s for the route file; we take DELETE to share that.
  routes.route({
    method: 'delete',
    path: '/api/v1/knowledge/pre-upload',
    auth: 'key',
    summary: 'Remove a staged file (only its uploader may)',
    note: 'docs/cloud/knowledge.md §7',
    body: z.object({ blobUrl: z.string() }),
    responses: {
      200: { description: 'Removed', schema: z.object({ success: z.literal(true) }) },
      400: { description: 'blobUrl is required, or not a staged-file URL', schema: error },
      403: { description: 'Unauthorized to delete this file', schema: error },
      500: { description: 'Failed to delete file; an auth failure is an empty 500 (E9)' },
    },
    use: [limited],
    handler: async (c) => {
      const result = await authenticate(c.req.raw, db, ctx.balanceCache)
      if (!result.ok) return bare500()
      try {
        const body: unknown = await c.req.json().catch(() => ({}))
        const blobUrl = isPlainObject(body) ? body.blobUrl : undefined
        if (!blobUrl) return bareError(400, 'blobUrl is required')
        const parsed = parseBlobUrl(blobUrl)
        if (!parsed) return bareError(400, 'Invalid or untrusted blob URL')
        if (parsed.userId !== result.auth.userId) {
          return bareError(403, 'Unauthorized to delete this file')
        }
        await deleteStagedFile(db, blobUrl as string)
        return c.json({ success: true })
      } catch {
        return bareError(500, 'Failed to delete file')
      }
    },
  })
  app.all('/api/v1/knowledge/pre-upload', () => methodNotAllowed(['POST', 'DELETE', 'OPTIONS']))

  // §7 submit: checks every file, then the agent, then the service; processes the files one
  // after another and deletes each staged blob that became a document.
  routes.route({
    method: 'post',
    path: '/api/v1/knowledge/submit',
    auth: 'key',
    summary: 'Process staged files into an agent, one after another',
    note: 'docs/cloud/knowledge.md §7',
    body: submitBody,
    responses: {
      200: {
        description: 'Per-file results, even when files failed',
        schema: z.object({
          success: z.boolean(),
          results: z.array(submitResult),
          message: z.string(),
          successCount: z.number(),
          failedCount: z.number(),
          totalCount: z.number(),
        }),
      },
      400: {
        description:
          'Invalid JSON body; Validation failed (details: {field: [message]}); untrusted blobUrl, bad filename or type, too large in total',
        schema: error,
      },
      403: {
        description: 'Character not found or unauthorized; a blob of another user',
        schema: error,
      },
      500: { description: 'An auth failure: empty body (E9)' },
      503: { description: 'Knowledge service not available', schema: error },
    },
    use: [limited],
    handler: async (c) => {
      const result = await authenticate(c.req.raw, db, ctx.balanceCache)
      if (!result.ok) return bare500()
      const { auth } = result
      let body: unknown
      try {
        body = await c.req.json()
      } catch {
        return bareError(400, 'Invalid JSON body')
      }
      const parsed = submitBody.safeParse(body)
      if (!parsed.success) {
        return bareError(400, 'Validation failed', {
          details: z.flattenError(parsed.error).fieldErrors,
        })
      }
      const { characterId, files } = parsed.data
      for (const file of files) {
        if (!parseBlobUrl(file.blobUrl)) {
          return bareError(400, `Invalid or untrusted blobUrl for file: ${file.filename}`)
        }
        if (hasInvalidFilenameChars(file.filename)) {
          return bareError(400, `Invalid filename: ${file.filename}`)
        }
        const type = normalizeContentType(file.contentType)
        if (!(ALLOWED_CONTENT_TYPES as readonly string[]).includes(type)) {
          return bareError(400, `Invalid content type: ${file.contentType}`)
        }
      }
      if (files.reduce((sum, f) => sum + f.size, 0) > MAX_BATCH_BYTES) {
        return bareError(400, 'Total file size exceeds 5MB limit')
      }
      const { rows } = await db.query(
        'SELECT 1 FROM user_characters WHERE id::text = lower($1) AND organization_id = $2',
        [characterId, auth.organizationId],
      )
      if (rows.length === 0) return bareError(403, 'Character not found or unauthorized')
      for (const file of files) {
        if (parseBlobUrl(file.blobUrl)?.userId !== auth.userId) {
          return bareError(403, `Unauthorized blob URL for file: ${file.filename}`)
        }
      }
      return guarded('Failed to process files', async () => {
        const agent = await requireService(ctx, characterId, auth)
        const results = []
        for (const file of files) results.push(await submitFile(ctx, agent, auth, file))
        const successCount = results.filter((r) => r.status === 'success').length
        const failedCount = results.length - successCount
        return c.json({
          success: successCount > 0,
          results,
          // The note gives the all-succeeded wording only; the mixed one is ours.
          message:
            failedCount === 0
              ? `Successfully processed ${successCount} file(s)`
              : `Processed ${successCount} file(s), ${failedCount} failed`,
          successCount,
          failedCount,
          totalCount: results.length,
        })
      })
    },
  })
  app.all('/api/v1/knowledge/submit', () => methodNotAllowed(['POST', 'OPTIONS']))

  // §6 check: a direct count, no runtime, no error handling → bad key or non-UUID id = empty 500.
  routes.route({
    method: 'get',
    path: '/api/v1/knowledge/check',
    auth: 'key',
    summary: 'Does the agent have documents?',
    note: 'docs/cloud/knowledge.md §6',
    query: z.object({ characterId: z.string() }),
    responses: {
      200: {
        description: 'Document count',
        schema: z.object({ hasDocuments: z.boolean(), count: z.number() }),
      },
      400: { description: 'characterId is required', schema: error },
      500: { description: 'Bad key or malformed characterId: empty body (E9)' },
    },
    use: [limited],
    handler: async (c) => {
      const result = await authenticate(c.req.raw, db, ctx.balanceCache)
      if (!result.ok) return bare500()
      const characterId = c.req.query('characterId')
      if (!characterId) return bareError(400, 'characterId is required')
      if (!isUuid(characterId)) return bare500()
      const agent = await loadAgent(db, characterId, result.auth.organizationId).catch(
        (): Agent => ({
          id: characterId.toLowerCase(),
          isDefault: false,
          organizationId: result.auth.organizationId,
          plugins: [],
        }),
      )
      const count = await countDocuments(db, agent)
      return c.json({ hasDocuments: count > 0, count })
    },
  })
  app.all('/api/v1/knowledge/check', () => methodNotAllowed(['GET', 'OPTIONS']))

  // §5 delete. The UUID check comes after the service check; unknown ids succeed.
  routes.route({
    method: 'delete',
    path: '/api/v1/knowledge/{id}',
    auth: 'key',
    summary: 'Delete a document and its fragments (unknown ids succeed too)',
    note: 'docs/cloud/knowledge.md §5',
    params: z.object({ id: z.string() }),
    query: z.object({ characterId: z.string().optional() }),
    responses: {
      200: {
        description: 'Deleted',
        schema: z.object({ success: z.literal(true), message: z.string() }),
      },
      400: { description: 'Document ID must be a valid UUID', schema: error },
      500: { description: 'Failure, including auth', schema: error },
      503: { description: 'Knowledge service not available', schema: error },
    },
    use: [limited],
    handler: (c) =>
      guarded('Failed to delete document', async () => {
        const auth = await requireAuth(ctx, c)
        const agent = await requireService(ctx, c.req.query('characterId'), auth)
        const id = c.req.param('id') ?? ''
        if (!isUuid(id)) return bareError(400, 'Document ID must be a valid UUID')
        await deleteDocument(db, agent, id.toLowerCase())
        return c.json({ success: true, message: 'Document deleted successfully' })
      }),
  })
  // The [id] route only defines DELETE, so GET /knowledge/<id> and the product description's
  // POST /knowledge/upload answer 405 with an empty body (README.md row 9).
  app.all('/api/v1/knowledge/:id', () => methodNotAllowed(['DELETE', 'OPTIONS']))

  return routes
}

function uploadTooLarge(): Response {
  return bareError(413, 'Upload too large', {
    details: 'Total upload size must be under 10MB. Upload fewer or smaller files per request.',
  })
}

/** The multipart body (upload-file and pre-upload share the parser and its 10 MB ceiling). */
async function readMultipart(c: Context): Promise<FormData | Response> {
  const length = Number(c.req.header('content-length') ?? 0)
  if (length > MAX_MULTIPART_BYTES) return uploadTooLarge()
  try {
    const raw = await c.req.raw.arrayBuffer()
    if (raw.byteLength > MAX_MULTIPART_BYTES) return uploadTooLarge()
    return await new Response(raw, {
      headers: { 'Content-Type': c.req.header('content-type') ?? '' },
    }).formData()
  } catch {
    return bareError(400, 'Malformed request', {
      details:
        'The upload request was malformed. Send multipart/form-data with the files in parts named "files".',
    })
  }
}

export const knowledgeFamily: Family = {
  name: 'knowledge',
  routes: knowledgeRoutes,
  tables: ['knowledge_fragments', 'knowledge_documents', 'knowledge_staged_files'],
  seed: seedKnowledge,
}
