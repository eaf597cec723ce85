// The checks upload-file (docs/cloud/knowledge.md §3) and pre-upload (§7) make before reading any file: the
// batch (presence, count, total size), then each file in the cloud's order. Both routes check a
// file the same way; they name two of the refusals differently, and pre-upload checks more.
import { bareError } from '../core/errors.ts'
import {
  ALLOWED_CONTENT_TYPES,
  ALLOWED_EXTENSIONS,
  extensionOf,
  hasInvalidFilenameChars,
  MAX_BATCH_BYTES,
  MAX_FILE_BYTES,
  MAX_FILES,
  normalizeContentType,
} from './files.ts'
import { looksLikeText, MAX_STAGED_FILENAME, TEXT_EXTENSIONS } from './staging.ts'

/** Files present → count → total size: the same first checks on upload-file and pre-upload. */
export function refuseBatch(files: File[]): Response | null {
  if (files.length === 0) {
    return bareError(400, 'No files provided', { details: 'Please upload at least one file' })
  }
  if (files.length > MAX_FILES) {
    return bareError(400, 'Too many files', { details: `Maximum ${MAX_FILES} files per request` })
  }
  const totalBytes = files.reduce((sum, f) => sum + f.size, 0)
  if (totalBytes > MAX_BATCH_BYTES) {
    return bareError(400, 'Batch too large', { details: 'Total upload size must be under 5MB' })
  }
  return null
}

/** What each route calls a refused extension and a refused declared type. */
interface RefusalNames {
  extension: string
  contentType: string
}

/** Per-file checks in the cloud's order: name, size, extension, declared type. */
function refuseNameSizeType(file: File, names: RefusalNames): Response | null {
  const name = file.name
  if (hasInvalidFilenameChars(name)) {
    return bareError(400, 'Invalid filename', {
      details: `${name} contains invalid characters. Filenames cannot contain / \\ : * ? " < > | or ..`,
    })
  }
  if (file.size > MAX_FILE_BYTES) {
    return bareError(400, 'File too large', { details: `${name} exceeds maximum file size of 5MB` })
  }
  const ext = extensionOf(name)
  if (!(ALLOWED_EXTENSIONS as readonly string[]).includes(ext)) {
    return bareError(400, names.extension, {
      details: `${name}: Extension ${ext || '(none)'} is not supported. Allowed: ${ALLOWED_EXTENSIONS.join(', ')}`,
    })
  }
  const type = normalizeContentType(file.type)
  if (!(ALLOWED_CONTENT_TYPES as readonly string[]).includes(type)) {
    return bareError(400, names.contentType, {
      details: `${name}: Content type ${type} is not supported`,
    })
  }
  return null
}

/** upload-file's per-file checks. */
export const refuseFile = (file: File): Response | null =>
  refuseNameSizeType(file, {
    extension: 'Unsupported file type',
    contentType: 'Unsupported content type',
  })

/**
 * pre-upload's per-file checks (docs/cloud/knowledge.md §7): its own error names, the 255-character cap, and
 * octet-stream only for text extensions whose bytes look like text. The `details` wording is ours.
 */
export function refuseStagedFile(file: File, bytes: Uint8Array): Response | null {
  const name = file.name
  if (name.length > MAX_STAGED_FILENAME) {
    return bareError(400, 'Filename too long', {
      details: `${name.slice(0, 40)}…: Filenames must be at most ${MAX_STAGED_FILENAME} characters`,
    })
  }
  const refusal = refuseNameSizeType(file, {
    extension: 'Invalid file type',
    contentType: 'Invalid content type',
  })
  if (refusal) return refusal
  if (normalizeContentType(file.type) === 'application/octet-stream') {
    if (!(TEXT_EXTENSIONS as readonly string[]).includes(extensionOf(name))) {
      return bareError(400, 'Invalid content type', {
        details: `${name}: application/octet-stream is only accepted for text files (${TEXT_EXTENSIONS.join(', ')})`,
      })
    }
    if (!looksLikeText(bytes)) {
      return bareError(400, 'Invalid content type', {
        details: `${name}: the file is binary, not text`,
      })
    }
  }
  return null
}
