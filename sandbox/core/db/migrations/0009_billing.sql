-- 0009: billing family (docs/cloud/billing.md §4–§11): credit packs, checkout sessions and the simulated card
-- they save, invoices, crypto payments, and the x402 nonce and wallet tables. Balances and the
-- ledger itself are core tables (0001). Money is USD; the widths follow how each endpoint
-- serialises it (2 decimals for Stripe amounts, 3 for crypto, docs/cloud/billing.md "Money units").

-- GET /api/stripe/credit-packs (docs/cloud/billing.md §6): `credits` is served as a 2-decimal string.
CREATE TABLE credit_packs (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  description text,
  credits numeric(10, 2) NOT NULL,
  price_cents integer NOT NULL,
  stripe_price_id text NOT NULL,
  stripe_product_id text NOT NULL,
  is_active boolean NOT NULL DEFAULT true,
  sort_order integer NOT NULL DEFAULT 0,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A Stripe Checkout session stand-in (docs/cloud/billing.md §4, §5), paid on the sandbox's own checkout page.
-- form_token is the page's anti-CSRF token; payment_intent_id is set when it is paid.
CREATE TABLE checkout_sessions (
  id text PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  credits numeric(10, 2) NOT NULL CHECK (credits > 0),
  success_url text NOT NULL,
  cancel_url text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'complete', 'expired')),
  payment_status text NOT NULL DEFAULT 'unpaid' CHECK (payment_status IN ('unpaid', 'paid')),
  form_token text NOT NULL,
  payment_intent_id text UNIQUE,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  completed_at timestamptz
);
CREATE INDEX checkout_sessions_org ON checkout_sessions (organization_id, created_at DESC);

-- The simulated card a completed checkout saves (the cloud's "default payment method", which
-- auto top-up needs, docs/cloud/billing.md §7). organizations.has_payment_method mirrors it.
CREATE TABLE payment_methods (
  id text PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  stripe_customer_id text NOT NULL,
  brand text NOT NULL,
  last4 text NOT NULL,
  exp_month integer NOT NULL,
  exp_year integer NOT NULL,
  is_default boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX payment_methods_default ON payment_methods (organization_id) WHERE is_default;

-- Invoice records (docs/cloud/billing.md §11), one per purchase, auto top-up or crypto payment.
CREATE TABLE invoices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  stripe_invoice_id text NOT NULL UNIQUE,
  stripe_customer_id text,
  stripe_payment_intent_id text,
  amount_due numeric(12, 2) NOT NULL,
  amount_paid numeric(12, 2) NOT NULL,
  currency text NOT NULL DEFAULT 'usd',
  status text NOT NULL,
  invoice_type text NOT NULL,
  invoice_number text,
  invoice_pdf text,
  hosted_invoice_url text,
  credits_added numeric(12, 3),
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  paid_at timestamptz
);
CREATE INDEX invoices_org_created ON invoices (organization_id, created_at DESC);

-- OxaPay invoices (docs/cloud/billing.md §8). Amounts keep 3 decimals, as the API serialises them.
CREATE TABLE crypto_payments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  track_id text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'confirmed', 'expired', 'failed')),
  expected_amount numeric(18, 3) NOT NULL,
  credits_to_add numeric(18, 3) NOT NULL,
  received_amount numeric(18, 3),
  network text NOT NULL,
  token text NOT NULL,
  pay_link text NOT NULL,
  transaction_hash text UNIQUE,
  form_token text NOT NULL,
  expires_at timestamptz NOT NULL,
  confirmed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX crypto_payments_org_created ON crypto_payments (organization_id, created_at DESC);

-- x402 replay protection (docs/cloud/billing.md §9): an authorization nonce pays once, whether it is settled
-- by a top-up or by the facilitator's /settle.
CREATE TABLE x402_nonces (
  nonce text PRIMARY KEY,
  payer text NOT NULL,
  network text NOT NULL,
  value numeric(30, 0) NOT NULL,
  used_by text NOT NULL,
  transaction_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The organization an x402 top-up credits (found or created for a wallet, docs/cloud/billing.md §9).
-- Addresses are stored lower-case.
CREATE TABLE x402_wallets (
  wallet_address text PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
