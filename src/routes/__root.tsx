import type { QueryClient } from '@tanstack/react-query'
import { lazy, Suspense } from 'react'
import { createRootRouteWithContext, Outlet } from '@tanstack/react-router'
import { AppShell } from '@/components/app-shell'
import { CommandPaletteProvider } from '@/components/command-palette'
import { LazyBoundary } from '@/components/lazy-boundary'
import { NotFound } from '@/components/not-found'
import { ServerConnectionStatus } from '@/components/server-connection-status'
import { ShellCommands } from '@/components/shell-commands'
import { LazyToaster } from '@/components/toast'
import { balanceQuery } from '@/features/billing/api/queries'
import { BalanceIndicator } from '@/features/billing/components/balance-indicator'
import { consoleInfoQuery } from '@/api/console-info/queries'
import { waitAtMost } from '@/lib/wait-at-most'
import { UpstreamBadge } from '@/features/overview/components/upstream-badge'

export type RouterContext = { queryClient: QueryClient }

export const Route = createRootRouteWithContext<RouterContext>()({
  // The header's upstream badge and balance paint with their values, not a skeleton that then
  // resizes (layout shift), unless they take over a second (an upstream that does not answer:
  // the badge's probe may wait 5 s); a failure shows in them, never as a route error.
  loader: ({ context: { queryClient } }) =>
    waitAtMost(
      1000,
      Promise.all([
        queryClient.prefetchQuery(consoleInfoQuery()),
        queryClient.prefetchQuery(balanceQuery()),
      ]),
    ),
  component: RootLayout,
  notFoundComponent: NotFound,
})

function RootLayout() {
  return (
    <CommandPaletteProvider
      whenOpened={
        <LazyBoundary fallback={null}>
          <Suspense fallback={null}>
            <PaletteCommands />
          </Suspense>
        </LazyBoundary>
      }
    >
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
      <ServerConnectionStatus />
      <LazyToaster />
    </CommandPaletteProvider>
  )
}

// The features' own palette commands ("New chat", "New agent", "New image", …) load in one chunk
// the first time the palette opens, so none of them weighs on the first page.
const PaletteCommands = lazy(() =>
  import('./-palette-commands').then((m) => ({ default: m.PaletteCommands })),
)
