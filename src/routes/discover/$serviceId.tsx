import {
  createFileRoute,
  Link,
  notFound,
  stripSearchParams,
  type SearchSchemaInput,
} from '@tanstack/react-router'
import { ArrowLeft } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { agentCardQuery } from '@/features/discover/api/queries'
import { AgentService, ServiceSkeleton } from '@/features/discover/components/agent-service'
import { McpService } from '@/features/discover/components/mcp-service'
import { oneOf, text } from '@/lib/search-params'

type ServiceSearch = { type: 'agent' | 'mcp'; name: string; try: boolean }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const Route = createFileRoute('/discover/$serviceId')({
  params: {
    parse: ({ serviceId }) => {
      // The cloud answers a non-UUID id with a bare 500: refuse it before any request.
      if (!UUID.test(serviceId)) throw notFound()
      return { serviceId: serviceId.toLowerCase() }
    },
    stringify: ({ serviceId }) => ({ serviceId }),
  },
  validateSearch: (
    s: Partial<Record<keyof ServiceSearch, unknown>> & SearchSchemaInput,
  ): ServiceSearch => ({
    type: oneOf(s.type, ['agent', 'mcp'], 'agent'),
    name: text(s.name, '', { trim: true, max: 200 }),
    try: s.try === true || s.try === 'true',
  }),
  search: { middlewares: [stripSearchParams({ try: false })] },
  loaderDeps: ({ search }) => ({ type: search.type }),
  loader: ({ context, params, deps }) => {
    if (deps.type === 'agent')
      void context.queryClient.prefetchQuery(agentCardQuery(params.serviceId))
  },
  pendingComponent: ServicePending,
  component: ServicePage,
})

function BackLink() {
  return (
    <Button asChild variant="ghost" size="sm" className="w-fit">
      <Link to="/discover">
        <ArrowLeft aria-hidden />
        Discover
      </Link>
    </Button>
  )
}

function ServicePending() {
  return (
    <div className="grid gap-4">
      <BackLink />
      <ServiceSkeleton />
    </div>
  )
}

function ServicePage() {
  const { serviceId } = Route.useParams()
  const search = Route.useSearch()
  const navigate = Route.useNavigate()
  return (
    <div className="grid grid-cols-1 gap-4">
      <BackLink />
      {search.type === 'agent' ? (
        <AgentService
          agentId={serviceId}
          nameHint={search.name}
          isTryOpen={search.try}
          onTryOpenChange={(open) =>
            void navigate({ search: (s) => ({ ...s, try: open }), replace: true })
          }
          onForked={(id) => void navigate({ to: '/agents/$agentId', params: { agentId: id } })}
          backLink={<BackLink />}
        />
      ) : (
        <McpService serviceId={serviceId} nameHint={search.name} backLink={<BackLink />} />
      )}
    </div>
  )
}
