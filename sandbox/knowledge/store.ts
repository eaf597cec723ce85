// Knowledge storage and retrieval (docs/cloud/knowledge.md): documents per agent, fragments, and a
// full-text ranking that stands in for the plugin's vector search.
import { createHash } from 'node:crypto'
import type { Db, Queryable } from '../core/db/client.ts'
import { splitIntoChunks } from './chunk.ts'

/** The platform's shared default agent, the same for every organization (docs/cloud/knowledge.md "Scoping"). */
export const DEFAULT_AGENT_ID = 'b850bc30-45f8-0041-a00a-83df46d8555d'

/** The plugin returns at most 20 fragments with similarity ≥ 0.1, before `limit` (docs/cloud/knowledge.md §4). */
export const SEARCH_MAX = 20
export const SIMILARITY_THRESHOLD = 0.1

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (value: string) => UUID.test(value)

/**
 * The agent runtime a call targets. The default agent's documents are kept per organization in
 * the sandbox (the cloud never loads knowledge there, so sharing it across tenants is moot).
 */
export interface Agent {
  id: string
  isDefault: boolean
  /** Organization owning the character (or the caller's, for the default agent). */
  organizationId: string
  plugins: unknown
}

export class CharacterNotFoundError extends Error {
  constructor(id: string) {
    super(`Character not found: ${id}`)
  }
}

/**
 * Loads the runtime for `characterId` as the cloud does: any existing character, whatever its
 * organization (list, add, query and delete do not check ownership); none → the default agent.
 * @throws CharacterNotFoundError for an unknown id (the routes turn it into their 500).
 */
export async function loadAgent(
  db: Queryable,
  characterId: string | undefined,
  callerOrganizationId: string,
): Promise<Agent> {
  if (!characterId) {
    return {
      id: DEFAULT_AGENT_ID,
      isDefault: true,
      organizationId: callerOrganizationId,
      plugins: [],
    }
  }
  // Compared as text so a malformed id is "not found" rather than a cast error.
  const { rows } = await db.query<{ id: string; organization_id: string; plugins: unknown }>(
    'SELECT id, organization_id, plugins FROM user_characters WHERE id::text = lower($1)',
    [characterId],
  )
  const row = rows[0]
  if (!row) throw new CharacterNotFoundError(characterId)
  return { id: row.id, isDefault: false, organizationId: row.organization_id, plugins: row.plugins }
}

// Scopes a documents/fragments query to the agent (and, for the default agent, the organization).
const scope = (agent: Agent, alias: string, first: number) =>
  agent.isDefault
    ? {
        sql: `${alias}.agent_id = $${first} AND ${alias}.organization_id = $${first + 1}`,
        params: [agent.id, agent.organizationId],
      }
    : { sql: `${alias}.agent_id = $${first}`, params: [agent.id] }

export async function countDocuments(db: Queryable, agent: Agent): Promise<number> {
  const where = scope(agent, 'd', 1)
  const { rows } = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM knowledge_documents d WHERE ${where.sql}`,
    where.params,
  )
  return rows[0]?.count ?? 0
}

/**
 * Whether the knowledge service is attached to the agent's runtime. The cloud attaches it only
 * when the agent already has a document or lists the `knowledge` plugin, never to the default
 * agent (docs/cloud/knowledge.md "Service availability") — that is strict mode. By default the sandbox
 * offers the switch the note's checklist asks for: the service is always there.
 */
export async function serviceAvailable(db: Queryable, agent: Agent, strict: boolean) {
  if (!strict) return true
  if (agent.isDefault) return false
  if (Array.isArray(agent.plugins) && agent.plugins.includes('knowledge')) return true
  return (await countDocuments(db, agent)) > 0
}

/** UUID-shaped SHA-256 of agent + first 2,000 characters + filename (docs/cloud/knowledge.md "document object"). */
export function documentIdFor(agent: Agent, text: string, filename: string): string {
  const hash = createHash('sha256')
    .update(agent.id)
    .update('\u0000')
    // The default agent's bucket is per organization here, so its ids must be too.
    .update(agent.isDefault ? agent.organizationId : '')
    .update('\u0000')
    .update(text.slice(0, 2000))
    .update('\u0000')
    .update(filename)
    .digest('hex')
  const variant = ((Number.parseInt(hash[16] as string, 16) & 0x3) | 0x8).toString(16)
  return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(13, 16)}-${variant}${hash.slice(17, 20)}-${hash.slice(20, 32)}`
}

export interface NewDocument {
  agent: Agent
  /** The caller (uploadedBy) and their organization. */
  userId: string
  organizationId: string
  /** What fragments are made of. */
  text: string
  /** What `content.text` keeps. */
  storedText: string
  filename: string
  contentType: string
  /** Extra metadata: the caller's (JSON add) or upload-file's fileSize/filename/fileName. */
  extra: Record<string, unknown>
}

export interface AddedDocument {
  documentId: string
  fragmentCount: number
  /** False when the same content was already there (no duplicate is made). */
  created: boolean
}

