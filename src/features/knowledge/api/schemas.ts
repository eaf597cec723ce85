// The knowledge routes' answers (docs/knowledge.md), parsed with zod/mini and mapped to the
// console's words. Our code says "agent" where the cloud says `characterId`.
import { z } from 'zod/mini'
import { extensionOf, filenameProblem, isAllowedExtension, TEXT_EXTENSIONS } from './files'

const metaString = z.optional(z.nullable(z.unknown()))
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined)
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)

/** Formats the cloud stores as base64 of the original file in `content.text` (docs/knowledge.md §Documents). */
const BINARY_EXTENSIONS = new Set(['.pdf', '.doc', '.docx'])
const BINARY_TYPES = new Set([
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
])
const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}\s*$/

function utf8Length(value: string): number {
  let bytes = 0
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}

/**
 * One item of `GET /api/v1/knowledge` (docs/knowledge.md §Documents). The name comes from the
 * stored metadata; the size is `metadata.fileSize` when the upload recorded it, else the size of
 * what the cloud keeps (the text, or the file under its base64).
 */
export const knowledgeDocumentSchema = z.pipe(
  z.object({
    id: z.string(),
    createdAt: z.number(),
    content: z.object({ text: z.string() }),
    metadata: z.optional(
      z.nullable(
        z.object({
          originalFilename: metaString,
          filename: metaString,
          fileName: metaString,
          title: metaString,
          contentType: metaString,
          fileExt: metaString,
          fileSize: metaString,
          uploadedAt: metaString,
        }),
      ),
    ),
  }),
  z.transform((d) => {
    const m = d.metadata ?? {}
    const name =
      text(m.originalFilename) ?? text(m.filename) ?? text(m.fileName) ?? text(m.title) ?? d.id
    const contentType = text(m.contentType) ?? ''
    const ext = extensionOf(name) || (text(m.fileExt) ? `.${String(m.fileExt).toLowerCase()}` : '')
    const isBinaryFormat = BINARY_EXTENSIONS.has(ext) || BINARY_TYPES.has(contentType)
    const isBase64 = isBinaryFormat && d.content.text.length > 0 && BASE64.test(d.content.text)
    const storedBytes = isBase64
      ? Math.floor((d.content.text.replace(/[\s=]/g, '').length * 3) / 4)
      : utf8Length(d.content.text)
    return {
      id: d.id,
      name,
      /** `.md`, or '' when the name has none. */
      ext,
      contentType,
      size: num(m.fileSize) ?? storedBytes,
      createdAt: num(m.uploadedAt) ?? d.createdAt,
      text: d.content.text,
      /** PDF and Word: `text` is the original file in base64, not readable text. */
      isBase64,
    }
  }),
)
export type KnowledgeDocument = z.infer<typeof knowledgeDocumentSchema>

/** `{documents, total, count, offset}`: a page of the list, newest first. */
export const documentPageSchema = z.object({
  documents: z.array(knowledgeDocumentSchema),
  total: z.number(),
  count: z.number(),
  offset: z.number(),
})
export type DocumentPage = z.infer<typeof documentPageSchema>

/** `POST /api/v1/knowledge` (JSON add). */
export const addedDocumentSchema = z.object({
  documentId: z.string(),
  fragmentCount: z.number(),
  message: z.optional(z.string()),
})

/** `POST /api/v1/knowledge/upload-file`: 200 even when files failed, one result per file. */
export const uploadResultSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      filename: z.string(),
      type: z.optional(z.string()),
      size: z.optional(z.number()),
      fragmentCount: z.optional(z.number()),
      status: z.string(),
      error: z.optional(z.string()),
    }),
  ),
  successCount: z.number(),
  failedCount: z.number(),
  totalCount: z.number(),
})
export type UploadResult = z.infer<typeof uploadResultSchema>

