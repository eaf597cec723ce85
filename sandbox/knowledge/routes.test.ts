// Knowledge routes against docs/cloud/knowledge.md §1–§6 and README.md row 9.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { splitIntoChunks } from './chunk.ts'
import { DEFAULT_AGENT_ID } from './store.ts'
import { setBalance } from '../core/ledger.ts'
import { SEED } from '../core/seed.ts'
import { openSandbox } from '../server.ts'
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

const [SUPPORT_BOT, LORE_KEEPER] = SEED.agentIds
const post = (path: string, body: unknown, key?: string | null) =>
  sb.call(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json' },
    ...(key === undefined ? {} : { key }),
  })
const upload = (files: File[], fields: Record<string, string> = {}) => {
  const form = new FormData()
  for (const f of files) form.append('files', f)
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  return sb.call('/api/v1/knowledge/upload-file', { method: 'POST', body: form })
}
const textFile = (name: string, text: string, type = 'text/plain') =>
  new File([text], name, { type })

describe('POST /api/v1/knowledge (JSON add) and GET /api/v1/knowledge', () => {
  it('stores a document per agent, lists it newest first and dedupes a re-upload', async () => {
    const body = {
      content: 'Llamas are calm pack animals from the Andes.',
      filename: 'llamas.md',
      contentType: 'text/markdown',
      metadata: { tag: 'zoo' },
      characterId: LORE_KEEPER,
    }
    const res = await post('/api/v1/knowledge', body)
    expect(res.status).toBe(200)
    const added = await res.json()
    expect(added).toEqual({
      success: true,
      documentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      fragmentCount: 1,
      message: 'Document processed successfully. Created 1 knowledge fragments.',
    })
    const again = await (await post('/api/v1/knowledge', body)).json()
    expect(again.documentId).toBe(added.documentId)

    const list = await (await sb.call(`/api/v1/knowledge?characterId=${LORE_KEEPER}`)).json()
    expect(list).toMatchObject({ total: 1, count: 1, offset: 0 })
    expect(list.documents[0]).toMatchObject({
      id: added.documentId,
      type: 'documents',
      content: { text: body.content },
      agentId: LORE_KEEPER,
      roomId: LORE_KEEPER,
      entityId: LORE_KEEPER,
      unique: true,
      metadata: {
        type: 'document',
        documentId: added.documentId,
        originalFilename: 'llamas.md',
        contentType: 'text/markdown',
        title: 'llamas',
        fileExt: 'md',
        source: 'rag-service-main-upload',
        uploadedBy: SEED.userId,
        organizationId: SEED.organizationId,
        tag: 'zoo',
      },
    })
    expect(typeof list.documents[0].createdAt).toBe('number')
    // Other agents do not see it; the seeded Support Bot keeps its two documents.
    const other = await (
      await sb.call(`/api/v1/knowledge?characterId=${SUPPORT_BOT}&count=1&offset=1`)
    ).json()
    expect(other).toMatchObject({ total: 2, count: 1, offset: 1 })
  })

  it('answers 400 "Content is required" and 500s for a bad key and an unknown agent', async () => {
    expect(await (await post('/api/v1/knowledge', { filename: 'x.txt' })).json()).toEqual({
      error: 'Content is required',
    })
    const badKey = await post('/api/v1/knowledge', { content: 'x' }, UNKNOWN_KEY)
    expect(badKey.status).toBe(500)
    expect(await badKey.json()).toEqual({
      error: 'Failed to upload document',
      details: 'Invalid or expired API key',
    })
    const unknown = await sb.call(
      '/api/v1/knowledge?characterId=00000000-0000-4000-8000-000000000000',
    )
    expect(unknown.status).toBe(500)
    expect(await unknown.json()).toEqual({
      error: 'Failed to list documents',
      details: 'Character not found: 00000000-0000-4000-8000-000000000000',
    })
  })

  it('refuses a call without credentials at the edge (E1)', async () => {
    const res = await sb.call('/api/v1/knowledge', { key: null })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({
      success: false,
      error: 'Unauthorized',
      code: 'authentication_required',
    })
  })

  it('is not billed: works with an empty balance and leaves the ledger alone', async () => {
    await setBalance(sb.ctx.db, SEED.organizationId, 0)
    const before = await sb.ctx.db.query('SELECT count(*)::int AS n FROM credit_transactions')
    expect((await post('/api/v1/knowledge', { content: 'Zero balance note' })).status).toBe(200)
    expect((await post('/api/v1/knowledge/query', { query: 'balance note' })).status).toBe(200)
    const after = await sb.ctx.db.query('SELECT count(*)::int AS n FROM credit_transactions')
    expect(after.rows).toEqual(before.rows)
  })
})

