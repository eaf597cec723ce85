import type { ReactNode } from 'react'
import { SkipLink } from '@/components/ui/skip-link'
import { AppHeader } from './app-header'
import { AppSidebar } from './app-sidebar'
import { NavProgress } from './nav-progress'

type AppShellProps = {
  /** Live status for the header (upstream badge, balance); composed by the root route. */
  status?: ReactNode
  children: ReactNode
}

export function AppShell({ status, children }: AppShellProps) {
  return (
    <>
      <SkipLink targetId="main">Skip to content</SkipLink>
      <NavProgress />
      <div className="flex min-h-dvh">
        <AppSidebar />
        <div className="flex min-w-0 flex-1 flex-col">
          <AppHeader status={status} />
          <main
            id="main"
            tabIndex={-1}
            className="flex-1 px-4 py-6 outline-none sm:px-6 md:px-8 md:py-8"
          >
            <div className="mx-auto w-full max-w-6xl">{children}</div>
          </main>
        </div>
      </div>
    </>
  )
}
