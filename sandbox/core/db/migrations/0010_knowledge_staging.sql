-- 0010: staged knowledge files (docs/cloud/knowledge.md §7). The cloud keeps files uploaded through
-- POST /api/v1/knowledge/pre-upload in blob storage until POST /api/v1/knowledge/submit
-- processes them into an agent (or DELETE /api/v1/knowledge/pre-upload removes them); the
-- sandbox keeps the bytes here, keyed by the blob URL it hands out.

CREATE TABLE knowledge_staged_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- https://knowledge-blobs.sandbox.invalid/knowledge-pre-upload/<user id>/<name>-<random>.<ext>
  blob_url text NOT NULL UNIQUE,
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  -- The uploader: only they may delete or submit the file (the user id is also in the URL).
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  filename text NOT NULL,
  content_type text NOT NULL,
  size integer NOT NULL,
  data bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX knowledge_staged_files_user ON knowledge_staged_files (user_id);
