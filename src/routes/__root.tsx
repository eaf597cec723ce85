import type { QueryClient } from '@tanstack/react-query'
import { createRootRouteWithContext, Outlet } from '@tanstack/react-router'
import { AppShell } from '@/components/app-shell'
import { CommandPaletteProvider } from '@/components/command-palette'
import { NotFound } from '@/components/not-found'
import { ShellCommands } from '@/components/shell-commands'
import { LazyToaster } from '@/components/toast'
import { BalanceIndicator } from '@/features/billing/components/balance-indicator'
import { UpstreamBadge } from '@/features/overview/components/upstream-badge'

export type RouterContext = { queryClient: QueryClient }

export const Route = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFound,
})

function RootLayout() {
  return (
    <CommandPaletteProvider>
      <ShellCommands />
      <AppShell
        status={
          <>
            <UpstreamBadge />
            <BalanceIndicator />
          </>
        }
      >
        <Outlet />
      </AppShell>
      <LazyToaster />
    </CommandPaletteProvider>
  )
}
