import {
  createFileRoute,
  Link,
  stripSearchParams,
  type SearchSchemaInput,
} from '@tanstack/react-router'
import { MessagesSquare } from 'lucide-react'
import { useCallback } from 'react'
import { Button } from '@/components/ui/button'
import { balanceQuery } from '@/features/billing/api/queries'
import {
  usageModelsQuery,
  usageProvidersQuery,
  usageSeriesQuery,
} from '@/features/usage/api/queries'
import {
  DAY_PATTERN,
  DEFAULT_FILTERS,
  effectiveGranularity,
  GRANULARITIES,
  lastWeek,
  RANGES,
  resolveRange,
  type UsageFilters,
} from '@/features/usage/api/range'
import { UsagePage } from '@/features/usage/components/usage-page'
import { oneOf, text } from '@/lib/search-params'

// A hand-edited URL degrades to the defaults (docs/architecture.md §6); every key is optional in links.
const validateSearch = (search: Partial<UsageFilters> & SearchSchemaInput): UsageFilters => ({
  range: oneOf(search.range, RANGES, DEFAULT_FILTERS.range),
  from: text(search.from, '', { pattern: DAY_PATTERN }),
  to: text(search.to, '', { pattern: DAY_PATTERN }),
  granularity: oneOf(search.granularity, GRANULARITIES, DEFAULT_FILTERS.granularity),
  view: oneOf(search.view, ['chart', 'table'] as const, DEFAULT_FILTERS.view),
})

export const Route = createFileRoute('/usage/')({
  validateSearch,
  search: { middlewares: [stripSearchParams(DEFAULT_FILTERS)] },
  loaderDeps: ({ search }) => search,
  loader: ({ context: { queryClient }, deps }) => {
    // Every card's data, side by side, so the page paints once, complete (a card that grew after
    // its skeleton moved the cards below: a layout shift). Each card shows its own error.
    const now = new Date()
    const range = resolveRange(deps, now)
    const week = lastWeek(now)
    const granularity = range.ok ? effectiveGranularity(deps.granularity, range.days) : null
    return Promise.all([
      ...(range.ok && granularity
        ? [
            queryClient.prefetchQuery(usageSeriesQuery(range.window, granularity)),
            queryClient.prefetchQuery(usageModelsQuery(range.window)),
            queryClient.prefetchQuery(usageProvidersQuery(range.window)),
          ]
        : []),
      ...(week.ok ? [queryClient.prefetchQuery(usageSeriesQuery(week.window, 'day'))] : []),
      queryClient.prefetchQuery(balanceQuery()),
    ])
  },
  component: UsageRoute,
})

function UsageRoute() {
  const filters = Route.useSearch()
  const navigate = Route.useNavigate()
  const handleChange = useCallback(
    (patch: Partial<UsageFilters>) => {
      void navigate({
        search: (s) => {
          const next = { ...s, ...patch }
          // Switching to a custom range starts from the last 30 days rather than empty dates.
          if (patch.range === 'custom' && !s.from && !s.to) {
            const range = resolveRange({ ...next, range: '30d' }, new Date())
            if (range.ok) return { ...next, from: range.from, to: range.to }
          }
          return next
        },
        replace: true,
      })
    },
    [navigate],
  )
  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Usage</h1>
        <p className="text-sm text-muted-foreground">
          Where the money went: cost and requests over time, by model and by provider.
        </p>
      </div>
      <UsagePage
        filters={filters}
        onChange={handleChange}
        emptyAction={
          <Button asChild>
            <Link to="/chat">
              <MessagesSquare aria-hidden />
              Open Chat
            </Link>
          </Button>
        }
      />
    </div>
  )
}