describe('POST /api/v1/knowledge/query', () => {
  it('ranks fragments with similarity in [0, 1], best first, default limit 5', async () => {
    const res = await post('/api/v1/knowledge/query', {
      query: 'How much does a running container cost per day?',
      characterId: SUPPORT_BOT,
    })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.query).toBe('How much does a running container cost per day?')
    expect(body.count).toBe(body.results.length)
    expect(body.results.length).toBeGreaterThan(0)
    expect(body.results.length).toBeLessThanOrEqual(5)
    expect(body.results[0].content).toContain('$1.17 per day')
    for (const r of body.results) {
      expect(r.similarity).toBeGreaterThanOrEqual(0.1)
      expect(r.similarity).toBeLessThanOrEqual(1)
      expect(r.metadata).toMatchObject({
        type: 'fragment',
        documentId: expect.any(String),
        position: expect.any(Number),
        source: 'rag-service-fragment-sync',
      })
    }
    const sims = body.results.map((r: { similarity: number }) => r.similarity)
    expect(sims).toEqual([...sims].sort((a, b) => b - a))
    // No shared word → nothing; `limit` cuts after ranking; a missing query is a 400.
    expect(
      (
        await (
          await post('/api/v1/knowledge/query', {
            query: 'zebra saxophone',
            characterId: SUPPORT_BOT,
          })
        ).json()
      ).results,
    ).toEqual([])
    expect(
      (
        await (
          await post('/api/v1/knowledge/query', {
            query: 'container deploy',
            limit: 1,
            characterId: SUPPORT_BOT,
          })
        ).json()
      ).count,
    ).toBe(1)
    const missing = await post('/api/v1/knowledge/query', { characterId: SUPPORT_BOT })
    expect(missing.status).toBe(400)
    expect(await missing.json()).toEqual({ error: 'Query is required' })
  })

  it('chunks long documents into overlapping fragments and finds a late one', async () => {
    const filler = Array.from(
      { length: 60 },
      (_, i) => `Paragraph ${i} talks about ordinary weather and gardens.`,
    ).join('\n\n')
    const content = `${filler}\n\nThe secret ingredient of the sandbox soup is saffron.`
    const added = await (
      await post('/api/v1/knowledge', { content, characterId: LORE_KEEPER })
    ).json()
    expect(added.fragmentCount).toBe(splitIntoChunks(content).length)
    expect(added.fragmentCount).toBeGreaterThan(1)
    const hit = (
      await (
        await post('/api/v1/knowledge/query', { query: 'saffron', characterId: LORE_KEEPER })
      ).json()
    ).results[0]
    expect(hit.content).toContain('saffron')
    expect(hit.metadata).toMatchObject({
      documentId: added.documentId,
      position: added.fragmentCount - 1,
    })
    const chunks = splitIntoChunks(content)
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(1750)
  })
})

