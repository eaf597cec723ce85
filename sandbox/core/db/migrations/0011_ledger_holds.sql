-- 0011: open reservations (docs/billing.md §Reservations and restarts). A billed call takes its
-- estimate with a `<operation> (reserved)` debit and records it here in the same transaction; the
-- transaction that settles or refunds it deletes the row. A row still here when the sandbox starts
-- belongs to a call whose process died: the start refunds it in full.
CREATE TABLE ledger_holds (
  reservation_id uuid PRIMARY KEY REFERENCES credit_transactions (id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid,
  amount numeric(18, 6) NOT NULL CHECK (amount > 0),
  operation text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
