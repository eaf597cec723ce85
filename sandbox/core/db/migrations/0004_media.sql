-- 0004: media family (docs/cloud/media.md): generated files, the gallery, cloned voices and their jobs.
-- Column names follow the cloud's rows as the note shows them (§3 gallery item, §5.6 voice row,
-- §5.5 job), so the handlers can return rows as stored.

-- Generated images and videos. The cloud keeps them in public blob storage; the sandbox keeps the
-- bytes here so their URLs survive a restart. `data` is NULL for seeded demo items until their
-- first read renders them from `recipe` (keeps every reset cheap).
CREATE TABLE media_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('image', 'video')),
  mime_type text NOT NULL,
  extension text NOT NULL,
  data bytea,
  recipe jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Gallery rows (docs/cloud/media.md §3): one per produced image or video. file_size is text because the
-- gallery returns it as a string.
CREATE TABLE generations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  api_key_id uuid REFERENCES api_keys (id) ON DELETE SET NULL,
  type text NOT NULL CHECK (type IN ('image', 'video')),
  model text NOT NULL,
  provider text NOT NULL,
  prompt text NOT NULL,
  negative_prompt text,
  status text NOT NULL DEFAULT 'completed',
  file_id uuid REFERENCES media_files (id) ON DELETE SET NULL,
  mime_type text,
  file_size text,
  dimensions jsonb,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  completed_at timestamptz
);
CREATE INDEX generations_user_created ON generations (user_id, organization_id, created_at DESC);

-- Cloned voices (docs/cloud/media.md §5.6). `synth` is the sandbox's own: the eSpeak parameters derived
-- from the uploaded samples, so a cloned voice sounds different from the others.
CREATE TABLE user_voices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  elevenlabs_voice_id text NOT NULL UNIQUE,
  name text NOT NULL,
  description text,
  clone_type text NOT NULL,
  settings jsonb NOT NULL DEFAULT '{}',
  sample_count integer NOT NULL DEFAULT 0,
  total_audio_duration_seconds integer,
  audio_quality_score numeric(4, 2),
  usage_count integer NOT NULL DEFAULT 0,
  last_used_at timestamptz,
  is_active boolean NOT NULL DEFAULT true,
  is_public boolean NOT NULL DEFAULT false,
  creation_cost numeric(10, 2),
  synth jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX user_voices_org_created ON user_voices (organization_id, created_at DESC);

-- Cloning jobs (docs/cloud/media.md §5.5): statuses pending | processing | completed | failed.
CREATE TABLE voice_cloning_jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  job_type text NOT NULL,
  voice_name text NOT NULL,
  voice_description text,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
  progress integer NOT NULL DEFAULT 0,
  user_voice_id uuid REFERENCES user_voices (id) ON DELETE SET NULL,
  error_message text,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  started_at timestamptz,
  completed_at timestamptz
);

-- What the sandbox's own TTS said, by the SHA-256 of the MP3 it sent: speech-to-text can only
-- "hear" audio it synthesised itself (see routes/media.ts, STT).
CREATE TABLE tts_outputs (
  sha256 text PRIMARY KEY,
  text text NOT NULL,
  duration_seconds numeric(10, 3) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