describe('POST /api/v1/knowledge/upload-file', () => {
  it('answers 200 with per-file statuses, PDFs failing extraction', async () => {
    const res = await upload(
      [
        textFile('guide.md', '# Guide\nUse the blue button.', 'text/markdown'),
        new File(['%PDF-1.7 binary'], 'scan.pdf', { type: 'application/pdf' }),
      ],
      { characterId: LORE_KEEPER },
    )
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({
      success: true,
      message: 'Uploaded 1 file(s), 1 failed',
      successCount: 1,
      failedCount: 1,
      totalCount: 2,
    })
    expect(body.data[0]).toMatchObject({
      filename: 'guide.md',
      type: 'text/markdown',
      size: 28,
      fragmentCount: 1,
      status: 'success',
    })
    expect(body.data[1]).toMatchObject({
      id: '',
      filename: 'scan.pdf',
      status: 'error_processing',
      error: 'KnowledgeService: No text content extracted from scan.pdf (type: application/pdf).',
    })
    const doc = (await (await sb.call(`/api/v1/knowledge?characterId=${LORE_KEEPER}`)).json())
      .documents[0]
    expect(doc.metadata).toMatchObject({ fileSize: 28, filename: 'guide.md', fileName: 'guide.md' })
  })

  it('validates in the cloud order with its exact errors', async () => {
    const cases: [File[], number, object][] = [
      [[], 400, { error: 'No files provided', details: 'Please upload at least one file' }],
      [
        Array.from({ length: 6 }, (_, i) => textFile(`f${i}.txt`, 'x')),
        400,
        { error: 'Too many files', details: 'Maximum 5 files per request' },
      ],
      [
        [
          textFile('a.txt', 'a'.repeat(3 * 1024 * 1024)),
          textFile('b.txt', 'b'.repeat(3 * 1024 * 1024)),
        ],
        400,
        { error: 'Batch too large', details: 'Total upload size must be under 5MB' },
      ],
      [
        [textFile('page.html', '<p>hi</p>', 'text/html')],
        400,
        {
          error: 'Unsupported file type',
          details:
            'page.html: Extension .html is not supported. Allowed: .pdf, .txt, .md, .doc, .docx, .json, .xml, .yaml, .yml, .csv',
        },
      ],
      [
        [textFile('pic.txt', 'x', 'image/png')],
        400,
        {
          error: 'Unsupported content type',
          details: 'pic.txt: Content type image/png is not supported',
        },
      ],
      [
        [textFile('a..b.txt', 'x')],
        400,
        {
          error: 'Invalid filename',
          details: expect.stringContaining('a..b.txt contains invalid characters.'),
        },
      ],
    ]
    for (const [files, status, error] of cases) {
      const res = await upload(files)
      expect(res.status).toBe(status)
      expect(await res.json()).toEqual(error)
    }
    const foreign = await upload([textFile('a.txt', 'x')], {
      characterId: '00000000-0000-4000-8000-000000000000',
    })
    expect(foreign.status).toBe(403)
    expect(await foreign.json()).toEqual({ error: 'Character not found or unauthorized' })
  })

  it('answers 413 when the multipart body itself is over 10 MB', async () => {
    const res = await upload([textFile('big.txt', 'x'.repeat(11 * 1024 * 1024))])
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({
      error: 'Upload too large',
      details: expect.stringContaining('under 10MB'),
    })
  })
})

describe('DELETE /api/v1/knowledge/{id}, GET /check and the 405s', () => {
  it('deletes a document with its fragments; unknown ids succeed; non-UUIDs are 400', async () => {
    const { documentId } = await (
      await post('/api/v1/knowledge', {
        content: 'Temporary memo about otters',
        characterId: LORE_KEEPER,
      })
    ).json()
    const res = await sb.call(`/api/v1/knowledge/${documentId}?characterId=${LORE_KEEPER}`, {
      method: 'DELETE',
    })
    expect(await res.json()).toEqual({ success: true, message: 'Document deleted successfully' })
    expect(
      (
        await (
          await post('/api/v1/knowledge/query', { query: 'otters', characterId: LORE_KEEPER })
        ).json()
      ).results,
    ).toEqual([])
    const { rows } = await sb.ctx.db.query(
      'SELECT 1 FROM knowledge_fragments WHERE document_id = $1',
      [documentId],
    )
    expect(rows).toEqual([])
    expect((await sb.call(`/api/v1/knowledge/${documentId}`, { method: 'DELETE' })).status).toBe(
      200,
    )
    const bad = await sb.call('/api/v1/knowledge/not-a-uuid', { method: 'DELETE' })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ error: 'Document ID must be a valid UUID' })
  })

  it("check counts an agent's documents; bad key or non-UUID id → 500 (E9)", async () => {
    expect(
      await (await sb.call(`/api/v1/knowledge/check?characterId=${SUPPORT_BOT}`)).json(),
    ).toEqual({ hasDocuments: true, count: 2 })
    expect(
      await (await sb.call(`/api/v1/knowledge/check?characterId=${LORE_KEEPER}`)).json(),
    ).toEqual({ hasDocuments: false, count: 0 })
    const missing = await sb.call('/api/v1/knowledge/check')
    expect(missing.status).toBe(400)
    expect(await missing.json()).toEqual({ error: 'characterId is required' })
    for (const res of [
      await sb.call('/api/v1/knowledge/check?characterId=abc'),
      await sb.call(`/api/v1/knowledge/check?characterId=${SUPPORT_BOT}`, { key: UNKNOWN_KEY }),
    ]) {
      expect(res.status).toBe(500)
      // E9: empty in the cloud (and strict mode); the family's JSON by default (docs/sandbox.md).
      expect(await res.json()).toHaveProperty('error')
    }
  })

  it("answers the product description's POST /knowledge/upload with an empty 405 (README row 9)", async () => {
    for (const [method, p] of [
      ['POST', '/api/v1/knowledge/upload'],
      ['GET', `/api/v1/knowledge/${DEFAULT_AGENT_ID}`],
      ['GET', '/api/v1/knowledge/upload-file'],
    ]) {
      const res = await sb.call(p as string, { method })
      expect(res.status).toBe(405)
      expect(await res.text()).toBe('')
    }
  })
})

