import { ImageUp, X } from 'lucide-react'
import { useId, useRef, useState, type DragEvent } from 'react'
import { Button } from '@/components/ui/button'
import { cn } from '@/lib/cn'
import { formatBytes } from '@/lib/format'
import { REFERENCE_TYPES, maxReferenceBytes } from '../api/constants'
import type { ReferenceImage } from '../api/schemas'

type ReferencePickerProps = {
  reference: ReferenceImage | null
  error: string | null
  isReading: boolean
  onFile: (file: File) => void
  onClear: () => void
}

/**
 * The optional image-to-image source: drop a file, paste one (anywhere in the form) or pick one.
 * Type and size are checked by the caller before anything is read.
 */
export function ReferencePicker({
  reference,
  error,
  isReading,
  onFile,
  onClear,
}: ReferencePickerProps) {
  const inputRef = useRef<HTMLInputElement>(null)
  const [isOver, setIsOver] = useState(false)
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`

  const handleDrop = (event: DragEvent) => {
    event.preventDefault()
    setIsOver(false)
    const file = event.dataTransfer.files[0]
    if (file) onFile(file)
  }

  return (
    <fieldset className="grid gap-1.5">
      <legend className="mb-1.5 text-sm leading-5 font-medium">
        Reference image <span className="font-normal text-muted-foreground">(optional)</span>
      </legend>
      {reference ? (
        <div className="flex items-center gap-3 rounded-lg border border-border bg-card p-2">
          <img
            src={reference.dataUrl}
            alt="Reference"
            className="size-14 shrink-0 rounded-md object-cover"
          />
          <div className="min-w-0 flex-1 text-sm">
            <p className="truncate font-medium">{reference.name}</p>
            <p className="text-xs text-muted-foreground">{formatBytes(reference.size)}</p>
          </div>
          <Button size="icon-sm" variant="ghost" label="Remove reference image" onClick={onClear}>
            <X aria-hidden />
          </Button>
        </div>
      ) : (
        <div
          onDragOver={(event) => {
            event.preventDefault()
            setIsOver(true)
          }}
          onDragLeave={() => setIsOver(false)}
          onDrop={handleDrop}
          className={cn(
            // One row, so Generate stays in view at 1440×900 (issue #14).
            'flex items-center gap-2.5 rounded-lg border border-dashed border-border px-3 py-2 text-sm text-muted-foreground transition-colors',
            isOver && 'border-primary bg-accent',
          )}
        >
          <ImageUp aria-hidden className="size-5 shrink-0" />
          <p className="min-w-0 flex-1 leading-snug">Drop or paste an image, or</p>
          <Button
            variant="outline"
            size="sm"
            className="shrink-0"
            pending={isReading}
            aria-describedby={error ? `${hintId} ${errorId}` : hintId}
            onClick={() => inputRef.current?.click()}
          >
            Choose image
          </Button>
          <input
            ref={inputRef}
            type="file"
            accept={REFERENCE_TYPES.join(',')}
            className="sr-only"
            tabIndex={-1}
            aria-label="Reference image file"
            onChange={(event) => {
              const file = event.target.files?.[0]
              event.target.value = ''
              if (file) onFile(file)
            }}
          />
        </div>
      )}
      <p id={hintId} className="text-xs text-muted-foreground">
        PNG, JPEG, WebP or GIF up to {formatBytes(maxReferenceBytes('image/jpeg'))}.
      </p>
      {error ? (
        <p id={errorId} role="alert" className="text-xs font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </fieldset>
  )
}
