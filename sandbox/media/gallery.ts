// GET /api/v1/gallery (docs/cloud/media.md §3): the calling user's generated images and videos.
import { z } from 'zod'
import { authenticate } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { bareError, methodNotAllowed } from '../core/errors.ts'
import { FamilyRoutes } from '../core/route.ts'
import { absoluteUrl, filePath, materialiseMissing, type MediaKind } from './files.ts'
import { e5, galleryItem, galleryQuery, NOTE } from './schemas.ts'

export function galleryRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('media')
  const { app } = routes
  const { db } = ctx

  // §3. Only the calling user's rows in their organization, only rows with a stored file.
  routes.route({
    method: 'get',
    path: '/api/v1/gallery',
    auth: 'key',
    summary: "The calling user's generated images and videos, newest first",
    note: `${NOTE} §3`,
    query: galleryQuery,
    responses: {
      200: {
        description: 'Gallery page (`fileSize` is a string)',
        schema: z.object({
          items: z.array(galleryItem),
          count: z.number(),
          offset: z.number(),
          limit: z.number(),
          hasMore: z.boolean(),
        }),
      },
      400: { description: 'Validation error with zod issues (E5)', schema: e5 },
      401: { description: 'Auth failure (E5)', schema: e5 },
    },
    handler: async (c) => {
      const result = await authenticate(c.req.raw, db, ctx.balanceCache)
      if (!result.ok) return bareError(result.status, result.message)
      const parsed = galleryQuery.safeParse(c.req.query())
      if (!parsed.success) {
        return bareError(400, 'Validation error', { details: parsed.error.issues })
      }
      const { type, limit, offset } = parsed.data
      const select = () =>
        db.query<GalleryRow>(
          `SELECT g.id, g.type, g.prompt, g.negative_prompt, g.model, g.provider, g.status,
                g.created_at, g.completed_at, g.dimensions, g.mime_type, g.file_size, g.metadata,
                g.file_id, f.extension
           FROM generations g JOIN media_files f ON f.id = g.file_id
          WHERE g.user_id = $1 AND g.organization_id = $2 AND g.status = 'completed'
            AND ($3::text IS NULL OR g.type = $3)
          ORDER BY g.created_at DESC, g.id DESC LIMIT $4 OFFSET $5`,
          [result.auth.userId, result.auth.organizationId, type ?? null, limit, offset],
        )
      let { rows } = await select()
      // Seeded demo items are rendered on first use; their sizes then exist.
      const missing = rows.filter((r) => r.file_size === null).map((r) => r.file_id)
      if (missing.length > 0) {
        await materialiseMissing(db, missing)
        rows = (await select()).rows
      }
      const items = rows.map((r) => ({
        id: r.id,
        type: r.type,
        url: absoluteUrl(c.req.url, filePath(r.type, r.file_id, r.extension)),
        thumbnailUrl: null,
        prompt: r.prompt,
        negativePrompt: r.negative_prompt,
        model: r.model,
        provider: r.provider,
        status: r.status,
        createdAt: r.created_at.toISOString(),
        completedAt: r.completed_at?.toISOString() ?? null,
        dimensions: r.dimensions,
        mimeType: r.mime_type,
        fileSize: r.file_size,
        metadata: r.metadata,
      }))
      return c.json({ items, count: items.length, offset, limit, hasMore: items.length === limit })
    },
  })
  app.all('/api/v1/gallery', () => methodNotAllowed(['GET', 'OPTIONS']))
  return routes
}

interface GalleryRow {
  id: string
  type: MediaKind
  prompt: string
  negative_prompt: string | null
  model: string
  provider: string
  status: string
  created_at: Date
  completed_at: Date | null
  dimensions: { width: number; height: number } | null
  mime_type: string | null
  file_size: string | null
  metadata: Record<string, unknown>
  file_id: string
  extension: string
}
