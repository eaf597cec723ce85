import { useQuery } from '@tanstack/react-query'
import {
  createFileRoute,
  Link,
  stripSearchParams,
  type SearchSchemaInput,
} from '@tanstack/react-router'
import { X } from 'lucide-react'
import { ErrorState } from '@/components/error-state'
import { Button } from '@/components/ui/button'
import { Skeleton } from '@/components/ui/skeleton'
import { invoiceListQuery, UUID_PATTERN } from '@/features/billing/api/invoices'
import { InvoiceDetail } from '@/features/billing/components/invoice-detail'
import { InvoiceList } from '@/features/billing/components/invoice-list'
import { text } from '@/lib/search-params'

type InvoiceSearch = { invoice: string }
const defaults: InvoiceSearch = { invoice: '' }

// The open invoice; a malformed id is dropped before any request (the cloud answers it 500).
const validateSearch = (search: Partial<InvoiceSearch> & SearchSchemaInput): InvoiceSearch => ({
  invoice: text(search.invoice, defaults.invoice, { pattern: UUID_PATTERN }).toLowerCase(),
})

export const Route = createFileRoute('/billing/invoices')({
  validateSearch,
  search: { middlewares: [stripSearchParams(defaults)] },
  loader: ({ context }) => void context.queryClient.prefetchQuery(invoiceListQuery()),
  component: InvoicesPage,
})

function InvoicesPage() {
  const { invoice } = Route.useSearch()
  const list = useQuery(invoiceListQuery())
  return (
    <section className="grid gap-6" aria-labelledby="invoices-title">
      <div className="grid gap-1">
        <h2 id="invoices-title" className="text-xl font-semibold tracking-tight">
          Invoices
        </h2>
        <p className="max-w-prose text-sm text-muted-foreground">
          One invoice per paid purchase. Dates, totals and statuses are shown as the cloud formats
          them; totals are US dollars.
        </p>
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="grid gap-3">
          {list.isPending ? (
            <div className="grid gap-2" aria-busy="true" aria-label="Loading invoices">
              {Array.from({ length: 5 }, (_, i) => (
                <Skeleton key={i} className="h-10 w-full" />
              ))}
            </div>
          ) : list.isError ? (
            <ErrorState
              error={list.error}
              onRetry={() => void list.refetch()}
              isRetrying={list.isFetching}
              size="page"
              headingLevel={3}
            />
          ) : (
            <>
              <InvoiceList
                invoices={list.data.invoices}
                selectedId={invoice}
                renderOpen={(item, children) => (
                  <Link
                    to="/billing/invoices"
                    search={{ invoice: item.id }}
                    className="font-medium text-primary underline-offset-4 hover:underline"
                    aria-label={`Invoice of ${item.date}, ${item.total}`}
                  >
                    {children}
                  </Link>
                )}
              />
              {list.data.count > 0 ? (
                <p className="text-xs text-muted-foreground">
                  {list.data.count} {list.data.count === 1 ? 'invoice' : 'invoices'}
                </p>
              ) : null}
            </>
          )}
        </div>
        {invoice ? (
          <InvoiceDetail
            key={invoice}
            invoiceId={invoice}
            close={
              <Button asChild variant="ghost" size="icon-sm" label="Close the invoice">
                <Link to="/billing/invoices" search={{ invoice: '' }}>
                  <X aria-hidden />
                </Link>
              </Button>
            }
          />
        ) : null}
      </div>
    </section>
  )
}
