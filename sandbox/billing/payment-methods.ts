// The simulated card on file. In the cloud a default card can only be added in the dashboard
// (docs/cloud/billing.md §7); in the sandbox a completed checkout saves one (Visa •••• 4242), which is what
// lets auto top-up be enabled and charged.
import type { Queryable } from '../core/db/client.ts'
import { customerId, paymentMethodId } from './ids.ts'

export interface SavedCard {
  id: string
  customerId: string
  brand: string
  last4: string
}

export async function defaultCard(q: Queryable, organizationId: string): Promise<SavedCard | null> {
  const { rows } = await q.query<{
    id: string
    stripe_customer_id: string
    brand: string
    last4: string
  }>(
    `SELECT id, stripe_customer_id, brand, last4 FROM payment_methods
      WHERE organization_id = $1 AND is_default`,
    [organizationId],
  )
  const row = rows[0]
  return row
    ? { id: row.id, customerId: row.stripe_customer_id, brand: row.brand, last4: row.last4 }
    : null
}

/** The organization's Stripe customer id: the card's, or a new one for a first purchase. */
export async function customerFor(q: Queryable, organizationId: string): Promise<string> {
  return (await defaultCard(q, organizationId))?.customerId ?? customerId()
}

/** Saves the simulated card as the default payment method unless one is on file already. */
export async function saveSimulatedCard(
  tx: Queryable,
  organizationId: string,
  stripeCustomerId: string,
): Promise<SavedCard> {
  const existing = await defaultCard(tx, organizationId)
  if (existing) return existing
  const card: SavedCard = {
    id: paymentMethodId(),
    customerId: stripeCustomerId,
    brand: 'visa',
    last4: '4242',
  }
  await tx.query(
    `INSERT INTO payment_methods (id, organization_id, stripe_customer_id, brand, last4, exp_month,
                                  exp_year)
     VALUES ($1, $2, $3, $4, $5, 12, extract(year FROM now())::int + 3)`,
    [card.id, organizationId, card.customerId, card.brand, card.last4],
  )
  // The flag the summary (docs/cloud/billing.md §2) and settings (§7) report as hasPaymentMethod.
  await tx.query(
    'UPDATE organizations SET has_payment_method = true, updated_at = now() WHERE id = $1',
    [organizationId],
  )
  return card
}
