import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { ApiError } from '@/lib/api-error'
import { rememberFragmentCounts } from './fragment-counts'
import { knowledgeKeys } from './keys'
import {
  addedDocumentSchema,
  deletedDocumentSchema,
  pasteContentType,
  pasteFilename,
  preUploadResultSchema,
  submitResultSchema,
  uploadResultSchema,
  type PasteTextValues,
  type StagedFile,
} from './schemas'

/** A change to an agent's documents makes its list and every search of it stale. */
const afterDocumentsChange = (queryClient: QueryClient, agentId: string) =>
  queryClient.invalidateQueries({ queryKey: knowledgeKeys.agent(agentId) })

/**
 * `POST /api/v1/knowledge/upload-file` with ≤ 5 files and ≤ 5 MB (one request of a batch; see
 * `planRequests`). The answer is 200 even when files failed, with one result per file.
 */
export function useUploadKnowledgeFiles(agentId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (files: readonly File[]) => {
      const form = new FormData()
      for (const file of files) form.append('files', file)
      form.append('characterId', agentId)
      // Processing is synchronous on the cloud (up to 300 s for the function).
      return api.post('/api/v1/knowledge/upload-file', {
        body: form,
        schema: uploadResultSchema,
        timeoutMs: 300_000,
      })
    },
    onSuccess: (result) => {
      rememberFragmentCounts(
        result.data
          .filter((f) => f.status === 'success' && f.fragmentCount !== undefined)
          .map((f) => ({ id: f.id, count: f.fragmentCount as number })),
      )
      if (result.successCount > 0) return afterDocumentsChange(queryClient, agentId)
    },
  })
}

/** `POST /api/v1/knowledge`: one document from pasted text (plain text, not base64). */
export function useAddKnowledgeText(agentId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ name, content }: PasteTextValues) => {
      const filename = pasteFilename(name)
      return api.post('/api/v1/knowledge', {
        body: { content, filename, contentType: pasteContentType(filename), characterId: agentId },
        schema: addedDocumentSchema,
        timeoutMs: 120_000,
      })
    },
    onSuccess: (result) => {
      rememberFragmentCounts([{ id: result.documentId, count: result.fragmentCount }])
      return afterDocumentsChange(queryClient, agentId)
    },
  })
}

export type DeleteOutcome = {
  deleted: string[]
  /** Documents that were not deleted, with the reason (also the ones skipped after a 429). */
  failed: { id: string; error: ApiError }[]
}

/**
 * Deletes documents one request at a time (the routes are rate-limited at 60 a minute). After a
 * 429 the rest are not tried: they fail with that same error. Throws only when none was deleted,
 * so a dialog can show the one reason; a partial failure is returned per document.
 */
export function useDeleteKnowledgeDocuments(agentId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (ids: readonly string[]): Promise<DeleteOutcome> => {
      const outcome: DeleteOutcome = { deleted: [], failed: [] }
      let stop: ApiError | null = null
      for (const id of ids) {
        if (stop) {
          outcome.failed.push({ id, error: stop })
          continue
        }
        try {
          await api.delete(`/api/v1/knowledge/${encodeURIComponent(id)}`, {
            query: { characterId: agentId },
            schema: deletedDocumentSchema,
          })
          outcome.deleted.push(id)
        } catch (e) {
          const error = ApiError.from(e)
          outcome.failed.push({ id, error })
          if (error.kind === 'rate_limited' || error.kind === 'network') stop = error
        }
      }
      const first = outcome.failed[0]
      if (outcome.deleted.length === 0 && first) throw first.error
      return outcome
    },
    onSettled: () => afterDocumentsChange(queryClient, agentId),
  })
}

// ─── Staged upload (files attached before the agent exists) ──────────────────────────────

/** `POST /api/v1/knowledge/pre-upload`: stores ≤ 5 files (≤ 5 MB) without processing them. */
export function usePreUploadKnowledge() {
  return useMutation({
    mutationFn: async (files: readonly File[]): Promise<StagedFile[]> => {
      const form = new FormData()
      for (const file of files) form.append('files', file)
      return (
        await api.post('/api/v1/knowledge/pre-upload', {
          body: form,
          schema: preUploadResultSchema,
        })
      ).files
    },
  })
}

/** `DELETE /api/v1/knowledge/pre-upload {blobUrl}`: only the uploader may. */
export function useDeleteStagedKnowledge() {
  return useMutation({
    mutationFn: (blobUrl: string) =>
      api.delete('/api/v1/knowledge/pre-upload', { body: { blobUrl } }),
  })
}

/**
 * `POST /api/v1/knowledge/submit`: processes ≤ 5 staged files (≤ 5 MB) into the agent, one after
 * another; one result per file. The staged blobs of processed files are deleted by the cloud.
 */
export function useSubmitStagedKnowledge() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ agentId, files }: { agentId: string; files: readonly StagedFile[] }) =>
      api.post('/api/v1/knowledge/submit', {
        body: {
          characterId: agentId,
          files: files.map((f) => ({
            blobUrl: f.blobUrl,
            filename: f.filename,
            contentType: f.contentType,
            size: f.size,
          })),
        },
        schema: submitResultSchema,
        // Files are downloaded (30 s each) and processed one after another.
        timeoutMs: 300_000,
      }),
    onSuccess: (result, { agentId }) => {
      rememberFragmentCounts(
        result.results
          .filter((r) => r.status === 'success' && r.documentId && r.fragmentCount !== undefined)
          .map((r) => ({ id: r.documentId as string, count: r.fragmentCount as number })),
      )
      if (result.successCount > 0) return afterDocumentsChange(queryClient, agentId)
    },
  })
}
