// Split for the bundle: loaded only on an unknown URL, off the first page.
import { Link, useRouterState } from '@tanstack/react-router'
import { ArrowLeft, Compass } from 'lucide-react'
import { Button } from '@/components/ui/button'

/** A real page inside the shell, with a way home; loaded by NotFound. */
export function NotFoundPage() {
  const pathname = useRouterState({ select: (s) => s.location.pathname })
  return (
    <div className="flex flex-col items-center justify-center gap-4 px-4 py-16 text-center md:py-24">
      <span className="flex size-12 items-center justify-center rounded-full bg-muted text-muted-foreground">
        <Compass aria-hidden className="size-6" />
      </span>
      <p className="text-sm font-semibold text-primary tabular-nums">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="max-w-md text-sm text-muted-foreground">
        There is no page at{' '}
        <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs break-all text-foreground">
          {pathname}
        </code>
        . It may have moved, or the link is mistyped.
      </p>
      <Button asChild className="mt-2">
        <Link to="/">
          <ArrowLeft aria-hidden />
          Go to Overview
        </Link>
      </Button>
    </div>
  )
}
