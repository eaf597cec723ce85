import { useQuery } from '@tanstack/react-query'
import { Download, Film, PencilLine } from 'lucide-react'
import { EmptyState } from '@/components/empty-state'
import { ErrorState } from '@/components/error-state'
import { Button } from '@/components/ui/button'
import { Skeleton } from '@/components/ui/skeleton'
import { mediaSrc } from '@/features/media/shared/media-url'
import { formatBytes, formatRelativeTime } from '@/lib/format'
import { findVideoModel, videoModelLabel } from '../api/models'
import { videoGalleryQuery } from '../api/queries'
import type { GalleryItem, VideoInput } from '../api/schemas'

/** Past videos from the cloud's gallery (docs/cloud/media.md §3), so they survive a reload. */
export function VideoHistory({ onReuse }: { onReuse: (input: VideoInput) => void }) {
  const gallery = useQuery(videoGalleryQuery())
  return (
    <section aria-labelledby="video-history-heading" className="grid gap-3">
      <h2 id="video-history-heading" className="text-base font-semibold">
        Past videos
      </h2>
      {gallery.isPending ? (
        <div className="grid gap-4 sm:grid-cols-2" aria-hidden>
          {[0, 1].map((i) => (
            <Skeleton key={i} className="aspect-video w-full rounded-xl" />
          ))}
        </div>
      ) : gallery.isError ? (
        <ErrorState error={gallery.error} onRetry={() => void gallery.refetch()} size="card" />
      ) : gallery.data.items.length === 0 ? (
        <EmptyState
          icon={Film}
          title="No videos yet"
          description="Videos you generate are kept by the cloud and listed here."
          className="rounded-xl border border-dashed"
        />
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {gallery.data.items.map((item) => (
            <li key={item.id}>
              <HistoryItem item={item} onReuse={onReuse} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function HistoryItem({
  item,
  onReuse,
}: {
  item: GalleryItem
  onReuse: (input: VideoInput) => void
}) {
  const src = mediaSrc(item.url)
  const known = findVideoModel(item.model)
  const facts = [
    videoModelLabel(item.model),
    formatRelativeTime(item.createdAt),
    item.dimensions ? `${item.dimensions.width}×${item.dimensions.height}` : null,
    item.fileSize ? formatBytes(Number(item.fileSize)) : null,
  ].filter(Boolean)
  return (
    <article
      aria-label={`Past video: ${item.prompt}`}
      className="grid gap-2 rounded-xl border border-border bg-card p-3 shadow-card"
    >
      {/* eslint-disable-next-line jsx-a11y/media-has-caption -- the cloud returns no caption track; the prompt it was made from is shown with it */}
      <video
        controls
        playsInline
        preload="metadata"
        src={src}
        aria-label={`Video: ${item.prompt}`}
        className="aspect-video w-full rounded-lg bg-black"
      />
      <p className="line-clamp-2 text-sm break-words">{item.prompt}</p>
      <p className="text-xs text-muted-foreground">{facts.join(' · ')}</p>
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" size="sm" asChild>
          <a href={src} download={`video-${item.id}.mp4`}>
            <Download aria-hidden />
            Download
          </a>
        </Button>
        {known ? (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => onReuse({ prompt: item.prompt, model: known.id })}
          >
            <PencilLine aria-hidden />
            Use prompt
          </Button>
        ) : null}
      </div>
    </article>
  )
}
