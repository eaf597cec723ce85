-- 0008: API keys (docs/cloud/api-keys.md). The core table comes from 0001; this family owns it.
-- The cloud stores every key's plaintext in `key`; the sandbox keeps only the hash, except for
-- the API Explorer key, whose endpoint hands the same secret out again on every call.
ALTER TABLE api_keys ADD COLUMN key text;

-- The cloud's limits (docs/cloud/api-keys.md, "POST"): the routes validate them, the table holds them too.
ALTER TABLE api_keys
  ADD CONSTRAINT api_keys_rate_limit_range CHECK (rate_limit BETWEEN 1 AND 100000),
  ADD CONSTRAINT api_keys_name_length CHECK (char_length(name) BETWEEN 1 AND 100);

-- List by organization, newest first.
CREATE INDEX api_keys_org_created ON api_keys (organization_id, created_at DESC);
