// Staged knowledge upload against docs/cloud/knowledge.md §7: pre-upload, DELETE pre-upload and submit.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { BLOB_HOST, blobUrlFor, looksLikeText, parseBlobUrl } from './staging.ts'
import { SEED } from '../core/seed.ts'
import {
  openTestSandbox,
  SANDBOX_TIMEOUTS,
  type TestSandbox,
  UNKNOWN_KEY,
} from '../core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
beforeEach(() => sb.reset())

const [, LORE_KEEPER] = SEED.agentIds
const OTHER_USER = '00000000-0000-4000-8000-0000000000ff'

const textFile = (name: string, text: string | Uint8Array<ArrayBuffer>, type = 'text/plain') =>
  new File([text], name, { type })

const preUpload = (files: File[], key?: string) => {
  const form = new FormData()
  for (const f of files) form.append('files', f)
  return sb.call('/api/v1/knowledge/pre-upload', {
    method: 'POST',
    body: form,
    ...(key === undefined ? {} : { key }),
  })
}
const json = (method: string, path: string, body: unknown, key?: string) =>
  sb.call(path, {
    method,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json' },
    ...(key === undefined ? {} : { key }),
  })
const stagedCount = async () =>
  (await sb.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM knowledge_staged_files'))
    .rows[0]?.n

interface Staged {
  id: string
  filename: string
  blobUrl: string
  contentType: string
  size: number
  uploadedAt: number
}
async function stage(files: File[]): Promise<Staged[]> {
  const res = await preUpload(files)
  expect(res.status).toBe(200)
  return ((await res.json()) as { files: Staged[] }).files
}
const toSubmitted = (s: Staged) => ({
  blobUrl: s.blobUrl,
  filename: s.filename,
  contentType: s.contentType,
  size: s.size,
})

describe('POST /api/v1/knowledge/pre-upload', () => {
  it('stages files under the uploader and answers their blob URLs', async () => {
    const res = await preUpload([
      textFile('faq.txt', 'How do refunds work? Within two hours, 75 %.'),
      textFile('Guide Book.md', '# Guide', 'text/markdown'),
    ])
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ success: true, successCount: 2, failureCount: 0 })
    expect(body.files).toHaveLength(2)
    expect(body.files[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      filename: 'faq.txt',
      blobUrl: expect.stringMatching(
        new RegExp(`^https://${BLOB_HOST}/knowledge-pre-upload/${SEED.userId}/faq-[\\w-]+\\.txt$`),
      ),
      contentType: 'text/plain',
      size: 44,
      uploadedAt: expect.any(Number),
    })
    expect(body.files[1].blobUrl).toMatch(/\/guide-book-[\w-]+\.md$/)
    expect(body.files[1].contentType).toBe('text/markdown')
    expect(await stagedCount()).toBe(2)
    // Staging processes nothing: the agent has no new document.
    const list = await (await sb.call(`/api/v1/knowledge?characterId=${LORE_KEEPER}`)).json()
    expect(list.total).toBe(0)
  })

  it('refuses with its own error names, before storing anything', async () => {
    const cases: [File[], object][] = [
      [[], { error: 'No files provided', details: 'Please upload at least one file' }],
      [
        Array.from({ length: 6 }, (_, i) => textFile(`f${i}.txt`, 'x')),
        { error: 'Too many files', details: 'Maximum 5 files per request' },
      ],
      [
        [
          textFile('a.txt', 'a'.repeat(3 * 1024 * 1024)),
          textFile('b.txt', 'b'.repeat(3 * 1024 * 1024)),
        ],
        { error: 'Batch too large', details: 'Total upload size must be under 5MB' },
      ],
      [
        [textFile(`${'n'.repeat(252)}.txt`, 'x')],
        { error: 'Filename too long', details: expect.stringContaining('at most 255') },
      ],
      [
        [textFile('a:b.txt', 'x')],
        { error: 'Invalid filename', details: expect.stringContaining('a:b.txt contains invalid') },
      ],
      [
        [textFile('page.html', '<p>hi</p>', 'text/html')],
        { error: 'Invalid file type', details: expect.stringContaining('Extension .html') },
      ],
      [
        [textFile('pic.txt', 'x', 'image/png')],
        {
          error: 'Invalid content type',
          details: 'pic.txt: Content type image/png is not supported',
        },
      ],
      [
        [textFile('scan.pdf', '%PDF-1.7', '')],
        {
          error: 'Invalid content type',
          details: expect.stringContaining('only accepted for text files'),
        },
      ],
      [
        [textFile('data.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), '')],
        { error: 'Invalid content type', details: 'data.csv: the file is binary, not text' },
      ],
    ]
    for (const [files, error] of cases) {
      const res = await preUpload(files)
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual(error)
    }
    expect(await stagedCount()).toBe(0)
    // octet-stream with a text extension and text bytes is fine.
    expect((await preUpload([textFile('notes.md', '# Notes', '')])).status).toBe(200)
  })

  it('answers a bad key with a 500 (E9)', async () => {
    const res = await preUpload([textFile('a.txt', 'x')], UNKNOWN_KEY)
    expect(res.status).toBe(500)
    // E9: empty in the cloud (and strict mode); the family's JSON by default (docs/sandbox.md).
    expect(await res.json()).toHaveProperty('error')
  })
})

describe('DELETE /api/v1/knowledge/pre-upload', () => {
  it('removes a staged file of its uploader only', async () => {
    const [file] = await stage([textFile('faq.txt', 'Staged text')])
    const url = file?.blobUrl as string
    const res = await json('DELETE', '/api/v1/knowledge/pre-upload', { blobUrl: url })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ success: true })
    expect(await stagedCount()).toBe(0)
    // Gone already: still a success, as deleting a missing blob is.
    expect((await json('DELETE', '/api/v1/knowledge/pre-upload', { blobUrl: url })).status).toBe(
      200,
    )

    const cases: [unknown, number, object][] = [
      [{}, 400, { error: 'blobUrl is required' }],
      [
        { blobUrl: 'https://example.com/knowledge-pre-upload/x/a.txt' },
        400,
        { error: 'Invalid or untrusted blob URL' },
      ],
      [
        { blobUrl: blobUrlFor(OTHER_USER, 'a.txt') },
        403,
        { error: 'Unauthorized to delete this file' },
      ],
    ]
    for (const [body, status, error] of cases) {
      const r = await json('DELETE', '/api/v1/knowledge/pre-upload', body)
      expect(r.status).toBe(status)
      expect(await r.json()).toEqual(error)
    }
    const badKey = await json(
      'DELETE',
      '/api/v1/knowledge/pre-upload',
      { blobUrl: url },
      UNKNOWN_KEY,
    )
    expect(badKey.status).toBe(500)
    // E9: empty in the cloud (and strict mode); the family's JSON by default (docs/sandbox.md).
    expect(await badKey.json()).toHaveProperty('error')
  })
})

