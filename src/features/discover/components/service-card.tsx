import { BadgeCheck, Bot, Server } from 'lucide-react'
import { memo, type ReactNode } from 'react'
import { Badge } from '@/components/ui/badge'
import { cn } from '@/lib/cn'
import type { Service, ServicePricing } from '../api/schemas'

/** "Free", "25.00% markup", "1 credit / request", "$0.005 / request (x402)". */
export function pricingLabel(p: ServicePricing): string {
  if (p.type === 'free') return 'Free'
  if (p.description) return p.description
  if (p.amount !== undefined)
    return `${p.amount} ${p.type === 'x402' ? 'USD' : 'credits'} per request`
  return p.type === 'subscription' ? 'Subscription' : 'Paid'
}

/** The avatar, or a type icon when the service has none. Decorative: the name is shown. */
export function ServiceAvatar({
  service,
  className,
}: {
  service: Pick<Service, 'type' | 'image'>
  className?: string
}) {
  if (service.image) {
    return (
      <img
        src={service.image}
        alt=""
        loading="lazy"
        className={cn('size-10 shrink-0 rounded-lg bg-muted object-cover', className)}
      />
    )
  }
  const Icon = service.type === 'agent' ? Bot : Server
  return (
    <span
      aria-hidden
      className={cn(
        'flex size-10 shrink-0 items-center justify-center rounded-lg bg-muted text-muted-foreground',
        className,
      )}
    >
      <Icon className="size-5" />
    </span>
  )
}

export function TypeBadge({ type }: { type: Service['type'] }) {
  return <Badge variant="outline">{type === 'agent' ? 'Agent' : 'MCP server'}</Badge>
}

/** One directory entry: name (the link), type, pricing, verified, what it offers, "Yours". */
export const ServiceCard = memo(function ServiceCard({
  service,
  isYours,
  renderLink,
}: {
  service: Service
  isYours: boolean
  renderLink: (service: Service, children: ReactNode) => ReactNode
}) {
  const offers = service.type === 'mcp' ? service.mcpTools : service.a2aSkills
  return (
    <article className="relative flex h-full min-w-0 gap-3 overflow-hidden rounded-xl border bg-card p-4 shadow-card transition-colors focus-within:ring-2 focus-within:ring-ring hover:bg-accent/40">
      <ServiceAvatar service={service} />
      <div className="grid min-w-0 flex-1 content-start gap-1">
        <div className="flex min-w-0 items-center gap-2">
          <h2 className="min-w-0 truncate text-sm font-semibold">
            {renderLink(service, service.name)}
          </h2>
          <TypeBadge type={service.type} />
          {isYours ? <Badge variant="info">Yours</Badge> : null}
        </div>
        <p className="line-clamp-2 h-10 text-sm text-muted-foreground">
          {service.description || 'No description.'}
        </p>
        <p className="flex min-w-0 items-center gap-1.5 text-xs text-muted-foreground">
          <span
            className={cn(
              'truncate font-medium',
              service.pricing.type === 'free' ? 'text-success' : 'text-foreground',
            )}
          >
            {pricingLabel(service.pricing)}
          </span>
          {service.x402Support ? <Badge variant="warning">x402</Badge> : null}
          {service.verified ? (
            <Badge variant="success">
              <BadgeCheck aria-hidden />
              Verified
            </Badge>
          ) : null}
          {service.category ? <span className="shrink-0">· {service.category}</span> : null}
        </p>
        {offers.length > 0 ? (
          <p className="truncate text-xs text-muted-foreground">
            {service.type === 'mcp' ? 'Tools' : 'Skills'}:{' '}
            <span className="font-mono">{offers.join(', ')}</span>
          </p>
        ) : null}
      </div>
    </article>
  )
})
