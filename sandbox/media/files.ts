// Generated files: kept in PGlite (bytea) so their URLs survive a restart, and served with byte
// ranges so <video> can seek. The cloud hands out public blob-storage URLs; the sandbox serves
// the same bytes from its own origin under the generation routes' public prefixes (auth.ts
// PUBLIC_PREFIXES), so a plain <img>/<video src> loads them without a key, as a blob URL does.
import type { Db, Queryable } from '../core/db/client.ts'
import { notFoundPage } from '../core/errors.ts'
import { renderImage, type ImageRecipe } from './render-image.ts'
import { renderVideo, type VideoRecipe } from './render-video.ts'

export type MediaKind = 'image' | 'video'

/** Sandbox-only path of a stored file (not a cloud path; listed as a difference). */
export const filePath = (kind: MediaKind, id: string, extension: string) =>
  `/api/v1/generate-${kind}/files/${id}.${extension}`

/** Absolute URL on the origin the request came in on. */
export const absoluteUrl = (requestUrl: string, path: string) => new URL(path, requestUrl).href

export const extensionFor = (mimeType: string) =>
  mimeType === 'image/webp' ? 'webp' : mimeType === 'video/mp4' ? 'mp4' : 'png'

export async function insertFile(
  q: Queryable,
  file: {
    organizationId: string
    kind: MediaKind
    mimeType: string
    data: Buffer | null
    recipe: ImageRecipe | VideoRecipe
  },
): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO media_files (organization_id, kind, mime_type, extension, data, recipe)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      file.organizationId,
      file.kind,
      file.mimeType,
      extensionFor(file.mimeType),
      file.data,
      JSON.stringify(file.recipe),
    ],
  )
  const id = rows[0]?.id
  if (!id) throw new Error('media_files insert returned no row')
  return id
}

interface FileRow {
  id: string
  kind: MediaKind
  mime_type: string
  extension: string
  data: Uint8Array | null
  recipe: ImageRecipe | VideoRecipe
}

/** Renders a seeded file that has no bytes yet and stores them; returns the bytes. */
async function materialise(db: Db, row: FileRow): Promise<Buffer> {
  if (row.data) return Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength)
  const data =
    row.kind === 'video'
      ? await renderVideo(row.recipe as VideoRecipe)
      : await renderImage(row.recipe as ImageRecipe)
  await db.query('UPDATE media_files SET data = $2 WHERE id = $1', [row.id, data])
  await db.query('UPDATE generations SET file_size = $2 WHERE file_id = $1', [
    row.id,
    String(data.length),
  ])
  return data
}

/** Renders every seeded file of `fileIds` that still lacks its bytes (gallery needs sizes). */
export async function materialiseMissing(db: Db, fileIds: string[]): Promise<void> {
  if (fileIds.length === 0) return
  const { rows } = await db.query<FileRow>(
    `SELECT id, kind, mime_type, extension, NULL AS data, recipe FROM media_files
      WHERE id = ANY($1::uuid[]) AND data IS NULL`,
    [fileIds],
  )
  for (const row of rows) await materialise(db, row)
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** One byte range of `size`, or 'invalid' (416), or null to send everything. */
export function parseRange(
  header: string | null,
  size: number,
): { start: number; end: number } | 'invalid' | null {
  if (!header) return null
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  // Several ranges or another unit: RFC 9110 lets a server ignore Range and send it all.
  if (!m) return header.trim().startsWith('bytes=') && header.includes(',') ? null : 'invalid'
  const [, from = '', to = ''] = m
  if (from === '' && to === '') return 'invalid'
  if (from === '') {
    const suffix = Number(to)
    if (suffix === 0) return 'invalid'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(from)
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1)
  if (start >= size || end < start) return 'invalid'
  return { start, end }
}

/** GET/HEAD of `/api/v1/generate-{kind}/files/{id}.{ext}` with Range support. */
export async function serveFile(
  db: Db,
  kind: MediaKind,
  name: string,
  req: Request,
): Promise<Response> {
  const dot = name.lastIndexOf('.')
  const id = dot === -1 ? name : name.slice(0, dot)
  const extension = dot === -1 ? '' : name.slice(dot + 1)
  if (!UUID.test(id)) return notFoundPage()
  const { rows } = await db.query<FileRow>(
    'SELECT id, kind, mime_type, extension, data, recipe FROM media_files WHERE id = $1 AND kind = $2',
    [id, kind],
  )
  const row = rows[0]
  if (!row || row.extension !== extension) return notFoundPage()
  const data = await materialise(db, row)
  const size = data.length
  const headers: Record<string, string> = {
    'Content-Type': row.mime_type,
    'Accept-Ranges': 'bytes',
    // Blob URLs are immutable: a new generation always gets a new id.
    'Cache-Control': 'public, max-age=31536000, immutable',
    ETag: `"${row.id}"`,
  }
  const range = parseRange(req.headers.get('range'), size)
  if (range === 'invalid') {
    return new Response(null, {
      status: 416,
      headers: { ...headers, 'Content-Range': `bytes */${size}` },
    })
  }
  const head = req.method === 'HEAD'
  if (range === null) {
    return new Response(head ? null : new Uint8Array(data), {
      status: 200,
      headers: { ...headers, 'Content-Length': String(size) },
    })
  }
  const slice = data.subarray(range.start, range.end + 1)
  return new Response(head ? null : new Uint8Array(slice), {
    status: 206,
    headers: {
      ...headers,
      'Content-Length': String(slice.length),
      'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
    },
  })
}