describe('POST /api/v1/knowledge/submit', () => {
  it('processes staged files into the agent, per file, and deletes the staged blobs', async () => {
    const staged = await stage([
      textFile(
        'refunds.txt',
        'Refunds: deleting a running container within two hours refunds 75 %.',
      ),
      textFile('blank.txt', '   \n  '),
    ])
    const res = await json('POST', '/api/v1/knowledge/submit', {
      characterId: LORE_KEEPER,
      files: staged.map(toSubmitted),
    })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({
      success: true,
      successCount: 1,
      failedCount: 1,
      totalCount: 2,
      message: 'Processed 1 file(s), 1 failed',
    })
    expect(body.results[0]).toEqual({
      filename: 'refunds.txt',
      blobUrl: staged[0]?.blobUrl,
      status: 'success',
      fragmentCount: 1,
      documentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    })
    expect(body.results[1]).toEqual({
      filename: 'blank.txt',
      blobUrl: staged[1]?.blobUrl,
      status: 'error',
      error: 'KnowledgeService: No text content extracted from blank.txt (type: text/plain).',
    })
    // The processed blob is gone; the failed one stays staged.
    expect(await stagedCount()).toBe(1)
    const list = await (await sb.call(`/api/v1/knowledge?characterId=${LORE_KEEPER}`)).json()
    expect(list.total).toBe(1)
    expect(list.documents[0].metadata).toMatchObject({
      originalFilename: 'refunds.txt',
      fileSize: staged[0]?.size,
      blobUrl: staged[0]?.blobUrl,
    })
    const hit = await (
      await json('POST', '/api/v1/knowledge/query', { query: 'refunds', characterId: LORE_KEEPER })
    ).json()
    expect(hit.results[0].metadata.documentId).toBe(body.results[0].documentId)

    // Submitting the processed file again: its blob is gone.
    const again = await (
      await json('POST', '/api/v1/knowledge/submit', {
        characterId: LORE_KEEPER,
        files: [toSubmitted(staged[0] as Staged)],
      })
    ).json()
    expect(again).toMatchObject({ success: false, successCount: 0, failedCount: 1 })
    expect(again.results[0]).toMatchObject({
      status: 'error',
      error: 'Failed to download file: 404',
    })
  })

  it('validates the body, the files, the agent and the blobs in that order', async () => {
    const [file] = await stage([textFile('faq.txt', 'Staged text')])
    const good = toSubmitted(file as Staged)
    const cases: [unknown, number, object][] = [
      ['{not json', 400, { error: 'Invalid JSON body' }],
      [
        { characterId: 'nope', files: [] },
        400,
        {
          error: 'Validation failed',
          details: {
            characterId: ['characterId must be a valid UUID'],
            files: ['At least one file is required'],
          },
        },
      ],
      [
        { characterId: LORE_KEEPER, files: [{ ...good, blobUrl: 'https://example.com/a.txt' }] },
        400,
        { error: 'Invalid or untrusted blobUrl for file: faq.txt' },
      ],
      [
        { characterId: LORE_KEEPER, files: [{ ...good, filename: 'a|b.txt' }] },
        400,
        { error: 'Invalid filename: a|b.txt' },
      ],
      [
        { characterId: LORE_KEEPER, files: [{ ...good, contentType: 'text/html' }] },
        400,
        { error: 'Invalid content type: text/html' },
      ],
      [
        {
          characterId: LORE_KEEPER,
          files: [
            { ...good, size: 3 * 1024 * 1024 },
            { ...good, size: 3 * 1024 * 1024 },
          ],
        },
        400,
        { error: 'Total file size exceeds 5MB limit' },
      ],
      [
        { characterId: '00000000-0000-4000-8000-000000000000', files: [good] },
        403,
        { error: 'Character not found or unauthorized' },
      ],
      [
        {
          characterId: LORE_KEEPER,
          files: [{ ...good, blobUrl: blobUrlFor(OTHER_USER, 'faq.txt') }],
        },
        403,
        { error: 'Unauthorized blob URL for file: faq.txt' },
      ],
    ]
    for (const [body, status, error] of cases) {
      const res = await json('POST', '/api/v1/knowledge/submit', body)
      expect(res.status).toBe(status)
      expect(await res.json()).toEqual(error)
    }
    const badKey = await json(
      'POST',
      '/api/v1/knowledge/submit',
      { characterId: LORE_KEEPER, files: [good] },
      UNKNOWN_KEY,
    )
    expect(badKey.status).toBe(500)
    // E9: empty in the cloud (and strict mode); the family's JSON by default (docs/sandbox.md).
    expect(await badKey.json()).toHaveProperty('error')
    expect(await stagedCount()).toBe(1)
  })

  it('strict: an agent with no documents has no knowledge service (503), as on the cloud', async () => {
    const [file] = await stage([textFile('faq.txt', 'Staged text')])
    sb.ctx.strict = true
    try {
      const res = await json('POST', '/api/v1/knowledge/submit', {
        characterId: LORE_KEEPER,
        files: [toSubmitted(file as Staged)],
      })
      expect(res.status).toBe(503)
      expect(await res.json()).toEqual({ error: 'Knowledge service not available' })
      expect(await stagedCount()).toBe(1)
      // Staging needs no agent runtime, so it works in strict mode too.
      expect((await preUpload([textFile('b.txt', 'More')])).status).toBe(200)
    } finally {
      sb.ctx.strict = false
    }
  })
})

describe('blob URLs and sniffing', () => {
  it('parses only the URLs the sandbox hands out', () => {
    const url = blobUrlFor(SEED.userId, 'Ünïcode name (1).TXT')
    expect(url).toMatch(/\/n-code-name-1-[\w-]+\.txt$/)
    expect(parseBlobUrl(url)).toEqual({ userId: SEED.userId })
    for (const bad of [
      url.replace('https:', 'http:'),
      `${url}?x=1`,
      url.replace(BLOB_HOST, 'evil.example'),
      url.replace('knowledge-pre-upload', 'other'),
      'not a url',
      42,
    ]) {
      expect(parseBlobUrl(bad)).toBeNull()
    }
  })

  it('takes UTF-8 without NUL bytes for text, even cut mid-character', () => {
    expect(looksLikeText(new TextEncoder().encode('héllo wörld'))).toBe(true)
    const euro = new TextEncoder().encode('€'.repeat(3000)) // 9,000 bytes: cut inside a character
    expect(looksLikeText(euro)).toBe(true)
    expect(looksLikeText(new Uint8Array([0x68, 0x00, 0x69]))).toBe(false)
    expect(looksLikeText(new Uint8Array([0xff, 0xfe, 0x41]))).toBe(false)
  })
})
