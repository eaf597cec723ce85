import { useSuspenseQuery } from '@tanstack/react-query'
import { RefreshCw } from 'lucide-react'
import { useState, type ReactNode } from 'react'
import { toast } from '@/components/toast'
import { Card, CardContent } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs'
import { formatUsd } from '@/lib/format'
import { containerQuery } from '../api/detail-queries'
import { DETAIL_TABS, type DetailTab } from '../lib/search-params'
import { useLogStreamStore } from '../hooks/log-stream-store'
import { DeleteContainer } from './delete-container'
import { DeploymentsPanel } from './deployments-panel'
import { EnvPanel } from './env-panel'
import { LogViewer, type LogFilters } from './log-viewer'
import { MetricsPanel } from './metrics-panel'
import { ContainerUrl, OverviewPanel } from './overview-panel'
import { SettingsPanel } from './settings-panel'
import { ContainerStatusBadge } from './status-badge'
import { StatusTimeline } from './status-timeline'

const TAB_LABEL: Record<DetailTab, string> = {
  overview: 'Overview',
  logs: 'Logs',
  metrics: 'Metrics',
  deployments: 'Deployments',
  environment: 'Environment',
  settings: 'Settings',
}

type ContainerDetailPageProps = {
  containerId: string
  tab: DetailTab
  onTabChange: (tab: DetailTab) => void
  logFilters: LogFilters
  onLogFiltersChange: (patch: Partial<LogFilters>) => void
  backLink: ReactNode
  /** A link to the deploy form prefilled from this container ("Redeploy"). */
  redeployLink: (children: ReactNode, variant?: 'button' | 'inline') => ReactNode
  onDeleted: () => void
}

/**
 * `/containers/$containerId`: status timeline, URL, and tabs for the facts and health check,
 * live logs, metrics, deployments, environment variables and settings. The container query
 * polls while it moves, so everything follows without a reload.
 */
export function ContainerDetailPage({
  containerId,
  tab,
  onTabChange,
  logFilters,
  onLogFiltersChange,
  backLink,
  redeployLink,
  onDeleted,
}: ContainerDetailPageProps) {
  const { data: c } = useSuspenseQuery(containerQuery(containerId))
  const hasService = c.serviceArn !== null
  // The stream starts when the logs are first opened and runs while the page is open, so
  // switching tabs keeps the lines.
  const [logsOpened, setLogsOpened] = useState(tab === 'logs')
  if (tab === 'logs' && !logsOpened) setLogsOpened(true)
  const logStore = useLogStreamStore(c.id, logsOpened && hasService)

  return (
    <div className="grid gap-6">
      <div className="grid gap-3">
        {backLink}
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="grid min-w-0 gap-1">
            <div className="flex flex-wrap items-center gap-3">
              <h1 className="truncate text-2xl font-semibold tracking-tight">{c.name}</h1>
              <ContainerStatusBadge status={c.status} />
            </div>
            <ContainerUrl url={c.url} status={c.status} />
          </div>
          <div className="flex flex-wrap items-center gap-2">
            {redeployLink(
              <>
                <RefreshCw aria-hidden />
                Redeploy
              </>,
            )}
            <DeleteContainer
              container={c}
              onDeleted={(refund) => {
                toast.success(
                  refund > 0
                    ? `Deleted “${c.name}”; ${formatUsd(refund)} refunded`
                    : `Deleted “${c.name}”`,
                )
                onDeleted()
              }}
            />
          </div>
        </div>
      </div>

      <Card>
        <CardContent className="pt-5">
          <StatusTimeline status={c.status} errorMessage={c.errorMessage} />
        </CardContent>
      </Card>

      <Tabs value={tab} onValueChange={(v) => onTabChange(v as DetailTab)}>
        <TabsList aria-label="Container sections" className="flex-wrap">
          {DETAIL_TABS.map((t) => (
            <TabsTrigger key={t} value={t}>
              {TAB_LABEL[t]}
            </TabsTrigger>
          ))}
        </TabsList>
        <TabsContent value="overview">
          <OverviewPanel container={c} />
        </TabsContent>
        <TabsContent value="logs">
          {hasService ? (
            <LogViewer
              store={logStore}
              containerName={c.name}
              filters={logFilters}
              onFiltersChange={onLogFiltersChange}
            />
          ) : (
            <NotYet what="Logs" />
          )}
        </TabsContent>
        <TabsContent value="metrics">
          <MetricsPanel containerId={c.id} hasService={hasService} />
        </TabsContent>
        <TabsContent value="deployments">
          <DeploymentsPanel containerId={c.id} />
        </TabsContent>
        <TabsContent value="environment">
          <EnvPanel
            env={c.env}
            redeployLink={redeployLink('Redeploy with other variables', 'inline')}
          />
        </TabsContent>
        <TabsContent value="settings">
          <SettingsPanel container={c} redeployLink={redeployLink('Redeploy', 'inline')} />
        </TabsContent>
      </Tabs>
    </div>
  )
}

function NotYet({ what }: { what: string }) {
  return (
    <div
      role="log"
      aria-label="Logs"
      className="rounded-lg border border-dashed px-4 py-8 text-center"
    >
      <p className="text-sm font-medium">{what} appear once the container runs</p>
      <p className="text-sm text-muted-foreground">
        The cloud has no log stream before the container’s service exists. This page follows the
        deployment and starts streaming as soon as it can.
      </p>
    </div>
  )
}

export function ContainerDetailSkeleton() {
  return (
    <div className="grid gap-6" role="status" aria-label="Loading container">
      <div className="grid gap-2">
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-4 w-80" />
      </div>
      <Skeleton className="h-24 rounded-xl" />
      <Skeleton className="h-9 w-full max-w-xl" />
      <Skeleton className="h-80 rounded-xl" />
    </div>
  )
}
