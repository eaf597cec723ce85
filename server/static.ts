// Serves the production build (`dist/`, from `vite build`) from memory. The build is small, so every
// file is read, hashed and compressed once at start: a request then costs a map lookup and a write.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import path from 'node:path'
import zlib from 'node:zlib'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
}
// Already-compressed formats gain nothing from gzip or brotli.
const COMPRESSIBLE =
  /^(text\/|application\/(json|javascript|manifest\+json|xml|wasm)|image\/svg\+xml|font\/(ttf|otf))/
const MIN_COMPRESS_BYTES = 256

const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'

interface Variant {
  body: Buffer
  encoding: 'br' | 'gzip' | null
}

interface StaticFile {
  contentType: string
  etag: string
  cacheControl: string
  identity: Variant
  br: Variant | null
  gzip: Variant | null
  /** Has (or will have) compressed variants: responses vary on Accept-Encoding. */
  compressible: boolean
}

export interface StaticSite {
  /**
   * Answers a GET or HEAD for a non-API path: the file, index.html as the SPA fallback, or 404 for
   * a missing hashed asset. Returns false (writes nothing) for other methods.
   */
  serve(req: IncomingMessage, res: ServerResponse, pathname: string): boolean
  /** Number of files loaded (for the start-up message). */
  size: number
  /** Resolves once every brotli variant exists (until then gzip is served). */
  ready: Promise<void>
}

function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

function compressible(body: Buffer, contentType: string): boolean {
  return COMPRESSIBLE.test(contentType) && body.length >= MIN_COMPRESS_BYTES
}

// Brotli at its best quality takes about a second for a typical build, so it runs on the thread
// pool after start; until it lands, clients that accept gzip get the (synchronously made) gzip.
function compressBrotliLater(file: StaticFile): Promise<void> {
  const body = file.identity.body
  const params = {
    [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
  }
  return new Promise((resolve) => {
    zlib.brotliCompress(body, { params }, (err, br) => {
      if (!err && br.length < body.length) file.br = { body: br, encoding: 'br' }
      resolve()
    })
  })
}

function walk(dir: string, base: string, out: string[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(full, base, out)
    else if (entry.isFile()) out.push(path.relative(base, full))
  }
}

/** Which encodings the client accepts, from `Accept-Encoding` (q=0 means refused). */
export function acceptedEncodings(header: string | undefined): { br: boolean; gzip: boolean } {
  const result = { br: false, gzip: false }
  if (!header) return result
  let star: boolean | null = null
  const explicit: Record<string, boolean> = {}
  for (const part of header.split(',')) {
    const [token = '', ...params] = part.trim().toLowerCase().split(';')
    let q = 1
    for (const p of params) {
      const m = /^\s*q=([\d.]+)\s*$/.exec(p)
      if (m) q = Number(m[1])
    }
    const name = token.trim()
    if (name === '*') star = q > 0
    else if (name) explicit[name] = q > 0
  }
  result.br = explicit.br ?? star ?? false
  result.gzip = explicit.gzip ?? explicit['x-gzip'] ?? star ?? false
  return result
}

/**
 * Loads a build folder into memory. Files under `assets/` have content hashes in their names and
 * are cached for a year; everything else (index.html first) is revalidated with its ETag.
 */
export function loadStaticSite(dir: string): StaticSite {
  const files = new Map<string, StaticFile>()
  const names: string[] = []
  const pending: Promise<void>[] = []
  walk(dir, dir, names)
  for (const rel of names) {
    const body = fs.readFileSync(path.join(dir, rel))
    const urlPath = '/' + rel.split(path.sep).join('/')
    const contentType = contentTypeOf(rel)
    const file: StaticFile = {
      contentType,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      cacheControl: urlPath.startsWith('/assets/') ? IMMUTABLE : REVALIDATE,
      identity: { body, encoding: null },
      br: null,
      gzip: null,
      compressible: compressible(body, contentType),
    }
    if (file.compressible) {
      const gzip = zlib.gzipSync(body, { level: 9 })
      if (gzip.length < body.length) file.gzip = { body: gzip, encoding: 'gzip' }
      pending.push(compressBrotliLater(file))
    }
    files.set(urlPath, file)
  }
  const index = files.get('/index.html')

  function send(req: IncomingMessage, res: ServerResponse, file: StaticFile): void {
    const accepts = acceptedEncodings(req.headers['accept-encoding'])
    const variant =
      (accepts.br && file.br) || (accepts.gzip && file.gzip) || (file.identity as Variant)
    const headers: OutgoingHttpHeaders = {
      'content-type': file.contentType,
      'cache-control': file.cacheControl,
      etag: file.etag,
    }
    if (file.compressible) headers.vary = 'Accept-Encoding'
    const inm = req.headers['if-none-match']
    if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === file.etag)) {
      res.writeHead(304, headers)
      res.end()
      return
    }
    if (variant.encoding) headers['content-encoding'] = variant.encoding
    headers['content-length'] = variant.body.length
    res.writeHead(200, headers)
    res.end(req.method === 'HEAD' ? undefined : variant.body)
  }

  function notFound(res: ServerResponse): void {
    const body = 'Not found\n'
    res.writeHead(404, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-cache',
    })
    res.end(res.req.method === 'HEAD' ? undefined : body)
  }

  return {
    size: files.size,
    ready: Promise.all(pending).then(() => undefined),
    serve(req, res, pathname) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false
      let decoded: string
      try {
        decoded = decodeURIComponent(pathname)
      } catch {
        decoded = pathname
      }
      // Lookups are in a map of known files, so no path can reach outside the build folder.
      const file = files.get(decoded === '/' ? '/index.html' : decoded)
      if (file) send(req, res, file)
      else if (decoded.startsWith('/assets/') || !index) notFound(res)
      else send(req, res, index)
      return true
    },
  }
}
