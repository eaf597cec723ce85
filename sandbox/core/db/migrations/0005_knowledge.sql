-- 0005: knowledge documents and their fragments (docs/cloud/knowledge.md). A document belongs to one agent
-- (character id, or the platform's shared default agent); retrieval is Postgres full-text search
-- over the fragments, so each fragment keeps a generated English tsvector with a GIN index.

CREATE TABLE knowledge_documents (
  -- Content-derived (agent + first 2,000 characters + filename), so a re-upload is a no-op.
  id uuid PRIMARY KEY,
  -- No foreign key: the default agent b850bc30-… has no user_characters row.
  agent_id uuid NOT NULL,
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  uploaded_by uuid REFERENCES users (id) ON DELETE SET NULL,
  -- content.text as the cloud stores it (base64 for PDFs).
  text text NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX knowledge_documents_agent_created ON knowledge_documents (agent_id, created_at DESC);

CREATE TABLE knowledge_fragments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  document_id uuid NOT NULL REFERENCES knowledge_documents (id) ON DELETE CASCADE,
  agent_id uuid NOT NULL,
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  position integer NOT NULL,
  content text NOT NULL,
  search tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (document_id, position)
);
CREATE INDEX knowledge_fragments_agent ON knowledge_fragments (agent_id);
CREATE INDEX knowledge_fragments_search ON knowledge_fragments USING gin (search);
