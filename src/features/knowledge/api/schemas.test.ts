import { describe, expect, it } from 'vitest'
import {
  documentPageSchema,
  pasteContentType,
  pasteFilename,
  pasteTextInput,
  searchResultSchema,
} from './schemas'

// The document object of docs/knowledge.md §Documents (from the cloud-api note's example).
const listed = {
  id: '5a1f0c2e-3b4d-5e6f-8a9b-0c1d2e3f4a5b',
  type: 'documents',
  createdAt: 1745140000000,
  content: { text: '# Deploying\nRun the deploy command and ...' },
  entityId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  agentId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  roomId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  unique: true,
  metadata: {
    type: 'document',
    documentId: '5a1f0c2e-3b4d-5e6f-8a9b-0c1d2e3f4a5b',
    originalFilename: 'deploy-guide.md',
    contentType: 'text/markdown',
    title: 'deploy-guide',
    fileExt: 'md',
    fileSize: 1834,
    source: 'rag-service-main-upload',
    timestamp: 1745140000000,
    uploadedBy: '2f1e0d9c-8b7a-4c6d-9e5f-0a1b2c3d4e5f',
    uploadedAt: 1745140000000,
    organizationId: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d',
    filename: 'deploy-guide.md',
    fileName: 'deploy-guide.md',
  },
}

describe('documentPageSchema', () => {
  it('maps a listed document to name, type, size and date', () => {
    const page = documentPageSchema.parse({ documents: [listed], total: 12, count: 1, offset: 0 })
    expect(page).toMatchObject({ total: 12, count: 1, offset: 0 })
    expect(page.documents[0]).toEqual({
      id: listed.id,
      name: 'deploy-guide.md',
      ext: '.md',
      contentType: 'text/markdown',
      size: 1834,
      createdAt: 1745140000000,
      text: listed.content.text,
      isBase64: false,
    })
  })

  it('falls back to the title and the stored text’s size for a JSON add without fileSize', () => {
    const [doc] = documentPageSchema.parse({
      documents: [
        {
          ...listed,
          content: { text: 'héllo' },
          metadata: { title: 'note', contentType: 'text/plain' },
        },
      ],
      total: 1,
      count: 1,
      offset: 0,
    }).documents
    expect(doc).toMatchObject({ name: 'note', ext: '', size: 6, createdAt: listed.createdAt })
  })

  it('recognises a PDF kept as base64 and sizes the file under it', () => {
    const base64 = btoa('%PDF-1.7 tiny file')
    const [doc] = documentPageSchema.parse({
      documents: [
        {
          ...listed,
          content: { text: base64 },
          metadata: { originalFilename: 'scan.pdf', contentType: 'application/pdf' },
        },
      ],
      total: 1,
      count: 1,
      offset: 0,
    }).documents
    expect(doc).toMatchObject({ name: 'scan.pdf', isBase64: true, size: 18 })
    // A PDF whose text is not base64 (e.g. added as text) is shown as text.
    const [plain] = documentPageSchema.parse({
      documents: [
        { ...listed, content: { text: 'Plain words.' }, metadata: { filename: 'a.pdf' } },
      ],
      total: 1,
      count: 1,
      offset: 0,
    }).documents
    expect(plain?.isBase64).toBe(false)
  })
})

describe('searchResultSchema', () => {
  it('keeps similarity in [0, 1] and reads documentId and position from metadata', () => {
    const result = searchResultSchema.parse({
      query: 'How do I deploy an agent?',
      results: [
        {
          id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
          content: 'Run the deploy command from the project root, then ...',
          similarity: 0.83,
          metadata: {
            type: 'fragment',
            documentId: '5a1f0c2e-3b4d-5e6f-8a9b-0c1d2e3f4a5b',
            position: 0,
            timestamp: 1745140000000,
            source: 'rag-service-fragment-sync',
          },
        },
        { id: 'x', content: 'odd', similarity: 1.2, metadata: null },
      ],
      count: 2,
    })
    expect(result.hits).toEqual([
      {
        id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
        content: 'Run the deploy command from the project root, then ...',
        similarity: 0.83,
        documentId: '5a1f0c2e-3b4d-5e6f-8a9b-0c1d2e3f4a5b',
        position: 0,
      },
      { id: 'x', content: 'odd', similarity: 1, documentId: null, position: null },
    ])
  })
})

describe('paste text', () => {
  const ok = { name: 'notes', content: 'Some text' }
  it('names it .txt without an extension and sends a text type', () => {
    expect(pasteFilename(' notes ')).toBe('notes.txt')
    expect(pasteFilename('faq.md')).toBe('faq.md')
    expect(pasteContentType('faq.md')).toBe('text/markdown')
    expect(pasteContentType('data.yaml')).toBe('text/yaml')
    expect(pasteContentType('data.json')).toBe('application/json')
    expect(pasteTextInput.safeParse(ok).success).toBe(true)
  })

  it('refuses an empty name or text, binary formats, bad characters and over 5 MB', () => {
    const message = (value: object) =>
      pasteTextInput.safeParse({ ...ok, ...value }).error?.issues.map((i) => i.message)
    expect(message({ name: '  ' })).toEqual(['Give the text a name.'])
    expect(message({ content: ' \n ' })).toEqual(['Paste or type some text.'])
    expect(message({ name: 'scan.pdf' })?.[0]).toMatch(/^Pasted text is stored as text/)
    expect(message({ name: 'page.html' })?.[0]).toMatch(/^\.html files are not accepted/)
    expect(message({ name: 'a/b' })?.[0]).toMatch(/character the cloud refuses/)
    expect(message({ content: 'é'.repeat(2.5 * 1024 * 1024 + 1) })).toEqual([
      'At most 5 MB of text, the limit of one file.',
    ])
  })
})
