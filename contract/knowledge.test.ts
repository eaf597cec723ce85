// Contract: every knowledge answer the console reads (successes and the error bodies it acts on),
// produced by the in-process sandbox and parsed with the console's own schemas and error reader
// (src/features/knowledge/api/, src/lib/api-error.ts). A drift on either side fails here.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
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
import { ApiError } from '@/lib/api-error'
import { SEED } from '../sandbox/core/seed.ts'
import {
  openTestSandbox,
  SANDBOX_TIMEOUTS,
  type TestSandbox,
  UNKNOWN_KEY,
} from '../sandbox/core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
beforeEach(() => sb.reset())

const [SUPPORT_BOT, LORE_KEEPER] = SEED.agentIds as readonly [string, string, string]
const json = (method: string, path: string, body: unknown, key?: string) =>
  sb.call(path, {
    method,
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json' },
    ...(key === undefined ? {} : { key }),
  })
const multipart = (path: string, files: File[], fields: Record<string, string> = {}) => {
  const form = new FormData()
  for (const f of files) form.append('files', f)
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  return sb.call(path, { method: 'POST', body: form })
}
const file = (name: string, content: string, type = 'text/plain') =>
  new File([content], name, { type })

async function ok(res: Response): Promise<unknown> {
  expect(res.status).toBe(200)
  return res.json()
}

