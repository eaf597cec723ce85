-- 0001: accounts, API keys, the credits ledger, characters and containers.
-- Column names and types follow the cloud's rows as the notes show them (docs/cloud/billing.md, docs/cloud/agents.md,
-- docs/cloud/containers.md), so later CRUD issues can return rows as stored. Money is USD numeric with
-- 6 decimals (docs/cloud/billing.md "Money units"); the balance can never go below 0.

CREATE TABLE organizations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  slug text UNIQUE,
  credit_balance numeric(18, 6) NOT NULL DEFAULT 0 CHECK (credit_balance >= 0),
  is_active boolean NOT NULL DEFAULT true,
  auto_top_up_enabled boolean NOT NULL DEFAULT false,
  auto_top_up_amount numeric(10, 2),
  auto_top_up_threshold numeric(10, 2),
  has_payment_method boolean NOT NULL DEFAULT false,
  pay_as_you_go_from_earnings boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid REFERENCES organizations (id) ON DELETE CASCADE,
  email text NOT NULL UNIQUE,
  name text,
  role text NOT NULL DEFAULT 'owner',
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Only the SHA-256 of a key is stored; key_prefix is its first 12 characters (docs/cloud/auth-errors-limits.md §6).
CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  description text,
  key_hash text NOT NULL UNIQUE,
  key_prefix text NOT NULL,
  permissions jsonb NOT NULL DEFAULT '[]',
  rate_limit integer NOT NULL DEFAULT 1000,
  is_active boolean NOT NULL DEFAULT true,
  usage_count integer NOT NULL DEFAULT 0,
  last_used_at timestamptz,
  expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The ledger (docs/cloud/billing.md §3). amount > 0 adds to the balance, < 0 takes from it.
-- clock_timestamp(), not now(): several rows written in one DB transaction must still sort in
-- the order they were written.
CREATE TABLE credit_transactions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  amount numeric(18, 6) NOT NULL,
  type text NOT NULL CHECK (type IN ('credit', 'debit', 'refund')),
  description text NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}',
  stripe_payment_intent_id text,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX credit_transactions_org_created ON credit_transactions (organization_id, created_at DESC);

-- Characters (docs/cloud/agents.md "Character object"): the whole row, so GET /{id} can later return it as stored.
CREATE TABLE user_characters (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  username text UNIQUE,
  system text,
  bio jsonb NOT NULL DEFAULT '[]',
  message_examples jsonb NOT NULL DEFAULT '[]',
  post_examples jsonb NOT NULL DEFAULT '[]',
  topics jsonb NOT NULL DEFAULT '[]',
  adjectives jsonb NOT NULL DEFAULT '[]',
  knowledge jsonb NOT NULL DEFAULT '[]',
  plugins jsonb NOT NULL DEFAULT '[]',
  settings jsonb NOT NULL DEFAULT '{}',
  secrets jsonb NOT NULL DEFAULT '{}',
  style jsonb NOT NULL DEFAULT '{}',
  character_data jsonb NOT NULL DEFAULT '{}',
  is_template boolean NOT NULL DEFAULT false,
  is_public boolean NOT NULL DEFAULT false,
  avatar_url text,
  category text,
  tags jsonb NOT NULL DEFAULT '[]',
  featured boolean NOT NULL DEFAULT false,
  view_count integer NOT NULL DEFAULT 0,
  interaction_count integer NOT NULL DEFAULT 0,
  popularity_score integer NOT NULL DEFAULT 0,
  source text NOT NULL DEFAULT 'cloud',
  token_address text,
  token_chain text,
  token_name text,
  token_ticker text,
  erc8004_registered boolean NOT NULL DEFAULT false,
  erc8004_network text,
  erc8004_agent_id text,
  erc8004_agent_uri text,
  erc8004_tx_hash text,
  erc8004_registered_at timestamptz,
  monetization_enabled boolean NOT NULL DEFAULT false,
  inference_markup_percentage numeric(10, 2) NOT NULL DEFAULT 0,
  payout_wallet_address text,
  total_inference_requests integer NOT NULL DEFAULT 0,
  total_creator_earnings numeric(18, 4) NOT NULL DEFAULT 0,
  total_platform_revenue numeric(18, 4) NOT NULL DEFAULT 0,
  a2a_enabled boolean NOT NULL DEFAULT true,
  mcp_enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX user_characters_user ON user_characters (user_id, created_at DESC);

-- Containers (docs/cloud/containers.md "The container object"). is_update is a string and total_billed a
-- 2-decimal value because that is how the cloud serialises them.
CREATE TABLE containers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  project_name text NOT NULL,
  description text,
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  api_key_id uuid REFERENCES api_keys (id) ON DELETE SET NULL,
  character_id uuid REFERENCES user_characters (id) ON DELETE SET NULL,
  cloudformation_stack_name text,
  ecr_repository_uri text,
  ecr_image_tag text,
  ecs_cluster_arn text,
  ecs_service_arn text,
  ecs_task_definition_arn text,
  ecs_task_arn text,
  load_balancer_url text,
  is_update text NOT NULL DEFAULT 'false',
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'building', 'deploying', 'running', 'failed', 'deleting', 'stopped', 'deleted')),
  image_tag text,
  dockerfile_path text,
  environment_vars jsonb NOT NULL DEFAULT '{}',
  desired_count integer NOT NULL DEFAULT 1,
  cpu integer NOT NULL DEFAULT 1792,
  memory integer NOT NULL DEFAULT 1792,
  port integer NOT NULL DEFAULT 3000,
  health_check_path text DEFAULT '/health',
  architecture text NOT NULL DEFAULT 'arm64',
  last_deployed_at timestamptz,
  last_health_check timestamptz,
  deployment_log text,
  error_message text,
  metadata jsonb NOT NULL DEFAULT '{}',
  last_billed_at timestamptz,
  next_billing_at timestamptz,
  billing_status text NOT NULL DEFAULT 'active'
    CHECK (billing_status IN ('active', 'warning', 'shutdown_pending', 'suspended')),
  shutdown_warning_sent_at timestamptz,
  scheduled_shutdown_at timestamptz,
  total_billed numeric(12, 2) NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX containers_org_created ON containers (organization_id, created_at DESC);
