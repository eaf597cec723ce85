import { useInfiniteQuery } from '@tanstack/react-query'
import { History, RotateCcw } from 'lucide-react'
import { ErrorState } from '@/components/error-state'
import { EmptyState } from '@/components/empty-state'
import { Button } from '@/components/ui/button'
import { Skeleton } from '@/components/ui/skeleton'
import { formatRelativeTime } from '@/lib/format'
import { mediaSrc } from '../../shared/media-url'
import { modelLabel } from '../api/constants'
import { imageGalleryQuery } from '../api/queries'
import type { GalleryItem } from '../api/schemas'

type ImageHistoryProps = {
  onOpen: (items: GalleryItem[], index: number) => void
  onRestore: (item: GalleryItem) => void
}

/** The cloud's gallery of my images (docs/cloud/media.md §3), newest first, one page at a time. */
export function ImageHistory({ onOpen, onRestore }: ImageHistoryProps) {
  const gallery = useInfiniteQuery(imageGalleryQuery())
  const items = gallery.data?.pages.flatMap((p) => p.items) ?? []

  return (
    <section aria-labelledby="image-history-heading" className="grid gap-3">
      <h2 id="image-history-heading" className="text-base font-semibold">
        History
      </h2>
      {gallery.isPending ? (
        <div className="grid grid-cols-[repeat(auto-fill,minmax(9.5rem,1fr))] gap-3" aria-hidden>
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="aspect-square rounded-xl" />
          ))}
        </div>
      ) : gallery.isError && items.length === 0 ? (
        <ErrorState
          error={gallery.error}
          onRetry={() => void gallery.refetch()}
          isRetrying={gallery.isFetching}
        />
      ) : items.length === 0 ? (
        <EmptyState
          icon={History}
          title="No images yet"
          description="Images you generate with this key appear here, newest first."
        />
      ) : (
        <>
          <ul
            className="grid grid-cols-[repeat(auto-fill,minmax(9.5rem,1fr))] gap-3"
            aria-label="Image history"
          >
            {items.map((item, index) => (
              <li
                key={item.id}
                className="grid min-w-0 grid-cols-[minmax(0,1fr)] content-start gap-2 rounded-xl border border-border bg-card p-2 shadow-card"
              >
                <button
                  type="button"
                  onClick={() => onOpen(items, index)}
                  aria-label={`Open “${item.prompt.slice(0, 80)}”`}
                  className="block overflow-hidden rounded-lg bg-muted outline-none focus-visible:ring-2 focus-visible:ring-ring"
                >
                  <img
                    src={mediaSrc(item.url)}
                    alt=""
                    loading="lazy"
                    className="aspect-square w-full object-cover"
                  />
                </button>
                <p className="line-clamp-2 text-sm leading-snug" title={item.prompt}>
                  {item.prompt}
                </p>
                <dl className="grid gap-0.5 text-xs text-muted-foreground">
                  <div className="flex min-w-0 gap-1">
                    <dt>Model</dt>
                    <dd className="truncate text-foreground" title={item.model}>
                      {modelLabel(item.model)}
                    </dd>
                  </div>
                  <div className="flex gap-1">
                    <dt>Seed</dt>
                    <dd title="The cloud does not report a seed for images">—</dd>
                  </div>
                  <div className="flex gap-1">
                    <dt className="sr-only">Created</dt>
                    <dd>{formatRelativeTime(item.createdAt)}</dd>
                  </div>
                </dl>
                <Button
                  variant="outline"
                  size="sm"
                  className="h-auto min-h-8 py-1 whitespace-normal"
                  label={`Restore all settings of “${item.prompt.slice(0, 80)}”`}
                  onClick={() => onRestore(item)}
                >
                  <RotateCcw aria-hidden />
                  Restore all settings
                </Button>
              </li>
            ))}
          </ul>
          {gallery.isFetchNextPageError ? (
            <ErrorState error={gallery.error} onRetry={() => void gallery.fetchNextPage()} />
          ) : null}
          {gallery.hasNextPage ? (
            <Button
              variant="outline"
              className="justify-self-center"
              pending={gallery.isFetchingNextPage}
              onClick={() => void gallery.fetchNextPage()}
            >
              Load more
            </Button>
          ) : null}
        </>
      )}
    </section>
  )
}