/** `POST /api/v1/knowledge/query`: fragments, best first; the document is `metadata.documentId`. */
export const searchResultSchema = z.pipe(
  z.object({
    query: z.string(),
    results: z.array(
      z.object({
        id: z.string(),
        content: z.string(),
        similarity: z.number(),
        metadata: z.optional(
          z.nullable(
            z.object({
              documentId: z.optional(z.nullable(z.unknown())),
              position: z.optional(z.nullable(z.unknown())),
            }),
          ),
        ),
      }),
    ),
    count: z.number(),
  }),
  z.transform((r) => ({
    query: r.query,
    hits: r.results.map((hit) => ({
      id: hit.id,
      content: hit.content,
      similarity: Math.min(1, Math.max(0, hit.similarity)),
      documentId: text(hit.metadata?.documentId) ?? null,
      position: num(hit.metadata?.position) ?? null,
    })),
  })),
)
export type SearchResult = z.infer<typeof searchResultSchema>
export type SearchHit = SearchResult['hits'][number]

/** `DELETE /api/v1/knowledge/{id}` (an unknown id succeeds too). */
export const deletedDocumentSchema = z.object({ success: z.literal(true) })

/** A file staged by `POST /api/v1/knowledge/pre-upload`: what submit needs back. */
export const stagedFileSchema = z.object({
  id: z.string(),
  filename: z.string(),
  blobUrl: z.string(),
  contentType: z.string(),
  size: z.number(),
})
export type StagedFile = z.infer<typeof stagedFileSchema>

export const preUploadResultSchema = z.object({ files: z.array(stagedFileSchema) })

/** `POST /api/v1/knowledge/submit`: one result per staged file. */
export const submitResultSchema = z.object({
  results: z.array(
    z.object({
      filename: z.string(),
      blobUrl: z.string(),
      status: z.string(),
      fragmentCount: z.optional(z.number()),
      documentId: z.optional(z.string()),
      error: z.optional(z.string()),
    }),
  ),
  successCount: z.number(),
  failedCount: z.number(),
  totalCount: z.number(),
})
export type SubmitResult = z.infer<typeof submitResultSchema>

// ─── Inputs ──────────────────────────────────────────────────────────────────────────────

/** Characters of pasted text: the per-file limit, counted in UTF-8 bytes (docs/knowledge.md §Add). */
export const MAX_PASTE_BYTES = 5 * 1024 * 1024

/** The content type a pasted text is sent with: a `text/*` or JSON type, so it stays plain text. */
const PASTE_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.xml': 'text/xml',
  '.yaml': 'text/yaml',
  '.yml': 'text/yaml',
}

/** The filename a pasted text is stored under: the name, with `.txt` when it has no extension. */
export function pasteFilename(name: string): string {
  const trimmed = name.trim()
  return extensionOf(trimmed) ? trimmed : `${trimmed}.txt`
}

export const pasteContentType = (filename: string) =>
  PASTE_TYPES[extensionOf(filename)] ?? 'text/plain'

/** Paste text (`POST /api/v1/knowledge`): a name and the text. */
export const pasteTextInput = z.object({
  name: z.string().check(
    z.trim(),
    z.minLength(1, 'Give the text a name.'),
    z.maxLength(255, 'At most 255 characters.'),
    z.superRefine((value, ctx) => {
      if (!value) return
      const filename = pasteFilename(value)
      const ext = extensionOf(filename)
      const problem =
        isAllowedExtension(ext) && !TEXT_EXTENSIONS.includes(ext)
          ? `Pasted text is stored as text: use ${TEXT_EXTENSIONS.join(' ')} or no extension.`
          : filenameProblem(filename)
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value })
    }),
  ),
  content: z.string().check(
    z.refine((v) => v.trim().length > 0, 'Paste or type some text.'),
    z.refine(
      (v) => utf8Length(v) <= MAX_PASTE_BYTES,
      'At most 5 MB of text, the limit of one file.',
    ),
  ),
})
export type PasteTextValues = z.infer<typeof pasteTextInput>

/** The result limit of a query: the cloud defaults to 5 and returns at most 20; we offer 1–10. */
export const QUERY_LIMITS = { min: 1, max: 10, default: 5 } as const
