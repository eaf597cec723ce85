import { useRouterState } from '@tanstack/react-router'

/** A thin bar at the top while the router loads the next page. */
export function NavProgress() {
  const isPending = useRouterState({ select: (s) => s.status === 'pending' })
  if (!isPending) return null
  return (
    <div
      role="progressbar"
      aria-label="Loading page"
      className="pointer-events-none fixed inset-x-0 top-0 z-[60] h-0.5 overflow-hidden bg-primary/15"
    >
      <div className="h-full w-full origin-left animate-progress bg-primary" />
    </div>
  )
}
