import { queryOptions } from '@tanstack/react-query'
import { z } from 'zod/mini'
import { api } from '@/lib/api-client'
import { billingKeys } from './keys'

// Invoices (docs/billing-payments.md §Invoices). Every failure, auth included, is a 500 with
// the message; a non-UUID id too, so the route refuses one before asking.

export const invoiceKeys = {
  all: [...billingKeys.all, 'invoices'] as const,
  list: () => [...invoiceKeys.all, 'list'] as const,
  detail: (id: string) => [...invoiceKeys.all, 'detail', id] as const,
}

/** One row of GET /api/invoices/list: display-formatted by the server (`"$10.00"`, `"Paid"`). */
export const invoiceListItemSchema = z.object({
  id: z.string(),
  stripeInvoiceId: z.string(),
  /** An English date string in the server's time zone, not ISO. */
  date: z.string(),
  total: z.string(),
  status: z.string(),
  /** '' when there is no hosted page. */
  invoiceUrl: z.catch(z.string(), ''),
  /** '' when there is no PDF. */
  invoicePdf: z.catch(z.string(), ''),
  type: z.string(),
  creditsAdded: z.catch(z.number(), 0),
})
export type InvoiceListItem = z.infer<typeof invoiceListItemSchema>

export const invoiceListSchema = z.object({
  invoices: z.array(invoiceListItemSchema),
  count: z.number(),
})

/** GET /api/invoices/{id}: the stored record; amounts are numbers, dates ISO. */
export const invoiceSchema = z.object({
  id: z.string(),
  stripeInvoiceId: z.string(),
  stripeCustomerId: z.nullish(z.string()),
  stripePaymentIntentId: z.nullish(z.string()),
  amountDue: z.number(),
  amountPaid: z.number(),
  currency: z.string(),
  status: z.string(),
  invoiceType: z.string(),
  invoiceNumber: z.nullish(z.string()),
  invoicePdf: z.nullish(z.string()),
  hostedInvoiceUrl: z.nullish(z.string()),
  creditsAdded: z.catch(z.number(), 0),
  createdAt: z.string(),
  paidAt: z.nullish(z.string()),
})
export type Invoice = z.infer<typeof invoiceSchema>
const invoiceResponseSchema = z.object({ invoice: invoiceSchema })

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const invoiceListQuery = () =>
  queryOptions({
    queryKey: invoiceKeys.list(),
    queryFn: ({ signal }) => api.get('/api/invoices/list', { signal, schema: invoiceListSchema }),
  })

export const invoiceQuery = (id: string) =>
  queryOptions({
    queryKey: invoiceKeys.detail(id),
    queryFn: async ({ signal }) =>
      (
        await api.get(`/api/invoices/${encodeURIComponent(id)}`, {
          signal,
          schema: invoiceResponseSchema,
        })
      ).invoice,
  })

/** A link only when the cloud gave one: '' and null both mean "none" (docs/billing-payments.md §Invoices). */
export const linkOrNull = (value: string | null | undefined): string | null =>
  value && /^https?:\/\//.test(value) ? value : null

const TYPE_LABELS: Record<string, string> = {
  custom_amount: 'Card top-up',
  credit_pack: 'Credit pack',
  auto_top_up: 'Auto top-up',
  one_time_purchase: 'One-time purchase',
  crypto_payment: 'Crypto payment',
}
/** A readable name for an invoice type; unknown types are shown as sent. */
export const invoiceTypeLabel = (type: string) => TYPE_LABELS[type] ?? type.replaceAll('_', ' ')
