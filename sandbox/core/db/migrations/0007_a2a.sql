-- a2a family (issue #4): the A2A task store, public MCP servers for discovery, and the state the
-- platform skills keep (docs/cloud/a2a-discovery.md). Characters themselves stay in user_characters.

-- The cloud keeps tasks in Redis under the task id alone, for one hour, refreshed on every write;
-- reads check the organization (a2a-task-store.ts). So the id is global: a message/send with an
-- id another organization used replaces that task.
CREATE TABLE a2a_tasks (
  id text PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- The Task object exactly as tasks/get returns it (status, history, artifacts, metadata).
  task jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX a2a_tasks_org ON a2a_tasks (organization_id, updated_at DESC);

-- Public MCP servers (the cloud's user_mcps), listed by GET /api/v1/discovery.
CREATE TABLE user_mcps (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  created_by_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  name text NOT NULL,
  slug text NOT NULL UNIQUE,
  description text,
  category text,
  tags jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'pending_review', 'live', 'suspended', 'deprecated')),
  is_public boolean NOT NULL DEFAULT false,
  tools jsonb NOT NULL DEFAULT '[]',
  pricing_type text NOT NULL DEFAULT 'free' CHECK (pricing_type IN ('free', 'credits', 'x402')),
  credits_per_request numeric(10, 4),
  x402_price_usd numeric(10, 4),
  x402_enabled boolean NOT NULL DEFAULT false,
  is_verified boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One usage row per billed A2A skill call, read back by the get_usage skill.
CREATE TABLE a2a_usage_records (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  api_key_id uuid REFERENCES api_keys (id) ON DELETE SET NULL,
  type text NOT NULL,
  model text,
  provider text,
  input_tokens integer NOT NULL DEFAULT 0,
  output_tokens integer NOT NULL DEFAULT 0,
  input_cost numeric(18, 6) NOT NULL DEFAULT 0,
  output_cost numeric(18, 6) NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX a2a_usage_records_org ON a2a_usage_records (organization_id, created_at DESC);

-- save_memory / retrieve_memories / delete_memory.
CREATE TABLE a2a_memories (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  room_id text NOT NULL,
  entity_id uuid,
  content text NOT NULL,
  type text NOT NULL DEFAULT 'fact',
  tags jsonb NOT NULL DEFAULT '[]',
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX a2a_memories_org ON a2a_memories (organization_id, created_at DESC);

-- create_conversation / get_conversation_context.
CREATE TABLE a2a_conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  title text NOT NULL,
  model text NOT NULL,
  settings jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- chat_with_agent: one room per (user, agent), holding the exchanged turns.
CREATE TABLE a2a_rooms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  agent_id uuid NOT NULL REFERENCES user_characters (id) ON DELETE CASCADE,
  messages jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, agent_id)
);