describe('rate limit and strict mode', () => {
  it('is STANDARD: the 61st call in a minute is a 429 (E10) with Retry-After', async () => {
    for (let i = 0; i < 60; i++)
      expect((await sb.call('/api/v1/knowledge/check?characterId=' + SUPPORT_BOT)).status).toBe(200)
    const res = await sb.call('/api/v1/knowledge')
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(await res.json()).toMatchObject({
      success: false,
      error: 'Too many requests',
      code: 'rate_limit_exceeded',
      message: 'Rate limit exceeded. Maximum 60 requests per 60 seconds.',
    })
  })

  it('strict: only agents with documents have the service; the default agent never (503)', async () => {
    sb.ctx.strict = true
    try {
      const list = await sb.call('/api/v1/knowledge')
      expect(list.status).toBe(503)
      expect(await list.json()).toEqual({
        error: 'Knowledge service not available',
        details: expect.stringContaining('The knowledge plugin may not be loaded'),
      })
      // The 503 wins over the missing content (docs/cloud/knowledge.md §2).
      const add = await post('/api/v1/knowledge', { characterId: LORE_KEEPER })
      expect(add.status).toBe(503)
      expect(await add.json()).toEqual({ error: 'Knowledge service not available' })
      expect(
        (await post('/api/v1/knowledge/query', { query: 'pricing', characterId: SUPPORT_BOT }))
          .status,
      ).toBe(200)
      // The `knowledge` plugin attaches the service to an empty agent.
      await sb.ctx.db.query(`UPDATE user_characters SET plugins = '["knowledge"]' WHERE id = $1`, [
        LORE_KEEPER,
      ])
      expect(
        (await post('/api/v1/knowledge', { content: 'First note', characterId: LORE_KEEPER }))
          .status,
      ).toBe(200)
    } finally {
      sb.ctx.strict = false
    }
    // Default mode: the switch the note asks for — the default agent takes documents.
    expect((await post('/api/v1/knowledge', { content: 'Org-wide note' })).status).toBe(200)
  })
})

describe('persistence', () => {
  it('keeps a document and its fragments across a restart', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'knowledge-restart-'))
    try {
      const first = await openSandbox({ dataDir, testMode: true })
      const headers = { 'X-API-Key': first.apiKey, 'Content-Type': 'application/json' }
      const added = await first.app.request('/api/v1/knowledge', {
        method: 'POST',
        headers,
        body: JSON.stringify({
          content: 'The lighthouse keeper logs every passing ship.',
          characterId: LORE_KEEPER,
        }),
      })
      const { documentId } = await added.json()
      await first.close()

      const second = await openSandbox({ dataDir, testMode: true })
      try {
        const res = await second.app.request('/api/v1/knowledge/query', {
          method: 'POST',
          headers,
          body: JSON.stringify({ query: 'lighthouse ships', characterId: LORE_KEEPER }),
        })
        const body = await res.json()
        expect(body.results[0].metadata.documentId).toBe(documentId)
      } finally {
        await second.close()
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
