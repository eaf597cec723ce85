// Invoice records (docs/cloud/billing.md §11): written by every paid purchase (checkout, auto top-up,
// crypto), listed display-formatted and served as stored.
import { z } from 'zod'
import { authenticate } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import type { Queryable } from '../core/db/client.ts'
import { bareError, methodNotAllowed } from '../core/errors.ts'
import { FamilyRoutes } from '../core/route.ts'
import { PRESETS, rateLimit } from '../core/rate-limit.ts'

export interface InvoiceInput {
  organizationId: string
  userId?: string | null
  stripeInvoiceId: string
  stripeCustomerId: string | null
  stripePaymentIntentId: string | null
  amount: number
  currency?: string
  invoiceType: string
  creditsAdded: number
  metadata: Record<string, unknown>
}

/** A paid invoice for a completed purchase, inside the purchase's own transaction. */
export async function insertInvoice(tx: Queryable, input: InvoiceInput): Promise<void> {
  await tx.query(
    `INSERT INTO invoices (organization_id, user_id, stripe_invoice_id, stripe_customer_id,
                           stripe_payment_intent_id, amount_due, amount_paid, currency, status,
                           invoice_type, credits_added, metadata, paid_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7, 'paid', $8, $9, $10, clock_timestamp())`,
    [
      input.organizationId,
      input.userId ?? null,
      input.stripeInvoiceId,
      input.stripeCustomerId,
      input.stripePaymentIntentId,
      input.amount.toFixed(2),
      input.currency ?? 'usd',
      input.invoiceType,
      input.creditsAdded.toFixed(3),
      JSON.stringify(input.metadata),
    ],
  )
}

interface InvoiceRow {
  id: string
  organization_id: string
  stripe_invoice_id: string
  stripe_customer_id: string | null
  stripe_payment_intent_id: string | null
  amount_due: string
  amount_paid: string
  currency: string
  status: string
  invoice_type: string
  invoice_number: string | null
  invoice_pdf: string | null
  hosted_invoice_url: string | null
  credits_added: string | null
  metadata: Record<string, unknown>
  created_at: Date
  updated_at: Date
  paid_at: Date | null
}

// "Apr 19, 2026, 06:00 PM": an English locale string in the server's time zone (docs/cloud/billing.md §11).
const displayDate = (date: Date) =>
  date.toLocaleString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

const listItem = z.object({
  id: z.string(),
  stripeInvoiceId: z.string(),
  date: z.string(),
  total: z.string(),
  status: z.string(),
  invoiceUrl: z.string(),
  invoicePdf: z.string(),
  type: z.string(),
  creditsAdded: z.number(),
})
const invoiceDetail = z.object({
  id: z.string(),
  stripeInvoiceId: z.string(),
  stripeCustomerId: z.string().nullable(),
  stripePaymentIntentId: z.string().nullable(),
  amountDue: z.number(),
  amountPaid: z.number(),
  currency: z.string(),
  status: z.string(),
  invoiceType: z.string(),
  invoiceNumber: z.string().nullable(),
  invoicePdf: z.string().nullable(),
  hostedInvoiceUrl: z.string().nullable(),
  creditsAdded: z.number(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  paidAt: z.string().nullable(),
})
const bare = z.object({ error: z.string() })

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

export function invoiceRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('billing')
  const { app } = routes
  const { db } = ctx

  // STANDARD; every failure, auth included, is 500 {"error": message} (docs/cloud/billing.md §11).
  routes.route({
    method: 'get',
    path: '/api/invoices/list',
    auth: 'key',
    summary: 'List the organization’s invoices, display-formatted',
    note: 'docs/cloud/billing.md §11',
    responses: {
      200: {
        description: 'Invoices, newest first',
        schema: z.object({ invoices: z.array(listItem), count: z.number() }),
      },
      429: { description: 'Rate limited (E10)' },
      500: { description: 'Any failure, auth included (E5)', schema: bare },
    },
    use: [rateLimit(ctx.limiter, PRESETS.STANDARD)],
    handler: async (c) => {
      try {
        const result = await authenticate(c.req.raw, db, ctx.balanceCache)
        if (!result.ok) return bareError(500, result.message)
        const { rows } = await db.query<InvoiceRow>(
          `SELECT * FROM invoices WHERE organization_id = $1 ORDER BY created_at DESC, id DESC`,
          [result.auth.organizationId],
        )
        const invoices = rows.map((row) => ({
          id: row.id,
          stripeInvoiceId: row.stripe_invoice_id,
          date: displayDate(row.created_at),
          total: `$${Number(row.amount_paid).toFixed(2)}`,
          status: capitalize(row.status),
          invoiceUrl: row.hosted_invoice_url ?? '',
          invoicePdf: row.invoice_pdf ?? '',
          type: row.invoice_type,
          creditsAdded: Number(row.credits_added ?? 0),
        }))
        return c.json({ invoices, count: invoices.length })
      } catch (error) {
        return bareError(500, message(error))
      }
    },
  })
  app.all('/api/invoices/list', () => methodNotAllowed(['GET', 'OPTIONS']))

  routes.route({
    method: 'get',
    path: '/api/invoices/{id}',
    auth: 'key',
    summary: 'One invoice as stored',
    note: 'docs/cloud/billing.md §11',
    params: z.object({ id: z.string() }),
    responses: {
      200: { description: 'The invoice', schema: z.object({ invoice: invoiceDetail }) },
      403: { description: 'Another organization’s invoice', schema: bare },
      404: { description: 'Unknown invoice', schema: bare },
      429: { description: 'Rate limited (E10)' },
      500: { description: 'Any failure, auth and non-UUID ids included', schema: bare },
    },
    use: [rateLimit(ctx.limiter, PRESETS.STANDARD)],
    handler: async (c) => {
      try {
        const result = await authenticate(c.req.raw, db, ctx.balanceCache)
        if (!result.ok) return bareError(500, result.message)
        // A non-UUID id reaches Postgres and its error is the message (docs/cloud/billing.md §11).
        const { rows } = await db.query<InvoiceRow>('SELECT * FROM invoices WHERE id = $1', [
          c.req.param('id') ?? '',
        ])
        const row = rows[0]
        if (!row) return bareError(404, 'Invoice not found')
        if (row.organization_id !== result.auth.organizationId) {
          return bareError(403, 'Unauthorized access to invoice')
        }
        return c.json({
          invoice: {
            id: row.id,
            stripeInvoiceId: row.stripe_invoice_id,
            stripeCustomerId: row.stripe_customer_id,
            stripePaymentIntentId: row.stripe_payment_intent_id,
            amountDue: Number(row.amount_due),
            amountPaid: Number(row.amount_paid),
            currency: row.currency,
            status: row.status,
            invoiceType: row.invoice_type,
            invoiceNumber: row.invoice_number,
            invoicePdf: row.invoice_pdf,
            hostedInvoiceUrl: row.hosted_invoice_url,
            creditsAdded: Number(row.credits_added ?? 0),
            metadata: row.metadata,
            createdAt: row.created_at.toISOString(),
            updatedAt: row.updated_at.toISOString(),
            paidAt: row.paid_at?.toISOString() ?? null,
          },
        })
      } catch (error) {
        return bareError(500, message(error))
      }
    },
  })
  app.all('/api/invoices/:id', () => methodNotAllowed(['GET', 'OPTIONS']))

  return routes
}
