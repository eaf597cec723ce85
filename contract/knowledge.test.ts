// Contract: every knowledge answer the console reads (successes and the error bodies it acts on),
// produced by the in-process sandbox and parsed with the console's own schemas and error reader
// (src/features/knowledge/api/, src/lib/api-error.ts). A drift on either side fails here.
import { beforeEach, describe, expect, it } from 'vitest'
import { isKnowledgeUnavailable } from '@/features/knowledge/api/queries'
import {
  addedDocumentSchema,
  deletedDocumentSchema,
  documentPageSchema,
  preUploadResultSchema,
  searchResultSchema,
  submitResultSchema,
  uploadResultSchema,
} from '@/features/knowledge/api/schemas'
import { SEED } from '../sandbox/core/seed.ts'
import { UNKNOWN_KEY } from '../sandbox/core/test-utils.ts'
import { contractFor } from './harness.ts'

const contract = contractFor(['knowledge'])
const { parses, refuses, unread } = contract
beforeEach(() => contract.sb.reset())

const [SUPPORT_BOT, LORE_KEEPER] = SEED.agentIds as readonly [string, string, string]
const json = (method: string, path: string, body: unknown, key?: string) =>
  contract.sb.call(path, {
    method,
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json' },
    ...(key === undefined ? {} : { key }),
  })
const multipart = (
  path: string,
  files: File[],
  fields: Record<string, string> = {},
  key?: string,
) => {
  const form = new FormData()
  for (const f of files) form.append('files', f)
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  return contract.sb.call(path, {
    method: 'POST',
    body: form,
    ...(key === undefined ? {} : { key }),
  })
}
const file = (name: string, content: string, type = 'text/plain') =>
  new File([content], name, { type })
/** Just over the multipart parser's 10 MB ceiling. */
const tooLarge = () => file('big.txt', 'x'.repeat(10 * 1024 * 1024 + 1))
const OTHER_AGENT = '00000000-0000-4000-8000-000000000000'

describe('successes', () => {
  it('GET /api/v1/knowledge pages parse with documentPageSchema', async () => {
    const first = await parses(
      await contract.sb.call(`/api/v1/knowledge?characterId=${SUPPORT_BOT}&count=1&offset=0`),
      documentPageSchema,
    )
    expect(first).toMatchObject({ total: 2, count: 1, offset: 0 })
    expect(first.documents[0]).toMatchObject({
      name: expect.stringMatching(/\.(md|txt)$/),
      size: expect.any(Number),
      isBase64: false,
    })
    const second = await parses(
      await contract.sb.call(`/api/v1/knowledge?characterId=${SUPPORT_BOT}&count=1&offset=1`),
      documentPageSchema,
    )
    expect(second.documents[0]?.id).not.toBe(first.documents[0]?.id)
  })

  it('JSON add, upload-file (per file), query and delete parse with their schemas', async () => {
    const added = await parses(
      await json('POST', '/api/v1/knowledge', {
        content: 'Llamas hum when they are content.',
        filename: 'llamas.md',
        contentType: 'text/markdown',
        characterId: LORE_KEEPER,
      }),
      addedDocumentSchema,
    )
    expect(added.fragmentCount).toBe(1)

    const uploaded = await parses(
      await multipart(
        '/api/v1/knowledge/upload-file',
        [file('ships.txt', 'The lighthouse logs ships.'), file('blank.txt', '  ')],
        { characterId: LORE_KEEPER },
      ),
      uploadResultSchema,
    )
    expect(uploaded.data.map((d) => [d.filename, d.status])).toEqual([
      ['ships.txt', 'success'],
      ['blank.txt', 'error_processing'],
    ])
    expect(uploaded.data[1]?.error).toMatch(/No text content extracted/)

    const search = await parses(
      await json('POST', '/api/v1/knowledge/query', {
        query: 'lighthouse',
        limit: 3,
        characterId: LORE_KEEPER,
      }),
      searchResultSchema,
    )
    expect(search.hits[0]).toMatchObject({
      documentId: uploaded.data[0]?.id,
      position: 0,
      similarity: expect.any(Number),
    })
    const none = await parses(
      await json('POST', '/api/v1/knowledge/query', {
        query: 'saxophone',
        characterId: LORE_KEEPER,
      }),
      searchResultSchema,
    )
    expect(none.hits).toEqual([])

    await parses(
      await contract.sb.call(`/api/v1/knowledge/${added.documentId}?characterId=${LORE_KEEPER}`, {
        method: 'DELETE',
      }),
      deletedDocumentSchema,
    )
  })

  it('pre-upload, DELETE pre-upload and submit parse with their schemas', async () => {
    const { files: staged } = await parses(
      await multipart('/api/v1/knowledge/pre-upload', [
        file('faq.md', '# FAQ\nRefunds take three days.', 'text/markdown'),
        file('drop.txt', 'Not wanted'),
      ]),
      preUploadResultSchema,
    )
    expect(staged.map((f) => f.filename)).toEqual(['faq.md', 'drop.txt'])
    // The console only waits for the removal: its mutation reads the body as deletedDocumentSchema.
    await parses(
      await json('DELETE', '/api/v1/knowledge/pre-upload', { blobUrl: staged[1]?.blobUrl }),
      deletedDocumentSchema,
    )
    const submitted = await parses(
      await json('POST', '/api/v1/knowledge/submit', {
        characterId: LORE_KEEPER,
        files: staged.slice(0, 1).map(({ blobUrl, filename, contentType, size }) => ({
          blobUrl,
          filename,
          contentType,
          size,
        })),
      }),
      submitResultSchema,
    )
    expect(submitted.results[0]).toMatchObject({
      filename: 'faq.md',
      blobUrl: staged[0]?.blobUrl,
      status: 'success',
      fragmentCount: 1,
    })
  })
})

