import { useQuery } from '@tanstack/react-query'
import { createFileRoute, Link, type SearchSchemaInput } from '@tanstack/react-router'
import { ArrowLeft } from 'lucide-react'
import { useCallback, useRef, useState } from 'react'
import { ErrorState } from '@/components/error-state'
import { UnsavedChangesGuard } from '@/components/unsaved-changes-dialog'
import { Skeleton } from '@/components/ui/skeleton'
import { balanceQuery } from '@/features/billing/api/queries'
import { containerQuery, containerQuotaQuery } from '@/features/containers/api/detail-queries'
import { DeployPage } from '@/features/containers/components/deploy-page'
import { optionalText } from '@/lib/search-params'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

// `?from=<id>`: Redeploy, prefilled from that container. Anything else is a new deploy.
const validateSearch = (search: { from?: string } & SearchSchemaInput) => ({
  from: optionalText(search.from, { pattern: UUID })?.toLowerCase(),
})

export const Route = createFileRoute('/containers/new')({
  validateSearch,
  loaderDeps: ({ search }) => ({ from: search.from }),
  loader: ({ context, deps }) => {
    void context.queryClient.prefetchQuery(containerQuotaQuery())
    void context.queryClient.prefetchQuery(balanceQuery())
    if (deps.from) void context.queryClient.prefetchQuery(containerQuery(deps.from))
  },
  component: NewContainerPage,
})

function BackToContainers() {
  return (
    <Link
      to="/containers"
      className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
    >
      <ArrowLeft aria-hidden className="size-4" />
      Containers
    </Link>
  )
}

function NewContainerPage() {
  const { from } = Route.useSearch()
  const navigate = Route.useNavigate()
  const [hasUnsaved, setHasUnsaved] = useState(false)
  const isLeavingOnPurpose = useRef(false)
  const handleDeployed = useCallback(
    (containerId: string) => {
      isLeavingOnPurpose.current = true
      void navigate({ to: '/containers/$containerId', params: { containerId } })
    },
    [navigate],
  )
  const source = useQuery({ ...containerQuery(from ?? ''), enabled: from !== undefined })

  let body
  if (from && source.isPending) {
    body = (
      <div className="grid gap-4" role="status" aria-label="Loading the container to redeploy">
        <Skeleton className="h-8 w-72" />
        <Skeleton className="h-64 rounded-xl" />
      </div>
    )
  } else if (from && source.isError) {
    body = (
      <div className="grid gap-4">
        <BackToContainers />
        <ErrorState
          error={source.error}
          onRetry={() => void source.refetch()}
          isRetrying={source.isRefetching}
          size="page"
          headingLevel={1}
        />
      </div>
    )
  } else {
    body = (
      <DeployPage
        key={from ?? 'new'}
        from={from ? (source.data ?? null) : null}
        backLink={<BackToContainers />}
        onDeployed={handleDeployed}
        onUnsavedChange={setHasUnsaved}
      />
    )
  }

  return (
    <>
      {body}
      <UnsavedChangesGuard
        shouldBlock={() => hasUnsaved && !isLeavingOnPurpose.current}
        description="The values of environment variables you typed are not kept in the draft; everything else is."
      />
    </>
  )
}
