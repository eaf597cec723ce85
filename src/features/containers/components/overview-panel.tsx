import { ExternalLink } from 'lucide-react'
import type { ReactNode } from 'react'
import { CopyButton } from '@/components/copy-button'
import { formatRelativeTime, formatUsd } from '@/lib/format'
import type { ContainerDetail } from '../api/detail-schemas'
import { dailyCost } from '../api/pricing'
import { HealthCheck } from './health-check'
import { formatCpu, formatMemory } from './status-badge'

const BILLING: Record<string, string> = {
  active: 'Active',
  warning: 'Warning',
  shutdown_pending: 'Shutdown pending: the balance does not cover the daily charge',
  suspended: 'Suspended (stopped for lack of funds)',
}

/** The container's facts (image, size, billing) and the on-demand health check. */
export function OverviewPanel({ container: c }: { container: ContainerDetail }) {
  const perDay =
    c.cpu !== null && c.memory !== null && c.instances !== null
      ? dailyCost({ cpu: c.cpu, memory: c.memory, instances: c.instances })
      : null
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,22rem)]">
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        <Fact label="Image" wide>
          {c.imageUri ? (
            <span className="flex items-start gap-1">
              <span className="min-w-0 font-mono text-xs break-all">{c.imageUri}</span>
              <CopyButton text={c.imageUri} label="Copy image" compact />
            </span>
          ) : (
            '—'
          )}
        </Fact>
        <Fact label="Project">
          <span className="font-mono text-xs">{c.projectName ?? '—'}</span>
        </Fact>
        <Fact label="Architecture">{c.architecture ?? '—'}</Fact>
        <Fact label="CPU · memory">
          {formatCpu(c.cpu)} ({c.cpu ?? '—'} units) · {formatMemory(c.memory)}
        </Fact>
        <Fact label="Instances · port">
          {c.instances ?? '—'} · {c.port ?? '—'}
        </Fact>
        <Fact label="Health check path">
          <span className="font-mono text-xs">{c.healthCheckPath ?? '/health'}</span>
        </Fact>
        <Fact label="Stack" wide>
          <span className="font-mono text-xs break-all">{c.stackName ?? '—'}</span>
        </Fact>
        <Fact label="Created">
          {c.createdAt ? (
            <time dateTime={c.createdAt} title={new Date(c.createdAt).toLocaleString()}>
              {formatRelativeTime(c.createdAt)}
            </time>
          ) : (
            '—'
          )}
        </Fact>
        <Fact label="Billing">
          {BILLING[c.billingStatus ?? ''] ?? c.billingStatus ?? '—'}
          {perDay !== null ? ` · ${formatUsd(perDay)}/day while running` : ''}
        </Fact>
        <Fact label="Billed so far">
          {c.totalBilled !== null ? formatUsd(c.totalBilled) : '—'}
          {c.nextBillingAt && c.status === 'running'
            ? ` · next charge ${formatRelativeTime(c.nextBillingAt)}`
            : ''}
        </Fact>
        {c.scheduledShutdownAt ? (
          <Fact label="Scheduled shutdown">{new Date(c.scheduledShutdownAt).toLocaleString()}</Fact>
        ) : null}
        {c.deploymentLog && c.deploymentLog !== c.errorMessage ? (
          <Fact label="Deployment log" wide>
            <span className="text-xs wrap-anywhere text-muted-foreground">{c.deploymentLog}</span>
          </Fact>
        ) : null}
      </dl>
      <div className="self-start rounded-lg border border-border p-4">
        <HealthCheck
          containerId={c.id}
          status={c.status}
          url={c.url}
          healthCheckPath={c.healthCheckPath}
          lastHealthCheck={c.lastHealthCheck}
        />
      </div>
    </div>
  )
}

function Fact({ label, wide, children }: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? 'grid gap-0.5 sm:col-span-2' : 'grid gap-0.5'}>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  )
}

/** The public URL as a link, or why there is none yet. */
export function ContainerUrl({ url, status }: { url: string | null; status: string }) {
  if (!url) {
    return (
      <span className="text-sm text-muted-foreground">
        {status === 'failed' ? 'No URL: the deployment failed' : 'A URL is assigned when it runs'}
      </span>
    )
  }
  return (
    <a
      href={url}
      target="_blank"
      rel="noreferrer"
      className="inline-flex min-w-0 items-center gap-1 text-sm font-medium text-primary hover:underline"
    >
      <span className="truncate">{url}</span>
      <ExternalLink aria-hidden className="size-3.5 shrink-0" />
      <span className="sr-only">(opens in a new tab)</span>
    </a>
  )
}
