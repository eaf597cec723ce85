import { useQuery } from '@tanstack/react-query'
import { createFileRoute, stripSearchParams, type SearchSchemaInput } from '@tanstack/react-router'
import { useCallback } from 'react'
import { ErrorState } from '@/components/error-state'
import { SearchField } from '@/components/search-field'
import { Skeleton } from '@/components/ui/skeleton'
import { pricingSummaryQuery } from '@/api/pricing-summary/queries'
import { priceListOf } from '@/features/billing/api/pricing'
import { PriceList } from '@/features/billing/components/price-list'
import { text } from '@/lib/search-params'

type PricingSearch = { q: string }
const defaults: PricingSearch = { q: '' }

const validateSearch = (search: Partial<PricingSearch> & SearchSchemaInput): PricingSearch => ({
  q: text(search.q, defaults.q, { trim: true, max: 100 }),
})

export const Route = createFileRoute('/billing/pricing')({
  validateSearch,
  search: { middlewares: [stripSearchParams(defaults)] },
  loader: ({ context }) => void context.queryClient.prefetchQuery(pricingSummaryQuery()),
  component: PricingPage,
})

function PricingPage() {
  const { q } = Route.useSearch()
  const navigate = Route.useNavigate()
  const summary = useQuery({ ...pricingSummaryQuery(), select: priceListOf })
  const handleSearch = useCallback(
    (next: string) => void navigate({ search: { q: next }, replace: true }),
    [navigate],
  )
  return (
    <section className="grid gap-6" aria-labelledby="pricing-title">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="grid gap-1">
          <h2 id="pricing-title" className="text-xl font-semibold tracking-tight">
            Price list
          </h2>
          <p className="max-w-prose text-sm text-muted-foreground">
            What each kind of call costs, live from the cloud. Every call is charged in US dollars
            from your balance.
          </p>
        </div>
        <SearchField
          value={q}
          onSearch={handleSearch}
          label="Search prices"
          placeholder="Search prices"
          debounceMs={250}
          className="w-full sm:w-64"
        />
      </div>
      {summary.isPending ? (
        <div className="grid gap-2 sm:grid-cols-2" aria-busy="true" aria-label="Loading prices">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-28 rounded-xl" />
          ))}
        </div>
      ) : summary.isError ? (
        <ErrorState
          error={summary.error}
          onRetry={() => void summary.refetch()}
          isRetrying={summary.isFetching}
          size="page"
          headingLevel={3}
        />
      ) : (
        <PriceList summary={summary.data} q={q} onClearSearch={() => handleSearch('')} />
      )}
    </section>
  )
}