describe('error bodies the console acts on', () => {
  it('503 "Knowledge service not available" (strict) is recognised on every route that has it', async () => {
    const [stagedFile] = (
      await parses(
        await multipart('/api/v1/knowledge/pre-upload', [file('a.txt', 'A note')]),
        preUploadResultSchema,
      )
    ).files
    contract.sb.ctx.strict = true
    try {
      for (const res of [
        await contract.sb.call(`/api/v1/knowledge?characterId=${LORE_KEEPER}`),
        await json('POST', '/api/v1/knowledge', { content: 'x', characterId: LORE_KEEPER }),
        await multipart('/api/v1/knowledge/upload-file', [file('a.txt', 'A note')], {
          characterId: LORE_KEEPER,
        }),
        await json('POST', '/api/v1/knowledge/query', { query: 'x', characterId: LORE_KEEPER }),
        await json('POST', '/api/v1/knowledge/submit', {
          characterId: LORE_KEEPER,
          files: [stagedFile],
        }),
        await contract.sb.call(`/api/v1/knowledge/${OTHER_AGENT}?characterId=${LORE_KEEPER}`, {
          method: 'DELETE',
        }),
      ]) {
        expect(isKnowledgeUnavailable(await refuses(res, 503))).toBe(true)
      }
    } finally {
      contract.sb.ctx.strict = false
    }
  })

  it('400s: a refused file, a missing field, a bad id, a submit validation error', async () => {
    const refused = await refuses(
      await multipart('/api/v1/knowledge/upload-file', [file('page.html', '<p>', 'text/html')]),
      400,
    )
    expect(refused.kind).toBe('invalid')
    expect(refused.message).toMatch(/^Unsupported file type: page\.html: Extension \.html/)
    expect(isKnowledgeUnavailable(refused)).toBe(false)
    await refuses(
      await multipart('/api/v1/knowledge/pre-upload', [file('page.html', '<p>', 'text/html')]),
      400,
    )
    expect(
      (await refuses(await json('POST', '/api/v1/knowledge', { characterId: LORE_KEEPER }), 400))
        .message,
    ).toBe('Content is required')
    expect(
      (
        await refuses(
          await json('POST', '/api/v1/knowledge/query', { characterId: LORE_KEEPER }),
          400,
        )
      ).message,
    ).toBe('Query is required')
    await refuses(
      await contract.sb.call(`/api/v1/knowledge/not-a-uuid?characterId=${LORE_KEEPER}`, {
        method: 'DELETE',
      }),
      400,
    )
    await refuses(await json('DELETE', '/api/v1/knowledge/pre-upload', {}), 400)
    const invalid = await refuses(
      await json('POST', '/api/v1/knowledge/submit', { characterId: 'x', files: [] }),
      400,
    )
    expect(invalid.details.fieldErrors).toEqual({
      characterId: ['characterId must be a valid UUID'],
      files: ['At least one file is required'],
    })
  })

  it('403s: an agent of another organization, a blob of another user', async () => {
    await refuses(
      await multipart('/api/v1/knowledge/upload-file', [file('a.txt', 'A note')], {
        characterId: OTHER_AGENT,
      }),
      403,
    )
    const { files } = await parses(
      await multipart('/api/v1/knowledge/pre-upload', [file('a.txt', 'A note')]),
      preUploadResultSchema,
    )
    const blobUrl = files[0]?.blobUrl.replace(
      /\/knowledge-pre-upload\/[^/]+\//,
      '/knowledge-pre-upload/someone-else/',
    )
    expect(blobUrl).not.toBe(files[0]?.blobUrl)
    await refuses(await json('DELETE', '/api/v1/knowledge/pre-upload', { blobUrl }), 403)
    await refuses(
      await json('POST', '/api/v1/knowledge/submit', {
        characterId: OTHER_AGENT,
        files: files.map(({ blobUrl, filename, contentType, size }) => ({
          blobUrl,
          filename,
          contentType,
          size,
        })),
      }),
      403,
    )
  })

  it('413 when the multipart body is over 10 MB', async () => {
    expect(
      (await refuses(await multipart('/api/v1/knowledge/upload-file', [tooLarge()]), 413)).message,
    ).toMatch(/^Upload too large/)
    await refuses(await multipart('/api/v1/knowledge/pre-upload', [tooLarge()]), 413)
  })

  it('500s: a bad key is the route failure message, or an empty 500 (E9)', async () => {
    const bad = { key: UNKNOWN_KEY }
    for (const res of [
      await contract.sb.call(`/api/v1/knowledge?characterId=${LORE_KEEPER}`, bad),
      await json('POST', '/api/v1/knowledge', { content: 'x' }, UNKNOWN_KEY),
      await multipart('/api/v1/knowledge/upload-file', [file('a.txt', 'x')], {}, UNKNOWN_KEY),
      await json('POST', '/api/v1/knowledge/query', { query: 'x' }, UNKNOWN_KEY),
      await contract.sb.call(`/api/v1/knowledge/${OTHER_AGENT}`, { method: 'DELETE', ...bad }),
      await multipart('/api/v1/knowledge/pre-upload', [file('a.txt', 'x')], {}, UNKNOWN_KEY),
      await json('DELETE', '/api/v1/knowledge/pre-upload', { blobUrl: 'x' }, UNKNOWN_KEY),
      await json('POST', '/api/v1/knowledge/submit', { characterId: 'x', files: [] }, UNKNOWN_KEY),
    ]) {
      expect((await refuses(res, 500)).kind).toBe('server')
    }
  })

  it('429 (E10) gives a countdown', async () => {
    for (let i = 0; i < 60; i++) {
      await contract.sb.call(`/api/v1/knowledge/check?characterId=${SUPPORT_BOT}`)
    }
    const res = await contract.sb.call(`/api/v1/knowledge?characterId=${SUPPORT_BOT}`)
    expect(res.status).toBe(429)
    const limited = await (await import('@/lib/api-error')).ApiError.fromResponse(res)
    expect(limited.kind).toBe('rate_limited')
    expect(limited.details.retryAfterSec).toBeGreaterThan(0)
  })

  it('check: produced, though the console lists documents instead of calling it', async () => {
    const why = 'the console lists the documents instead of calling check'
    await unread(
      await contract.sb.call(`/api/v1/knowledge/check?characterId=${SUPPORT_BOT}`),
      200,
      why,
    )
    await unread(await contract.sb.call('/api/v1/knowledge/check'), 400, why)
    await unread(
      await contract.sb.call(`/api/v1/knowledge/check?characterId=${SUPPORT_BOT}`, {
        key: UNKNOWN_KEY,
      }),
      500,
      why,
    )
  })
})
