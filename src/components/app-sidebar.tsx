import { Link } from '@tanstack/react-router'
import { Cloud, ExternalLink } from 'lucide-react'
import { cn } from '@/lib/cn'
import { DASHBOARD_URL, NAV_ITEMS, type NavItem } from './nav-items'

export function Brand({ className }: { className?: string }) {
  return (
    <span className={cn('flex items-center gap-2.5', className)}>
      <span className="flex size-7 items-center justify-center rounded-lg bg-primary text-primary-foreground shadow-card">
        <Cloud aria-hidden className="size-4" strokeWidth={2.5} />
      </span>
      <span className="flex flex-col leading-none">
        <span className="text-sm font-semibold tracking-tight text-foreground">elizaOS Cloud</span>
        <span className="mt-0.5 text-[11px] font-medium text-muted-foreground">Console</span>
      </span>
    </span>
  )
}

type SidebarNavProps = {
  /** Called after a link is followed (the mobile sheet closes itself). */
  onNavigate?: () => void
}

function groupBySection(items: readonly NavItem[]) {
  const groups = new Map<string, NavItem[]>()
  for (const item of items) {
    const key = item.section ?? ''
    groups.set(key, [...(groups.get(key) ?? []), item])
  }
  return [...groups.entries()]
}

export function SidebarNav({ onNavigate }: SidebarNavProps) {
  return (
    <nav aria-label="Main" className="flex flex-col gap-5 px-3">
      {groupBySection(NAV_ITEMS).map(([section, items]) => (
        <div key={section || 'main'} className="flex flex-col gap-1">
          {section ? (
            <p className="px-2.5 pb-1 text-[11px] font-semibold tracking-wider text-muted-foreground uppercase">
              {section}
            </p>
          ) : null}
          <ul className="flex flex-col gap-0.5">
            {items.map(({ to, label, icon: Icon }) => (
              <li key={to}>
                <Link
                  to={to}
                  onClick={onNavigate}
                  activeOptions={{ exact: to === '/' }}
                  className="group flex h-9 items-center gap-2.5 rounded-md px-2.5 text-sm font-medium text-sidebar-foreground transition-colors outline-none hover:bg-sidebar-accent hover:text-sidebar-accent-foreground focus-visible:ring-2 focus-visible:ring-ring data-[status=active]:bg-sidebar-accent data-[status=active]:text-sidebar-accent-foreground"
                >
                  <Icon
                    aria-hidden
                    className="size-4 text-muted-foreground group-hover:text-sidebar-accent-foreground group-data-[status=active]:text-primary"
                  />
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  )
}

export function SidebarFooter() {
  return (
    <div className="mt-auto px-3 pb-4">
      <a
        href={DASHBOARD_URL}
        target="_blank"
        rel="noreferrer"
        className="flex h-9 items-center gap-2.5 rounded-md px-2.5 text-sm text-muted-foreground transition-colors outline-none hover:bg-sidebar-accent hover:text-sidebar-accent-foreground focus-visible:ring-2 focus-visible:ring-ring"
      >
        <ExternalLink aria-hidden className="size-4" />
        Cloud dashboard
        <span className="sr-only">(opens in a new tab)</span>
      </a>
    </div>
  )
}

/** The desktop sidebar (≥ 768 px). Below that the same nav lives in a sheet (MobileNav). */
export function AppSidebar() {
  return (
    <aside className="hidden w-60 shrink-0 border-r border-sidebar-border bg-sidebar md:block">
      <div className="sticky top-0 flex h-dvh flex-col">
        <div className="flex h-14 items-center px-5">
          <Link
            to="/"
            className="rounded-md outline-none focus-visible:ring-2 focus-visible:ring-ring"
            aria-label="elizaOS Cloud Console, Overview"
          >
            <Brand />
          </Link>
        </div>
        <div className="flex flex-1 flex-col gap-4 overflow-y-auto pt-3">
          <SidebarNav />
          <SidebarFooter />
        </div>
      </div>
    </aside>
  )
}
