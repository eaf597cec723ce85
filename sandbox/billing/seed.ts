// The billing family's demo data: the credit packs the dashboard sells (docs/cloud/billing.md §6) and one
// wallet mapped to the seeded organization, so an x402 top-up from it lands in the demo balance.
// No ledger rows: the seeded balance stays exactly the $5.00 signup grant.
import type { Db } from '../core/db/client.ts'
import { SEED } from '../core/seed.ts'

/** The seeded organization's wallet (x402 top-ups with this walletAddress credit SEED's org). */
export const SANDBOX_WALLET = '0x5a4db0c00000000000000000000000000000b111'

const PACKS = [
  { n: 1, name: 'Starter', credits: 10, description: 'Try every model and modality' },
  { n: 2, name: 'Builder', credits: 50, description: 'For agents in daily use' },
  { n: 3, name: 'Pro', credits: 100, description: 'For production workloads' },
] as const

export async function seedBilling(db: Db): Promise<void> {
  const created = new Date(Date.now() - 7 * 24 * 3_600_000).toISOString()
  for (const pack of PACKS) {
    await db.query(
      `INSERT INTO credit_packs (id, name, description, credits, price_cents, stripe_price_id,
                                 stripe_product_id, sort_order, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
      [
        `5a4db0c0-0000-4000-8000-0000000000d${pack.n}`,
        pack.name,
        pack.description,
        pack.credits.toFixed(2),
        pack.credits * 100,
        `price_sandbox_${pack.name.toLowerCase()}`,
        `prod_sandbox_${pack.name.toLowerCase()}`,
        pack.n,
        created,
      ],
    )
  }
  await db.query(
    'INSERT INTO x402_wallets (wallet_address, organization_id, user_id) VALUES ($1, $2, $3)',
    [SANDBOX_WALLET, SEED.organizationId, SEED.userId],
  )
}

/** Tables of 0009_billing.sql, wiped on reset. */
export const BILLING_TABLES = [
  'credit_packs',
  'checkout_sessions',
  'payment_methods',
  'invoices',
  'crypto_payments',
  'x402_nonces',
  'x402_wallets',
] as const
