import { FileText, ExternalLink } from 'lucide-react'
import type { ReactNode } from 'react'
import { EmptyState } from '@/components/empty-state'
import { Badge } from '@/components/ui/badge'
import { cn } from '@/lib/cn'
import { invoiceTypeLabel, linkOrNull, type InvoiceListItem } from '../api/invoices'

type InvoiceListProps = {
  invoices: InvoiceListItem[]
  selectedId: string
  /** A link to the invoice's detail (the route owns the URL). */
  renderOpen: (invoice: InvoiceListItem, children: ReactNode) => ReactNode
  /** Where the next purchase is made (the empty state's action). */
  emptyAction?: ReactNode
}

/** The invoice list as the cloud formats it: its date, total and status strings are shown as sent. */
export function InvoiceList({ invoices, selectedId, renderOpen, emptyAction }: InvoiceListProps) {
  if (invoices.length === 0) {
    return (
      <EmptyState
        icon={FileText}
        size="page"
        title="No invoices yet"
        description="Each paid purchase (a card top-up, an auto top-up or a crypto payment) leaves an invoice here."
        action={emptyAction}
      />
    )
  }
  return (
    <div className="overflow-x-auto rounded-xl border">
      <table className="w-full text-sm" aria-label="Invoices">
        <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Date
            </th>
            <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">
              Type
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Total
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Status
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Document
            </th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => {
            const document = linkOrNull(invoice.invoicePdf) ?? linkOrNull(invoice.invoiceUrl)
            return (
              <tr
                key={invoice.id}
                aria-current={invoice.id === selectedId ? 'true' : undefined}
                className={cn('border-t', invoice.id === selectedId && 'bg-accent/60')}
              >
                <td className="px-3 py-2 whitespace-nowrap">{renderOpen(invoice, invoice.date)}</td>
                <td className="hidden px-3 py-2 sm:table-cell">{invoiceTypeLabel(invoice.type)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{invoice.total}</td>
                <td className="px-3 py-2">
                  <Badge variant={invoice.status.toLowerCase() === 'paid' ? 'success' : 'outline'}>
                    {invoice.status}
                  </Badge>
                </td>
                <td className="px-3 py-2">
                  {document ? (
                    <a
                      href={document}
                      target="_blank"
                      rel="noreferrer"
                      className="inline-flex items-center gap-1 text-primary underline-offset-4 hover:underline"
                    >
                      {linkOrNull(invoice.invoicePdf) ? 'PDF' : 'Invoice page'}
                      <ExternalLink aria-hidden className="size-3.5" />
                    </a>
                  ) : (
                    <span className="text-muted-foreground">None</span>
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
