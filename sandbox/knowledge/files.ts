// What upload-file accepts and how the sandbox reads it (docs/cloud/knowledge.md "Accepted files").
// Text formats are read as UTF-8. PDF and Word files cannot be converted honestly without a
// parser, so they fail the way the cloud fails an empty extraction.

export const MAX_FILES = 5
export const MAX_FILE_BYTES = 5 * 1024 * 1024
export const MAX_BATCH_BYTES = 5 * 1024 * 1024
/** The multipart parser's own ceiling ("Total upload size must be under 10MB", docs/cloud/knowledge.md §3). */
export const MAX_MULTIPART_BYTES = 10 * 1024 * 1024

export const ALLOWED_EXTENSIONS = [
  '.pdf',
  '.txt',
  '.md',
  '.doc',
  '.docx',
  '.json',
  '.xml',
  '.yaml',
  '.yml',
  '.csv',
] as const

export const ALLOWED_CONTENT_TYPES = [
  'application/pdf',
  'text/plain',
  'text/markdown',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/json',
  'application/xml',
  'text/xml',
  'application/x-yaml',
  'text/yaml',
  'text/csv',
  'application/octet-stream',
] as const

const BINARY_TYPES = new Set([
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
])
const BINARY_EXTENSIONS = new Set(['.pdf', '.doc', '.docx'])

// / \ : * ? " < > | and ".." (docs/cloud/knowledge.md "Filenames").
const FORBIDDEN_FILENAME = /[/\\:*?"<>|]|\.\./

export const hasInvalidFilenameChars = (name: string) => FORBIDDEN_FILENAME.test(name)

/** `.md` for `Guide.MD`; "" for a name without a dot. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot <= 0 ? '' : name.slice(dot).toLowerCase()
}

/** Declared type without parameters; a missing type counts as octet-stream (docs/cloud/knowledge.md). */
export const normalizeContentType = (type: string | undefined | null) =>
  (type ?? '').split(';')[0]?.trim().toLowerCase() || 'application/octet-stream'

/** `deploy-guide` for `deploy-guide.md`. */
export function titleOf(filename: string): string {
  const dot = filename.lastIndexOf('.')
  return dot <= 0 ? filename : filename.slice(0, dot)
}

export class ExtractionError extends Error {}

/** The cloud's message when a file yields no text (docs/cloud/knowledge.md §3 example). */
export const noTextMessage = (filename: string, contentType: string) =>
  `KnowledgeService: No text content extracted from ${filename} (type: ${contentType}).`

/**
 * The text the fragments are made of. PDF/Word → ExtractionError (a documented sandbox
 * difference: the cloud converts them); empty text, or NUL bytes in a "text" file → the same.
 */
export function extractText(bytes: Uint8Array, contentType: string, filename: string): string {
  if (BINARY_TYPES.has(contentType) || BINARY_EXTENSIONS.has(extensionOf(filename))) {
    throw new ExtractionError(noTextMessage(filename, contentType))
  }
  const text = new TextDecoder('utf-8').decode(bytes)
  if (!text.trim() || text.includes('\u0000')) {
    throw new ExtractionError(noTextMessage(filename, contentType))
  }
  return text
}

/** JSON add: `content` is plain text for text/* and application/json, base64 otherwise (docs/cloud/knowledge.md §2). */
export function decodeJsonContent(content: string, contentType: string): Uint8Array {
  if (contentType.startsWith('text/') || contentType === 'application/json') {
    return new TextEncoder().encode(content)
  }
  return Uint8Array.from(Buffer.from(content, 'base64'))
}
