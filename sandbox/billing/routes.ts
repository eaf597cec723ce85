// Billing family: docs/cloud/billing.md. Which file serves which path:
//   credits.ts       §1–§3  GET /api/v1/credits/balance (and /api/credits/balance),
//                           /api/v1/credits/summary, /api/credits/transactions
//   checkout.ts      §4–§6  POST /api/v1/credits/checkout, GET /api/v1/credits/verify,
//                           GET /api/stripe/credit-packs, and the local page /checkout/{sessionId}
//   auto-top-up.ts   §7     GET, PUT /api/v1/billing/settings; POST /api/auto-top-up/trigger
//   crypto.ts        §8     /api/crypto/status, /api/crypto/payments[/{id}], the page /crypto/pay/{trackId}
//   x402-routes.ts   §9     POST /api/v1/topup/{10,50,100}; /api/v1/x402[/verify|/settle|/sandbox-wallet]
//   pricing.ts       §10    GET /api/v1/pricing/summary
//   invoices.ts      §11    GET /api/invoices/list, /api/invoices/{id}
// Shapes of the credits routes in schemas.ts, tables and demo data in seed.ts.
import type { SandboxContext } from '../core/context.ts'
import type { Family } from '../core/family.ts'
import { FamilyRoutes } from '../core/route.ts'
import { autoTopUpRoutes } from './auto-top-up.ts'
import { checkoutRoutes } from './checkout.ts'
import { creditsRoutes } from './credits.ts'
import { cryptoRoutes } from './crypto.ts'
import { invoiceRoutes } from './invoices.ts'
import { pricingRoutes } from './pricing.ts'
import { BILLING_TABLES, seedBilling } from './seed.ts'
import { x402Routes } from './x402-routes.ts'

export function billingRoutes(ctx: SandboxContext): FamilyRoutes {
  return new FamilyRoutes('billing')
    .include(creditsRoutes(ctx))
    .include(checkoutRoutes(ctx))
    .include(autoTopUpRoutes(ctx))
    .include(cryptoRoutes(ctx))
    .include(x402Routes(ctx))
    .include(pricingRoutes())
    .include(invoiceRoutes(ctx))
}

export const billingFamily: Family = {
  name: 'billing',
  routes: billingRoutes,
  tables: BILLING_TABLES,
  seed: seedBilling,
}
