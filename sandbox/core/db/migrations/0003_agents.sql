-- 0003: agents family (docs/cloud/agents.md). Characters live in user_characters (0001), unchanged here so
-- readers such as the A2A family can rely on its columns. This migration adds the hosted agent
-- runtimes ("milady sandboxes", docs/cloud/agents.md "Hosted runtime routes usable with an API key") and
-- their state backups.

-- One hosted runtime. Status vocabulary as stored by the cloud (pending, provisioning, running,
-- stopped, disconnected, error); the compat layer maps it (pending → queued, error → failed…).
-- provision_started_at/provision_step_ms: a provisioning in progress is stored as its start and
-- its pace, so the lifecycle is derived from timestamps and survives a restart (no timer needed).
-- billed_through: the instant up to which hourly hosting has been charged (docs/cloud/billing.md ledger);
-- millisecond precision because JS compares it back.
CREATE TABLE milady_sandboxes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  character_id uuid REFERENCES user_characters (id) ON DELETE SET NULL,
  agent_name text,
  agent_config jsonb NOT NULL DEFAULT '{}',
  environment_vars jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'provisioning', 'running', 'stopped', 'disconnected', 'error')),
  database_status text NOT NULL DEFAULT 'none'
    CHECK (database_status IN ('none', 'provisioning', 'ready', 'error')),
  node_id text,
  container_name text,
  headscale_ip text,
  bridge_url text,
  health_url text,
  last_heartbeat_at timestamptz,
  last_backup_at timestamptz,
  error_message text,
  error_count integer NOT NULL DEFAULT 0,
  provision_started_at timestamptz,
  provision_step_ms integer,
  provision_job_id uuid,
  billed_through timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX milady_sandboxes_org_created ON milady_sandboxes (organization_id, created_at DESC);

-- State snapshots of a runtime (manual, pre-shutdown); the cloud keeps the newest 10.
CREATE TABLE milady_sandbox_backups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sandbox_record_id uuid NOT NULL REFERENCES milady_sandboxes (id) ON DELETE CASCADE,
  snapshot_type text NOT NULL CHECK (snapshot_type IN ('auto', 'manual', 'pre-shutdown')),
  state_data jsonb NOT NULL DEFAULT '{}',
  size_bytes integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX milady_sandbox_backups_record ON milady_sandbox_backups (sandbox_record_id, created_at DESC);
