import {
  createFileRoute,
  Link,
  notFound,
  stripSearchParams,
  type SearchSchemaInput,
} from '@tanstack/react-router'
import { ArrowLeft } from 'lucide-react'
import { useCallback, type ReactNode } from 'react'
import { buttonVariants } from '@/components/ui/button'
import { containerQuery } from '@/features/containers/api/detail-queries'
import { DETAIL_TABS, LOG_LEVELS, type DetailTab } from '@/features/containers/lib/search-params'
import {
  ContainerDetailPage,
  ContainerDetailSkeleton,
} from '@/features/containers/components/container-detail'
import type { LogFilters } from '@/features/containers/components/log-viewer'
import { cn } from '@/lib/cn'
import { oneOf, text } from '@/lib/search-params'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

type DetailSearch = { tab: DetailTab } & LogFilters
const defaults: DetailSearch = { tab: 'overview', level: '', q: '' }

const validateSearch = (search: Partial<DetailSearch> & SearchSchemaInput): DetailSearch => ({
  tab: oneOf(search.tab, DETAIL_TABS, defaults.tab),
  level: oneOf(search.level, ['', ...LOG_LEVELS], defaults.level),
  q: text(search.q, defaults.q, { max: 200 }),
})

export const Route = createFileRoute('/containers/$containerId')({
  // A non-UUID id is a 500 with a raw database error on the cloud (docs/containers.md): refuse
  // it before any request.
  params: {
    parse: ({ containerId }) => {
      if (!UUID.test(containerId)) throw notFound()
      return { containerId: containerId.toLowerCase() }
    },
    stringify: ({ containerId }) => ({ containerId }),
  },
  validateSearch,
  search: { middlewares: [stripSearchParams(defaults)] },
  loader: ({ context, params }) =>
    context.queryClient.ensureQueryData(containerQuery(params.containerId)),
  pendingComponent: ContainerDetailSkeleton,
  component: ContainerPage,
})

function ContainerPage() {
  const { containerId } = Route.useParams()
  const { tab, level, q } = Route.useSearch()
  const navigate = Route.useNavigate()
  const handleTab = useCallback(
    (next: DetailTab) => void navigate({ search: (s) => ({ ...s, tab: next }), replace: true }),
    [navigate],
  )
  const handleLogFilters = useCallback(
    (patch: Partial<LogFilters>) =>
      void navigate({ search: (s) => ({ ...s, ...patch }), replace: true }),
    [navigate],
  )
  const redeployLink = useCallback(
    (children: ReactNode, variant: 'button' | 'inline' = 'button') => (
      <Link
        to="/containers/new"
        search={{ from: containerId }}
        className={
          variant === 'button'
            ? cn(buttonVariants({ variant: 'outline', size: 'sm' }))
            : 'font-medium text-primary underline-offset-4 hover:underline'
        }
      >
        {children}
      </Link>
    ),
    [containerId],
  )
  return (
    <ContainerDetailPage
      containerId={containerId}
      tab={tab}
      onTabChange={handleTab}
      logFilters={{ level, q }}
      onLogFiltersChange={handleLogFilters}
      redeployLink={redeployLink}
      backLink={
        <Link
          to="/containers"
          className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
        >
          <ArrowLeft aria-hidden className="size-4" />
          Containers
        </Link>
      }
      onDeleted={() => void navigate({ to: '/containers' })}
    />
  )
}
