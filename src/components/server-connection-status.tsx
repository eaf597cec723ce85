import { useQueryClient } from '@tanstack/react-query'
import { useRouter } from '@tanstack/react-router'
import { Unplug } from 'lucide-react'
import { useEffect, useSyncExternalStore } from 'react'
import {
  getServerConnection,
  onServerReconnect,
  subscribeServerConnection,
} from '@/lib/server-connection'

/**
 * While the console's own server does not answer, a notice floats at the bottom (over the page, so
 * nothing moves); when it answers again, every query is refreshed and the route's loaders re-run,
 * so error states clear by themselves. Forms keep what was typed (their drafts).
 */
export function ServerConnectionStatus() {
  const queryClient = useQueryClient()
  const router = useRouter()
  const connection = useSyncExternalStore(
    subscribeServerConnection,
    getServerConnection,
    getServerConnection,
  )

  useEffect(
    () =>
      onServerReconnect(() => {
        void queryClient.invalidateQueries()
        void router.invalidate()
      }),
    [queryClient, router],
  )

  return (
    <div
      role="status"
      className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4"
    >
      {connection === 'unreachable' ? (
        <p className="pointer-events-auto flex max-w-md items-center gap-2 rounded-full border border-border bg-card px-4 py-2 text-sm text-foreground shadow-lg">
          <Unplug aria-hidden className="size-4 shrink-0 text-destructive" />
          <span>The console’s server is not answering. Reconnecting…</span>
        </p>
      ) : null}
    </div>
  )
}