describe('successes', () => {
  it('GET /api/v1/knowledge pages parse with documentPageSchema', async () => {
    const first = documentPageSchema.parse(
      await ok(await sb.call(`/api/v1/knowledge?characterId=${SUPPORT_BOT}&count=1&offset=0`)),
    )
    expect(first).toMatchObject({ total: 2, count: 1, offset: 0 })
    expect(first.documents[0]).toMatchObject({
      name: expect.stringMatching(/\.(md|txt)$/),
      size: expect.any(Number),
      isBase64: false,
    })
    const second = documentPageSchema.parse(
      await ok(await sb.call(`/api/v1/knowledge?characterId=${SUPPORT_BOT}&count=1&offset=1`)),
    )
    expect(second.documents[0]?.id).not.toBe(first.documents[0]?.id)
  })

  it('JSON add, upload-file (per file), query and delete parse with their schemas', async () => {
    const added = addedDocumentSchema.parse(
      await ok(
        await json('POST', '/api/v1/knowledge', {
          content: 'Llamas hum when they are content.',
          filename: 'llamas.md',
          contentType: 'text/markdown',
          characterId: LORE_KEEPER,
        }),
      ),
    )
    expect(added.fragmentCount).toBe(1)

    const uploaded = uploadResultSchema.parse(
      await ok(
        await multipart(
          '/api/v1/knowledge/upload-file',
          [file('ships.txt', 'The lighthouse logs ships.'), file('blank.txt', '  ')],
          { characterId: LORE_KEEPER },
        ),
      ),
    )
    expect(uploaded.data.map((d) => [d.filename, d.status])).toEqual([
      ['ships.txt', 'success'],
      ['blank.txt', 'error_processing'],
    ])
    expect(uploaded.data[1]?.error).toMatch(/No text content extracted/)

    const search = searchResultSchema.parse(
      await ok(
        await json('POST', '/api/v1/knowledge/query', {
          query: 'lighthouse',
          limit: 3,
          characterId: LORE_KEEPER,
        }),
      ),
    )
    expect(search.hits[0]).toMatchObject({
      documentId: uploaded.data[0]?.id,
      position: 0,
      similarity: expect.any(Number),
    })
    const none = searchResultSchema.parse(
      await ok(
        await json('POST', '/api/v1/knowledge/query', {
          query: 'saxophone',
          characterId: LORE_KEEPER,
        }),
      ),
    )
    expect(none.hits).toEqual([])

    deletedDocumentSchema.parse(
      await ok(
        await sb.call(`/api/v1/knowledge/${added.documentId}?characterId=${LORE_KEEPER}`, {
          method: 'DELETE',
        }),
      ),
    )
  })

  it('pre-upload, DELETE pre-upload and submit parse with their schemas', async () => {
    const staged = preUploadResultSchema.parse(
      await ok(
        await multipart('/api/v1/knowledge/pre-upload', [
          file('faq.md', '# FAQ\nRefunds take three days.', 'text/markdown'),
          file('drop.txt', 'Not wanted'),
        ]),
      ),
    ).files
    expect(staged.map((f) => f.filename)).toEqual(['faq.md', 'drop.txt'])
    expect(
      (
        await json('DELETE', '/api/v1/knowledge/pre-upload', {
          blobUrl: staged[1]?.blobUrl,
        })
      ).status,
    ).toBe(200)
    const submitted = submitResultSchema.parse(
      await ok(
        await json('POST', '/api/v1/knowledge/submit', {
          characterId: LORE_KEEPER,
          files: staged.slice(0, 1).map(({ blobUrl, filename, contentType, size }) => ({
            blobUrl,
            filename,
            contentType,
            size,
          })),
        }),
      ),
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
  it('503 "Knowledge service not available" (strict) is recognised on list, add and submit', async () => {
    const [stagedFile] = preUploadResultSchema.parse(
      await ok(await multipart('/api/v1/knowledge/pre-upload', [file('a.txt', 'A note')])),
    ).files
    sb.ctx.strict = true
    try {
      for (const res of [
        await sb.call(`/api/v1/knowledge?characterId=${LORE_KEEPER}`),
        await json('POST', '/api/v1/knowledge', { content: 'x', characterId: LORE_KEEPER }),
        await multipart('/api/v1/knowledge/upload-file', [file('a.txt', 'A note')], {
          characterId: LORE_KEEPER,
        }),
        await json('POST', '/api/v1/knowledge/query', { query: 'x', characterId: LORE_KEEPER }),
        await json('POST', '/api/v1/knowledge/submit', {
          characterId: LORE_KEEPER,
          files: [stagedFile],
        }),
      ]) {
        const error = await ApiError.fromResponse(res)
        expect(error.status).toBe(503)
        expect(isKnowledgeUnavailable(error)).toBe(true)
      }
    } finally {
      sb.ctx.strict = false
    }
  })

  it('a refused upload, a submit validation error and an E9 auth failure', async () => {
    const refused = await ApiError.fromResponse(
      await multipart('/api/v1/knowledge/upload-file', [file('page.html', '<p>', 'text/html')]),
    )
    expect(refused).toMatchObject({ kind: 'invalid', status: 400 })
    expect(refused.message).toMatch(/^Unsupported file type: page\.html: Extension \.html/)
    expect(isKnowledgeUnavailable(refused)).toBe(false)

    const invalid = await ApiError.fromResponse(
      await json('POST', '/api/v1/knowledge/submit', { characterId: 'x', files: [] }),
    )
    expect(invalid.details.fieldErrors).toEqual({
      characterId: ['characterId must be a valid UUID'],
      files: ['At least one file is required'],
    })

    const form = new FormData()
    form.append('files', file('a.txt', 'x'))
    const empty = await ApiError.fromResponse(
      await sb.call('/api/v1/knowledge/pre-upload', {
        method: 'POST',
        body: form,
        key: UNKNOWN_KEY,
      }),
    )
    expect(empty).toMatchObject({ kind: 'server', status: 500 })
  })

  it('429 (E10) gives a countdown', async () => {
    for (let i = 0; i < 60; i++) await sb.call(`/api/v1/knowledge/check?characterId=${SUPPORT_BOT}`)
    const limited = await ApiError.fromResponse(
      await sb.call(`/api/v1/knowledge?characterId=${SUPPORT_BOT}`),
    )
    expect(limited.kind).toBe('rate_limited')
    expect(limited.details.retryAfterSec).toBeGreaterThan(0)
  })
})
