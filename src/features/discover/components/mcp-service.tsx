import { BadgeCheck, SearchX, Wrench } from 'lucide-react'
import { EmptyState } from '@/components/empty-state'
import { ClientConfigPanel } from '@/components/client-config-panel'
import { ErrorState } from '@/components/error-state'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { useConsoleLink, useKeyVariable } from '@/api/console-info/queries'
import { ServiceSkeleton, useDirectoryRecord } from './agent-service'
import { pricingLabel, ServiceAvatar, TypeBadge } from './service-card'

/**
 * A public MCP server. The cloud has no per-server detail route, so everything here comes from
 * its directory record (docs/discover.md §MCP servers), found by the name in the link.
 */
export function McpService({
  serviceId,
  nameHint,
  backLink,
}: {
  serviceId: string
  nameHint: string
  backLink: React.ReactNode
}) {
  const directory = useDirectoryRecord('mcp', serviceId, nameHint)
  const keyVariable = useKeyVariable()
  const link = useConsoleLink()
  if (!nameHint)
    return (
      <EmptyState
        size="page"
        icon={SearchX}
        title="Open this server from the directory"
        description="There is no lookup of an MCP server by id in the cloud; the directory link carries its name."
        action={backLink}
      />
    )
  if (directory.query.isPending) return <ServiceSkeleton />
  if (directory.query.error)
    return (
      <ErrorState
        error={directory.query.error}
        size="page"
        headingLevel={2}
        onRetry={() => void directory.query.refetch()}
        isRetrying={directory.query.isRefetching}
      />
    )
  const s = directory.record
  if (!s)
    return (
      <EmptyState
        size="page"
        icon={SearchX}
        title="This MCP server is not in the directory"
        description="It may have been made private, or is not live. Results may be up to 3 minutes old."
        action={backLink}
      />
    )
  return (
    <div className="grid grid-cols-1 gap-6">
      <header className="flex flex-wrap items-start gap-4">
        <ServiceAvatar service={s} className="size-16" />
        <div className="grid min-w-0 flex-1 basis-60 gap-1.5">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold">{s.name}</h1>
            <TypeBadge type="mcp" />
            {s.verified ? (
              <Badge variant="success">
                <BadgeCheck aria-hidden />
                Verified
              </Badge>
            ) : null}
            {s.x402Support ? <Badge variant="warning">x402</Badge> : null}
            <Badge variant="secondary">{pricingLabel(s.pricing)}</Badge>
          </div>
          <p className="text-sm text-muted-foreground">{s.description || 'No description.'}</p>
          <p className="text-xs text-muted-foreground">
            {[s.category, s.tags.length ? `Tags: ${s.tags.join(', ')}` : null]
              .filter(Boolean)
              .join(' · ')}
          </p>
        </div>
      </header>
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <div className="grid gap-1">
              <CardTitle>Tools</CardTitle>
              <CardDescription>As the directory lists them (names only).</CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            {s.mcpTools.length > 0 ? (
              <ul aria-label="Tools" className="grid gap-2">
                {s.mcpTools.map((t) => (
                  <li key={t} className="flex items-center gap-2 rounded-lg border px-3 py-2">
                    <Wrench aria-hidden className="size-4 text-muted-foreground" />
                    <code className="font-mono text-sm">{t}</code>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-muted-foreground">The directory lists no tools.</p>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <div className="grid gap-1">
              <CardTitle>Connect a client</CardTitle>
              <CardDescription>The endpoint and MCP configurations.</CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            <ClientConfigPanel
              name={s.name}
              mcpEndpoint={s.mcpEndpoint}
              keyVariable={keyVariable}
              link={link}
            />
          </CardContent>
        </Card>
      </div>
    </div>
  )
}
