// Staged knowledge files (docs/cloud/knowledge.md §7): pre-upload stores a file in "blob storage" and hands
// out its URL; submit reads it back by that URL; DELETE pre-upload removes it. The cloud uses
// Vercel Blob under `knowledge-pre-upload/<userId>/`; the sandbox keeps the bytes in PGlite
// (migration 0010) and hands out URLs on a host that cannot resolve, so nothing mistakes them
// for downloadable files.
import { randomBytes } from 'node:crypto'
import type { Queryable } from '../core/db/client.ts'
import { extensionOf } from './files.ts'

export const BLOB_HOST = 'knowledge-blobs.sandbox.invalid'
const BLOB_PREFIX = 'knowledge-pre-upload'

/** pre-upload and submit cap filenames at 255 characters (docs/cloud/knowledge.md "Filenames"). */
export const MAX_STAGED_FILENAME = 255

/** Extensions for which pre-upload accepts `application/octet-stream` (docs/cloud/knowledge.md "Accepted files"). */
export const TEXT_EXTENSIONS = ['.txt', '.md', '.csv', '.json', '.yaml', '.yml', '.xml'] as const

const SNIFF_BYTES = 8192

/**
 * Whether the first bytes look like text: no NUL byte and valid UTF-8 (a character cut at the
 * end of the sample is fine). The cloud sniffs octet-stream uploads with text extensions; its
 * exact test is not in the note, this is the usual one.
 */
export function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, SNIFF_BYTES)
  if (sample.includes(0)) return false
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true })
    return true
  } catch {
    return false
  }
}

/** `https://knowledge-blobs.sandbox.invalid/knowledge-pre-upload/<user>/<name>-<random>.<ext>`. */
export function blobUrlFor(userId: string, filename: string): string {
  const ext = extensionOf(filename)
  const base = (ext ? filename.slice(0, -ext.length) : filename)
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
  const suffix = randomBytes(6).toString('base64url')
  return `https://${BLOB_HOST}/${BLOB_PREFIX}/${userId}/${base || 'file'}-${suffix}${ext}`
}

export interface ParsedBlobUrl {
  /** The uploader, from the path. */
  userId: string
}

/** The uploader of a URL this sandbox handed out; null for any other ("untrusted") URL. */
export function parseBlobUrl(value: unknown): ParsedBlobUrl | null {
  if (typeof value !== 'string') return null
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return null
  }
  if (url.protocol !== 'https:' || url.hostname !== BLOB_HOST || url.search || url.hash) return null
  const [, prefix, userId, name, ...rest] = url.pathname.split('/')
  if (prefix !== BLOB_PREFIX || !userId || !name || rest.length > 0) return null
  return { userId }
}

export interface StagedFile {
  id: string
  filename: string
  blobUrl: string
  contentType: string
  size: number
  uploadedAt: number
}

interface StagedRow {
  id: string
  blob_url: string
  filename: string
  content_type: string
  size: number
  created_at: Date
}

const toStaged = (row: StagedRow): StagedFile => ({
  id: row.id,
  filename: row.filename,
  blobUrl: row.blob_url,
  contentType: row.content_type,
  size: row.size,
  uploadedAt: row.created_at.getTime(),
})

export async function stageFile(
  db: Queryable,
  owner: { organizationId: string; userId: string },
  file: { filename: string; contentType: string; data: Uint8Array },
): Promise<StagedFile> {
  const { rows } = await db.query<StagedRow>(
    `INSERT INTO knowledge_staged_files (blob_url, organization_id, user_id, filename, content_type, size, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING id, blob_url, filename, content_type, size, created_at`,
    [
      blobUrlFor(owner.userId, file.filename),
      owner.organizationId,
      owner.userId,
      file.filename,
      file.contentType,
      file.data.byteLength,
      file.data,
    ],
  )
  return toStaged(rows[0] as StagedRow)
}

/** The bytes of a staged file of `userId`, or null when there is none at that URL. */
export async function readStagedFile(
  db: Queryable,
  userId: string,
  blobUrl: string,
): Promise<Uint8Array | null> {
  const { rows } = await db.query<{ data: Uint8Array }>(
    'SELECT data FROM knowledge_staged_files WHERE blob_url = $1 AND user_id = $2',
    [blobUrl, userId],
  )
  return rows[0]?.data ?? null
}

/** Removes a staged file; deleting one that is already gone is not an error (as a blob store's). */
export async function deleteStagedFile(db: Queryable, blobUrl: string): Promise<void> {
  await db.query('DELETE FROM knowledge_staged_files WHERE blob_url = $1', [blobUrl])
}
