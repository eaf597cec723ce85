import type { QueryClient } from '@tanstack/react-query'
import { lazy, Suspense, useCallback } from 'react'
import { createRootRouteWithContext, Outlet, useNavigate } from '@tanstack/react-router'
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
    <CommandPaletteProvider
      whenOpened={
        <Suspense fallback={null}>
          <RootChatCommands />
        </Suspense>
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
      <LazyToaster />
    </CommandPaletteProvider>
  )
}

// "New chat" and "Chat with <agent>" need the agent list: loaded when the palette first opens.
const ChatCommands = lazy(() =>
  import('@/features/chat/components/chat-commands').then((m) => ({ default: m.ChatCommands })),
)

function RootChatCommands() {
  const navigate = useNavigate()
  const handleNewChat = useCallback(() => void navigate({ to: '/chat' }), [navigate])
  const handleAgent = useCallback(
    (agent: string) => void navigate({ to: '/chat', search: { agent } }),
    [navigate],
  )
  return <ChatCommands onNewChat={handleNewChat} onChatWithAgent={handleAgent} />
}
