// What the cloud accepts as a knowledge file, checked in the browser before any request
// (docs/knowledge.md §Files). A refused file gets a reason in plain words; an accepted one is
// declared with the type its extension calls for, so a browser's odd guess (".csv" as
// application/vnd.ms-excel, ".md" as nothing) is not refused by the server.
import { formatBytes } from '@/lib/format'

/** The cloud's limits per request (docs/knowledge.md §Files). */
export const KNOWLEDGE_LIMITS = {
  maxFilesPerRequest: 5,
  maxFileBytes: 5 * 1024 * 1024,
  maxRequestBytes: 5 * 1024 * 1024,
  /** pre-upload and submit only; upload-file takes longer names. */
  maxStagedNameLength: 255,
} as const

/** Allowed extensions, each with the content type the console declares for it. */
export const TYPE_BY_EXTENSION = {
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.yaml': 'application/x-yaml',
  '.yml': 'application/x-yaml',
  '.csv': 'text/csv',
} as const satisfies Record<string, string>
export type KnowledgeExtension = keyof typeof TYPE_BY_EXTENSION

export const ALLOWED_EXTENSIONS = Object.keys(TYPE_BY_EXTENSION) as KnowledgeExtension[]

/** The declared types the server accepts (docs/knowledge.md §Files). */
const ALLOWED_TYPES = new Set<string>([
  ...Object.values(TYPE_BY_EXTENSION),
  'text/xml',
  'text/yaml',
  'application/octet-stream',
])

/** Extensions whose files are text (their bytes are checked for binary content). */
export const TEXT_EXTENSIONS: readonly KnowledgeExtension[] = [
  '.txt',
  '.md',
  '.csv',
  '.json',
  '.xml',
  '.yaml',
  '.yml',
]

/** For a file input's `accept`. */
export const ACCEPT_ATTRIBUTE = ALLOWED_EXTENSIONS.join(',')

/** The characters (and `..`) no knowledge filename may contain. */
const FORBIDDEN_NAME = /[/\\:*?"<>|]|\.\./
export const FORBIDDEN_NAME_TEXT = '/ \\ : * ? " < > | or ..'

/** `.md` for `Guide.MD`; '' when there is none (`README`, `.env`). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot <= 0 ? '' : name.slice(dot).toLowerCase()
}

export const isAllowedExtension = (ext: string): ext is KnowledgeExtension =>
  Object.hasOwn(TYPE_BY_EXTENSION, ext)

export const hasForbiddenNameChars = (name: string) => FORBIDDEN_NAME.test(name)

/** Why `name` is refused as a knowledge filename, or null. */
export function filenameProblem(name: string, { staged = false } = {}): string | null {
  if (!name.trim()) return 'The file has no name.'
  if (hasForbiddenNameChars(name)) {
    return `The name contains a character the cloud refuses (${FORBIDDEN_NAME_TEXT}).`
  }
  if (staged && name.length > KNOWLEDGE_LIMITS.maxStagedNameLength) {
    return `The name is longer than ${KNOWLEDGE_LIMITS.maxStagedNameLength} characters.`
  }
  const ext = extensionOf(name)
  if (!ext) return `Files need an extension: ${ALLOWED_EXTENSIONS.join(' ')}.`
  if (!isAllowedExtension(ext)) {
    return `${ext} files are not accepted. Allowed: ${ALLOWED_EXTENSIONS.join(' ')}.`
  }
  return null
}

const SNIFF_BYTES = 8192

/** No NUL byte and valid UTF-8 in the first 8 KB (a character cut at the end is fine). */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true })
    return true
  } catch {
    return false
  }
}

async function readHead(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer())
}

/** The file, declared with its extension's type unless the browser's type is one the cloud takes. */
export function withDeclaredType(file: File): File {
  const ext = extensionOf(file.name)
  if (!isAllowedExtension(ext)) return file
  const type = file.type.split(';')[0]?.trim().toLowerCase() ?? ''
  if (type && type !== 'application/octet-stream' && ALLOWED_TYPES.has(type)) return file
  return new File([file], file.name, {
    type: TYPE_BY_EXTENSION[ext],
    lastModified: file.lastModified,
  })
}

export type RefusedFile = { name: string; size: number; reason: string }
export type CheckedFiles = { accepted: File[]; refused: RefusedFile[] }

/**
 * Sorts files into accepted and refused, with a reason for each refusal: name, extension, empty,
 * over 5 MB, binary bytes in a text format, or the same file twice. `staged` applies the
 * 255-character name cap of pre-upload. `already` holds files of the same batch (name and size).
 */
export async function checkFiles(
  files: readonly File[],
  { staged = false, already = [] }: { staged?: boolean; already?: readonly FileKey[] } = {},
): Promise<CheckedFiles> {
  const accepted: File[] = []
  const refused: RefusedFile[] = []
  const seen = new Set(already.map(keyOf))
  for (const file of files) {
    const reason = await fileProblem(file, staged, seen)
    if (reason) refused.push({ name: file.name, size: file.size, reason })
    else {
      seen.add(keyOf(file))
      accepted.push(withDeclaredType(file))
    }
  }
  return { accepted, refused }
}

type FileKey = { name: string; size: number }
const keyOf = (f: FileKey) => `${f.name}\u0000${f.size}`

async function fileProblem(file: File, staged: boolean, seen: Set<string>): Promise<string | null> {
  const nameProblem = filenameProblem(file.name, { staged })
  if (nameProblem) return nameProblem
  if (file.size === 0) return 'The file is empty.'
  if (file.size > KNOWLEDGE_LIMITS.maxFileBytes) {
    return `${formatBytes(file.size)} is over the ${formatBytes(KNOWLEDGE_LIMITS.maxFileBytes)} limit per file.`
  }
  if (seen.has(keyOf(file))) return 'This file is already in the list.'
  const ext = extensionOf(file.name) as KnowledgeExtension
  if (TEXT_EXTENSIONS.includes(ext) && !looksLikeText(await readHead(file))) {
    return `The content is binary, not the text a ${ext} file holds.`
  }
  return null
}

/**
 * Splits checked files into requests the cloud takes: at most 5 files and 5 MB per request, in
 * the order given (each file is ≤ 5 MB, so each fits one request).
 */
export function planRequests<T extends { size: number }>(files: readonly T[]): T[][] {
  const requests: T[][] = []
  let current: T[] = []
  let bytes = 0
  for (const file of files) {
    const full =
      current.length >= KNOWLEDGE_LIMITS.maxFilesPerRequest ||
      bytes + file.size > KNOWLEDGE_LIMITS.maxRequestBytes
    if (current.length > 0 && full) {
      requests.push(current)
      current = []
      bytes = 0
    }
    current.push(file)
    bytes += file.size
  }
  if (current.length > 0) requests.push(current)
  return requests
}
