-- 0006: what the containers family adds around the core `containers` table (docs/cloud/containers.md).

-- The simulated provisioning is derived from stored timestamps, so a restart resumes it:
-- status = f(now − lifecycle_started_at, lifecycle_step_ms). NULL = nothing in flight.
ALTER TABLE containers
  ADD COLUMN lifecycle_started_at timestamptz,
  ADD COLUMN lifecycle_step_ms integer,
  -- The fee charged by the latest create/redeploy, for the delete refund (docs/cloud/containers.md §6).
  ADD COLUMN deployment_fee numeric(10, 2);

-- The cloud builds deployment history from its usage records of type container_deployment /
-- container_update (docs/cloud/containers.md §7); these rows are the sandbox's usage records for containers.
-- No foreign key to containers: usage records outlive the container.
CREATE TABLE container_deployments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  container_id uuid NOT NULL,
  container_name text NOT NULL,
  type text NOT NULL CHECK (type IN ('container_deployment', 'container_update')),
  cost numeric(18, 6) NOT NULL,
  error text,
  metadata jsonb NOT NULL DEFAULT '{}',
  succeeded_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX container_deployments_org_created ON container_deployments (organization_id, created_at DESC);

-- Raw log lines as CloudWatch would hold them; the level is inferred when read (docs/cloud/containers.md §9).
CREATE TABLE container_logs (
  id bigserial PRIMARY KEY,
  container_id uuid NOT NULL REFERENCES containers (id) ON DELETE CASCADE,
  timestamp timestamptz NOT NULL,
  line text NOT NULL
);
CREATE INDEX container_logs_container_ts ON container_logs (container_id, timestamp DESC);
