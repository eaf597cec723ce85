import { useQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { CopyButton } from '@/components/copy-button'
import { Badge } from '@/components/ui/badge'
import { Card, CardAction, CardContent, CardHeader, CardTitle } from '@/components/ui/card'
import { formatUsd } from '@/lib/format'
import { invoiceQuery, invoiceTypeLabel, linkOrNull, type Invoice } from '../api/invoices'
import { DetailQueryBody, DetailRows, ExternalAnchor, formatExactTime } from './detail-parts'

type InvoiceDetailProps = {
  invoiceId: string
  /** The close control (a link that clears the selection in the URL). */
  close: ReactNode
}

/** One invoice as stored (GET /api/invoices/{id}), with its PDF or hosted page when Stripe gave one. */
export function InvoiceDetail({ invoiceId, close }: InvoiceDetailProps) {
  const query = useQuery(invoiceQuery(invoiceId))
  return (
    <Card aria-labelledby="invoice-detail-title">
      <CardHeader>
        <div className="grid gap-1">
          <CardTitle
            as="h3"
            className="text-base font-semibold text-foreground"
            id="invoice-detail-title"
          >
            Invoice details
          </CardTitle>
        </div>
        <CardAction>{close}</CardAction>
      </CardHeader>
      <CardContent>
        <DetailQueryBody query={query} loadingLabel="Loading the invoice">
          {(data) => <InvoiceFields invoice={data} />}
        </DetailQueryBody>
      </CardContent>
    </Card>
  )
}

function InvoiceFields({ invoice }: { invoice: Invoice }) {
  const pdf = linkOrNull(invoice.invoicePdf)
  const hosted = linkOrNull(invoice.hostedInvoiceUrl)
  const currency = invoice.currency.toUpperCase()
  return (
    <div className="grid gap-4">
      <DetailRows
        rows={[
          [
            'Status',
            <Badge variant={invoice.status === 'paid' ? 'success' : 'outline'}>
              {invoice.status}
            </Badge>,
          ],
          ['Type', invoiceTypeLabel(invoice.invoiceType)],
          // Amounts are USD; a crypto invoice names the token it was paid in (docs/billing-payments.md §Invoices).
          ['Amount paid', formatUsd(invoice.amountPaid)],
          ['Amount due', formatUsd(invoice.amountDue)],
          ...(currency === 'USD' ? [] : [['Paid in', currency] as [string, ReactNode]]),
          ['Added to balance', formatUsd(invoice.creditsAdded)],
          ['Created', formatExactTime(invoice.createdAt)],
          ['Paid', invoice.paidAt ? formatExactTime(invoice.paidAt) : 'Not paid'],
          ['Invoice number', invoice.invoiceNumber ?? 'None'],
          [
            'Reference',
            <span className="inline-flex items-center gap-1 font-mono text-xs break-all">
              {invoice.stripeInvoiceId}
              <CopyButton text={invoice.stripeInvoiceId} label="Copy the reference" compact />
            </span>,
          ],
        ]}
      />
      {pdf || hosted ? (
        <div className="flex flex-wrap gap-3 text-sm">
          {pdf ? <ExternalAnchor href={pdf}>Download PDF</ExternalAnchor> : null}
          {hosted ? <ExternalAnchor href={hosted}>Open the invoice page</ExternalAnchor> : null}
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">
          No PDF or hosted page: the payment provider gave none for this purchase.
        </p>
      )}
    </div>
  )
}
