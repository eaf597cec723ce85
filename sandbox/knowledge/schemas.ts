// Request and response shapes of the knowledge routes (docs/cloud/knowledge.md): they document
// the routes in /api/openapi.json; validation is the handlers' own checks, except submit's body.
import { z } from 'zod'
import { MAX_FILE_BYTES, MAX_FILES } from './files.ts'
import { MAX_STAGED_FILENAME } from './staging.ts'

export const jsonAddBody = z.object({
  content: z.string().describe('Plain text for text/* and application/json, base64 otherwise'),
  contentType: z
    .string()
    .optional()
    .describe('Default text/plain; not checked against the allow-list'),
  filename: z.string().optional().describe('Default document.txt'),
  metadata: z.record(z.string(), z.unknown()).optional(),
  characterId: z.string().optional().describe('Agent; omitted = the shared default agent'),
})
export const queryBody = z.object({
  query: z.string(),
  limit: z.number().optional().describe('Default 5; applied after the ≤ 20 best fragments'),
  characterId: z.string().optional(),
})
export const uploadForm = z.object({
  files: z.array(z.string()).describe('1–5 files, each ≤ 5 MB, ≤ 5 MB in total'),
  characterId: z.string().optional(),
})
export const listQuery = z.object({
  characterId: z.string().optional(),
  count: z.string().optional().describe('Page size, default 100'),
  offset: z.string().optional().describe('Default 0'),
})
export const error = z.object({ error: z.string(), details: z.unknown().optional() })

export const stagedFile = z.object({
  id: z.string(),
  filename: z.string(),
  blobUrl: z.string(),
  contentType: z.string(),
  size: z.number(),
  uploadedAt: z.number(),
})
// Submit's own validation (docs/cloud/knowledge.md §7); its messages go to `details` as {field: [message]}.
export const submitBody = z.object({
  characterId: z.uuid({ message: 'characterId must be a valid UUID' }),
  files: z
    .array(
      z.object({
        blobUrl: z.url({ message: 'blobUrl must be a valid URL' }),
        filename: z.string().min(1, 'filename is required').max(MAX_STAGED_FILENAME),
        contentType: z.string().min(1, 'contentType is required'),
        size: z.number().positive('size must be positive').max(MAX_FILE_BYTES, 'File too large'),
      }),
    )
    .min(1, 'At least one file is required')
    .max(MAX_FILES, `Maximum ${MAX_FILES} files per request`),
})
export const submitResult = z.object({
  filename: z.string(),
  blobUrl: z.string(),
  status: z.enum(['success', 'error']),
  fragmentCount: z.number().optional(),
  documentId: z.string().optional(),
  error: z.string().optional(),
})

export const documentObject = z.object({
  id: z.string(),
  type: z.literal('documents'),
  createdAt: z.number(),
  content: z.object({ text: z.string() }),
  entityId: z.string(),
  agentId: z.string(),
  roomId: z.string(),
  unique: z.boolean(),
  metadata: z.record(z.string(), z.unknown()),
})
export const fileResult = z.object({
  id: z.string(),
  filename: z.string(),
  type: z.string(),
  size: z.number(),
  uploadedAt: z.number(),
  fragmentCount: z.number().optional(),
  status: z.enum(['success', 'error_processing']),
  error: z.string().optional(),
})
export const queryResult = z.object({
  query: z.string(),
  results: z.array(
    z.object({
      id: z.string(),
      content: z.string(),
      similarity: z.number().min(0).max(1),
      metadata: z.record(z.string(), z.unknown()),
    }),
  ),
  count: z.number(),
})