/** Stores a document and its fragments in one DB transaction; a re-upload returns the existing id. */
export async function addDocument(db: Db, doc: NewDocument): Promise<AddedDocument> {
  const documentId = documentIdFor(doc.agent, doc.text, doc.filename)
  return db.transaction(async (tx) => {
    const existing = await tx.query<{ count: number }>(
      `SELECT (SELECT count(*)::int FROM knowledge_fragments WHERE document_id = $1) AS count
         FROM knowledge_documents WHERE id = $1`,
      [documentId],
    )
    const found = existing.rows[0]
    if (found) return { documentId, fragmentCount: found.count, created: false }

    const now = Date.now()
    const dot = doc.filename.lastIndexOf('.')
    const metadata = {
      type: 'document',
      documentId,
      originalFilename: doc.filename,
      contentType: doc.contentType,
      title: dot <= 0 ? doc.filename : doc.filename.slice(0, dot),
      fileExt: dot <= 0 ? '' : doc.filename.slice(dot + 1).toLowerCase(),
      source: 'rag-service-main-upload',
      timestamp: now,
      uploadedBy: doc.userId,
      uploadedAt: now,
      organizationId: doc.organizationId,
      ...doc.extra,
    }
    await tx.query(
      `INSERT INTO knowledge_documents (id, agent_id, organization_id, uploaded_by, text, metadata, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, to_timestamp($7 / 1000.0))`,
      [
        documentId,
        doc.agent.id,
        doc.agent.organizationId,
        doc.userId,
        doc.storedText,
        JSON.stringify(metadata),
        now,
      ],
    )
    const chunks = splitIntoChunks(doc.text)
    for (const [position, content] of chunks.entries()) {
      await tx.query(
        `INSERT INTO knowledge_fragments (document_id, agent_id, organization_id, position, content)
         VALUES ($1, $2, $3, $4, $5)`,
        [documentId, doc.agent.id, doc.agent.organizationId, position, content],
      )
    }
    return { documentId, fragmentCount: chunks.length, created: true }
  })
}

interface DocumentRow {
  id: string
  agent_id: string
  text: string
  metadata: Record<string, unknown>
  created_at: Date
}

/** The list's document object (docs/cloud/knowledge.md "The document object"). */
function documentObject(row: DocumentRow) {
  return {
    id: row.id,
    type: 'documents',
    createdAt: row.created_at.getTime(),
    content: { text: row.text },
    entityId: row.agent_id,
    agentId: row.agent_id,
    roomId: row.agent_id,
    unique: true,
    metadata: row.metadata,
  }
}

/**
 * Newest first. `count`/`offset` arrive as `parseInt` results and go to SQL unchecked, so NaN or a
 * negative value fails like the cloud's store does (→ the route's 500).
 */
export async function listDocuments(db: Queryable, agent: Agent, count: number, offset: number) {
  const where = scope(agent, 'd', 3)
  const asParam = (n: number) => (Number.isNaN(n) ? 'NaN' : n)
  const [page, total] = await Promise.all([
    db.query<DocumentRow>(
      `SELECT d.id, d.agent_id, d.text, d.metadata, d.created_at FROM knowledge_documents d
        WHERE ${where.sql} ORDER BY d.created_at DESC, d.id LIMIT $1 OFFSET $2`,
      [asParam(count), asParam(offset), ...where.params],
    ),
    countDocuments(db, agent),
  ])
  return { documents: page.rows.map(documentObject), total }
}

/** Deletes the document and (cascade) its fragments; an unknown id is not an error. */
export async function deleteDocument(db: Queryable, agent: Agent, documentId: string) {
  const where = scope(agent, 'd', 2)
  await db.query(`DELETE FROM knowledge_documents d WHERE d.id = $1 AND ${where.sql}`, [
    documentId,
    ...where.params,
  ])
}

interface FragmentHit {
  id: string
  content: string
  document_id: string
  position: number
  created_at: Date
  similarity: number
}

/**
 * Full-text ranking in place of the plugin's cosine similarity. The query's English lexemes
 * are OR-ed (any shared word is a candidate); `ts_rank_cd` weighs every occurrence 1 and divides
 * by 1 + log(fragment length) (flag 1), and flag 32 maps the rank r to r/(r+1) ∈ [0, 1).
 * Like the plugin: ≥ 0.1, best first, at most 20.
 */
export async function searchFragments(db: Queryable, agent: Agent, query: string) {
  const where = scope(agent, 'f', 2)
  const { rows } = await db.query<FragmentHit>(
    `WITH q AS (
       SELECT replace(plainto_tsquery('english', $1)::text, ' & ', ' | ') AS text
     ), hits AS (
       SELECT f.id, f.content, f.document_id, f.position, f.created_at,
              ts_rank_cd('{1,1,1,1}', f.search, q.text::tsquery, 1 | 32)::float8 AS similarity
         FROM knowledge_fragments f, q
        WHERE q.text <> '' AND ${where.sql} AND f.search @@ q.text::tsquery
     )
     SELECT * FROM hits WHERE similarity >= ${SIMILARITY_THRESHOLD}
      ORDER BY similarity DESC, created_at DESC, position
      LIMIT ${SEARCH_MAX}`,
    [query, ...where.params],
  )
  return rows.map((row) => ({
    id: row.id,
    content: row.content,
    similarity: Number(row.similarity.toFixed(6)),
    metadata: {
      type: 'fragment',
      documentId: row.document_id,
      position: row.position,
      timestamp: row.created_at.getTime(),
      source: 'rag-service-fragment-sync',
    },
  }))
}
