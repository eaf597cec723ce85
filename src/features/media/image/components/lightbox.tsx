import { ChevronLeft, ChevronRight, Download, ImagePlus, RotateCcw } from 'lucide-react'
import { useRef, type KeyboardEvent } from 'react'
import { CopyButton } from '@/components/copy-button'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog'
import { formatBytes } from '@/lib/format'
import { modelLabel } from '../api/constants'

/** One picture the lightbox can show (a fresh result or a history item). */
export type LightboxItem = {
  key: string
  src: string
  prompt: string
  model: string
  mimeType: string | null
  fileSize: number | null
  /** Present for items that can restore their settings. */
  onRestore?: () => void
}

type LightboxProps = {
  items: readonly LightboxItem[]
  index: number | null
  onIndexChange: (index: number | null) => void
  onUseAsReference: (item: LightboxItem) => void
}

export function fileNameFor(item: Pick<LightboxItem, 'key' | 'mimeType' | 'src'>): string {
  const fromUrl = item.src.startsWith('data:') ? '' : (item.src.split('/').pop() ?? '')
  if (/\.\w+$/.test(fromUrl)) return fromUrl
  return `image.${item.mimeType === 'image/webp' ? 'webp' : 'png'}`
}

/**
 * A keyboard-navigable viewer (Radix Dialog): ←/→ move, Esc closes and focus returns to the
 * thumbnail that opened it.
 */
export function Lightbox({ items, index, onIndexChange, onUseAsReference }: LightboxProps) {
  const item = index === null ? undefined : items[index]
  // Opened from a thumbnail, not a DialogTrigger: remember it so Esc returns focus there.
  const openerRef = useRef<HTMLElement | null>(null)
  const count = items.length
  const move = (delta: number) => {
    if (index === null || count === 0) return
    onIndexChange((index + delta + count) % count)
  }
  const handleKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowRight') {
      event.preventDefault()
      move(1)
    } else if (event.key === 'ArrowLeft') {
      event.preventDefault()
      move(-1)
    }
  }

  return (
    <Dialog open={item !== undefined} onOpenChange={(open) => (open ? null : onIndexChange(null))}>
      {item ? (
        <DialogContent
          className="max-w-5xl gap-3 p-4 sm:p-5"
          onKeyDown={handleKeyDown}
          onOpenAutoFocus={() => {
            openerRef.current =
              document.activeElement instanceof HTMLElement ? document.activeElement : null
          }}
          onCloseAutoFocus={(event) => {
            const opener = openerRef.current
            if (opener?.isConnected) {
              event.preventDefault()
              opener.focus()
            }
          }}
          aria-roledescription="lightbox"
        >
          <DialogHeader>
            <DialogTitle>
              Image {(index ?? 0) + 1} of {count}
            </DialogTitle>
            <DialogDescription className="line-clamp-2">{item.prompt}</DialogDescription>
          </DialogHeader>
          <div className="relative flex min-h-0 items-center justify-center rounded-lg bg-muted">
            <img
              src={item.src}
              alt={item.prompt}
              className="max-h-[60dvh] w-auto max-w-full rounded-lg object-contain"
            />
            {count > 1 ? (
              <>
                <Button
                  size="icon"
                  variant="outline"
                  label="Previous image"
                  className="absolute top-1/2 left-2 -translate-y-1/2"
                  onClick={() => move(-1)}
                >
                  <ChevronLeft aria-hidden />
                </Button>
                <Button
                  size="icon"
                  variant="outline"
                  label="Next image"
                  className="absolute top-1/2 right-2 -translate-y-1/2"
                  onClick={() => move(1)}
                >
                  <ChevronRight aria-hidden />
                </Button>
              </>
            ) : null}
          </div>
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
            <div>
              <dt className="text-xs text-muted-foreground">Model</dt>
              <dd className="truncate" title={item.model}>
                {modelLabel(item.model)}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">Seed</dt>
              {/* The image API returns no seed (docs/cloud/media.md §1, §3). */}
              <dd title="The cloud does not report a seed for images">—</dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">Format</dt>
              <dd>{item.mimeType ?? '—'}</dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">Size</dt>
              <dd>{item.fileSize === null ? '—' : formatBytes(item.fileSize)}</dd>
            </div>
          </dl>
          <div className="flex flex-wrap gap-2">
            <Button asChild variant="outline" size="sm">
              <a href={item.src} download={fileNameFor(item)}>
                <Download aria-hidden />
                Download
              </a>
            </Button>
            <CopyButton key={item.key} text={item.prompt} label="Copy prompt" />
            <Button
              variant="outline"
              size="sm"
              onClick={() => {
                onUseAsReference(item)
                onIndexChange(null)
              }}
            >
              <ImagePlus aria-hidden />
              Use as reference
            </Button>
            {item.onRestore ? (
              <Button
                variant="outline"
                size="sm"
                onClick={() => {
                  item.onRestore?.()
                  onIndexChange(null)
                }}
              >
                <RotateCcw aria-hidden />
                Restore all settings
              </Button>
            ) : null}
          </div>
          <p className="text-xs text-muted-foreground">
            ← and → move between images. Deleting is not available: the cloud has no way to delete
            gallery items.
          </p>
        </DialogContent>
      ) : null}
    </Dialog>
  )
}
