import { FileUp } from 'lucide-react'
import { useEffect, useId, useRef, useState, type DragEvent, type RefObject } from 'react'
import { cn } from '@/lib/cn'
import { formatBytes } from '@/lib/format'
import { ACCEPT_ATTRIBUTE, ALLOWED_EXTENSIONS, KNOWLEDGE_LIMITS } from '../api/files'

type FileDropZoneProps = {
  onFiles: (files: File[]) => void
  /** The file input, for a caller that moves focus to it (Cmd+K "Add knowledge"). */
  inputRef?: RefObject<HTMLInputElement | null>
  /** Files pasted anywhere on the page count as dropped (a text paste into a box is left alone). */
  acceptPaste?: boolean
  className?: string
}

const FORMATS = ALLOWED_EXTENSIONS.map((e) => e.slice(1).toUpperCase()).join(', ')

/**
 * Where knowledge files come in: drop them, paste them, or pick them with the "Upload files"
 * input. The input itself is the focusable control (visually hidden, its label drawn as a button),
 * so keyboard and screen-reader users reach the same native picker. Checks happen in `onFiles`.
 */
export function FileDropZone({
  onFiles,
  inputRef,
  acceptPaste = true,
  className,
}: FileDropZoneProps) {
  const [isOver, setIsOver] = useState(false)
  const depth = useRef(0)
  const id = useId()
  const hintId = `${id}-hint`
  const onFilesRef = useRef(onFiles)
  useEffect(() => {
    onFilesRef.current = onFiles
  }, [onFiles])

  useEffect(() => {
    if (!acceptPaste) return
    const onPaste = (event: ClipboardEvent) => {
      const files = [...(event.clipboardData?.files ?? [])]
      if (files.length === 0) return
      event.preventDefault()
      onFilesRef.current(files)
    }
    document.addEventListener('paste', onPaste)
    return () => document.removeEventListener('paste', onPaste)
  }, [acceptPaste])

  const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files')

  return (
    <div
      data-slot="file-drop-zone"
      onDragEnter={(event) => {
        if (!hasFiles(event)) return
        event.preventDefault()
        depth.current += 1
        setIsOver(true)
      }}
      onDragOver={(event) => {
        if (!hasFiles(event)) return
        event.preventDefault()
        event.dataTransfer.dropEffect = 'copy'
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1)
        if (depth.current === 0) setIsOver(false)
      }}
      onDrop={(event) => {
        event.preventDefault()
        depth.current = 0
        setIsOver(false)
        const files = [...event.dataTransfer.files]
        if (files.length > 0) onFiles(files)
      }}
      className={cn(
        'flex flex-col items-center gap-2 rounded-lg border border-dashed border-border px-4 py-6 text-center text-sm text-muted-foreground transition-colors',
        isOver && 'border-primary bg-accent',
        className,
      )}
    >
      <FileUp aria-hidden className="size-6" />
      <p>Drop files here, paste them, or</p>
      <input
        ref={inputRef}
        id={`${id}-input`}
        type="file"
        multiple
        accept={ACCEPT_ATTRIBUTE}
        aria-describedby={hintId}
        className="peer sr-only"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])]
          event.target.value = ''
          if (files.length > 0) onFiles(files)
        }}
      />
      <label
        htmlFor={`${id}-input`}
        className="inline-flex h-9 cursor-pointer items-center gap-2 rounded-md border border-border bg-card px-4 text-sm font-medium text-foreground shadow-card transition-colors peer-focus-visible:ring-2 peer-focus-visible:ring-ring peer-focus-visible:ring-offset-2 peer-focus-visible:ring-offset-background hover:bg-accent"
      >
        Upload files
      </label>
      <p id={hintId} className="text-xs">
        {FORMATS} · up to {formatBytes(KNOWLEDGE_LIMITS.maxFileBytes)} each · sent{' '}
        {KNOWLEDGE_LIMITS.maxFilesPerRequest} files ({formatBytes(KNOWLEDGE_LIMITS.maxRequestBytes)}
        ) per request
      </p>
    </div>
  )
}
