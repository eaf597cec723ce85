// One file becomes a document of an agent: upload-file reads it from the request (docs/cloud/knowledge.md
// §3), submit from staging (§7). A file that fails is reported in its own result, never as an
// HTTP error, so a batch answers file by file.
import type { AuthContext } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { messageOf } from '../core/errors.ts'
import { ExtractionError, extractText, normalizeContentType } from './files.ts'
import { deleteStagedFile, readStagedFile } from './staging.ts'
import { addDocument, CharacterNotFoundError, type Agent } from './store.ts'

/** One file of submit; a failure is reported in its result, the staged blob is kept then. */
export async function submitFile(
  ctx: SandboxContext,
  agent: Agent,
  auth: AuthContext,
  file: { blobUrl: string; filename: string; contentType: string; size: number },
) {
  const base = { filename: file.filename, blobUrl: file.blobUrl }
  try {
    const bytes = await readStagedFile(ctx.db, auth.userId, file.blobUrl)
    // The cloud downloads the blob; one that is gone (removed, or already submitted) is a 404.
    if (!bytes) return { ...base, status: 'error' as const, error: 'Failed to download file: 404' }
    const type = normalizeContentType(file.contentType)
    const text = extractText(bytes, type, file.filename)
    const added = await addDocument(ctx.db, {
      agent,
      userId: auth.userId,
      organizationId: auth.organizationId,
      text,
      storedText: text,
      filename: file.filename,
      contentType: type,
      extra: {
        fileSize: file.size,
        filename: file.filename,
        fileName: file.filename,
        blobUrl: file.blobUrl,
      },
    })
    await deleteStagedFile(ctx.db, file.blobUrl)
    return {
      ...base,
      status: 'success' as const,
      fragmentCount: added.fragmentCount,
      documentId: added.documentId,
    }
  } catch (e) {
    if (!(e instanceof ExtractionError)) console.error('[sandbox] knowledge submit failed:', e)
    return { ...base, status: 'error' as const, error: messageOf(e) }
  }
}

/** One file of upload-file; a processing failure is reported per file, not as an HTTP error. */
export async function processFile(
  ctx: SandboxContext,
  agent: Agent,
  auth: AuthContext,
  file: File,
) {
  const type = normalizeContentType(file.type)
  const base = { filename: file.name, type, size: file.size, uploadedAt: Date.now() }
  try {
    const bytes = new Uint8Array(await file.arrayBuffer())
    const text = extractText(bytes, type, file.name)
    const added = await addDocument(ctx.db, {
      agent,
      userId: auth.userId,
      organizationId: auth.organizationId,
      text,
      storedText: text,
      filename: file.name,
      contentType: type,
      extra: { fileSize: file.size, filename: file.name, fileName: file.name },
    })
    return {
      id: added.documentId,
      ...base,
      fragmentCount: added.fragmentCount,
      status: 'success' as const,
    }
  } catch (e) {
    if (!(e instanceof ExtractionError) && !(e instanceof CharacterNotFoundError)) {
      console.error('[sandbox] knowledge upload failed:', e)
    }
    return { id: '', ...base, status: 'error_processing' as const, error: messageOf(e) }
  }
}
