import { lazy, Suspense } from 'react'

// Only a mistyped or stale link needs this page, so it loads then.
const NotFoundPage = lazy(() =>
  import('./not-found-page').then((m) => ({ default: m.NotFoundPage })),
)

/** The root notFoundComponent: "Page not found" inside the shell, with a way home. */
export function NotFound() {
  return (
    <Suspense fallback={null}>
      <NotFoundPage />
    </Suspense>
  )
}
