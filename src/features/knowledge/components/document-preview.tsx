import { Download, FileQuestion, Info } from 'lucide-react'
import { useMemo } from 'react'
import { CopyButton } from '@/components/copy-button'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog'
import { Skeleton } from '@/components/ui/skeleton'
import { formatBytes, formatNumber, formatRelativeTime } from '@/lib/format'
import type { KnowledgeDocument } from '../api/schemas'

/** Characters shown at most; the rest is in the download (a 5 MB text would freeze the dialog). */
export const PREVIEW_MAX_CHARS = 100_000

type DocumentPreviewProps = {
  /** The document to show; null while it is looked for, or when it is not in the list. */
  document: KnowledgeDocument | null
  isLoading: boolean
  onOpenChange: (open: boolean) => void
}

const FORMAT_NAMES: Record<string, string> = {
  '.pdf': 'PDF',
  '.doc': 'Word document',
  '.docx': 'Word document',
}

function download(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob)
  const link = Object.assign(window.document.createElement('a'), { href: url, download: filename })
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

function base64ToBlob(base64: string, type: string): Blob {
  const binary = atob(base64.replace(/\s/g, ''))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return new Blob([bytes], { type: type || 'application/octet-stream' })
}

/**
 * The stored text of a document (`content.text` of the list). PDF and Word files are kept by the
 * cloud as the original file in base64 (docs/knowledge.md §Documents): that is offered as a
 * download, never shown as if it were text.
 */
export function DocumentPreview({ document: doc, isLoading, onOpenChange }: DocumentPreviewProps) {
  return (
    <Dialog open onOpenChange={onOpenChange}>
      <DialogContent className="max-w-3xl">
        {doc ? (
          <PreviewBody doc={doc} />
        ) : isLoading ? (
          <>
            <DialogHeader>
              <DialogTitle>Loading document…</DialogTitle>
              <DialogDescription>The list is still loading its pages.</DialogDescription>
            </DialogHeader>
            <Skeleton className="h-64 rounded-lg" />
          </>
        ) : (
          <DialogHeader>
            <DialogTitle className="flex items-center gap-2">
              <FileQuestion aria-hidden className="size-5 text-muted-foreground" />
              Document not found
            </DialogTitle>
            <DialogDescription>
              This agent has no document with that id. It may have been deleted, or the link belongs
              to another agent.
            </DialogDescription>
          </DialogHeader>
        )}
      </DialogContent>
    </Dialog>
  )
}

function PreviewBody({ doc }: { doc: KnowledgeDocument }) {
  const type = doc.ext ? doc.ext.slice(1).toUpperCase() : doc.contentType || 'Text'
  const uploaded = new Date(doc.createdAt)
  const shown = useMemo(
    () => (doc.isBase64 ? '' : doc.text.slice(0, PREVIEW_MAX_CHARS)),
    [doc.isBase64, doc.text],
  )
  return (
    <>
      <DialogHeader>
        <DialogTitle className="break-all">{doc.name}</DialogTitle>
        <DialogDescription>
          {type} · {formatBytes(doc.size)} · uploaded{' '}
          <time dateTime={uploaded.toISOString()} title={uploaded.toLocaleString()}>
            {formatRelativeTime(doc.createdAt)}
          </time>
        </DialogDescription>
      </DialogHeader>
      <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
        <span>
          Document id <code className="font-mono">{doc.id}</code>
        </span>
        <CopyButton text={doc.id} label="Copy document id" compact />
      </div>
      {doc.isBase64 ? (
        <Alert variant="info">
          <Info aria-hidden />
          <AlertTitle>
            A {FORMAT_NAMES[doc.ext] ?? 'binary file'} has no text to show here
          </AlertTitle>
          <AlertDescription>
            <p>
              The cloud keeps the original file, in base64, as this document’s content. The text it
              extracted lives only in the fragments, which the API does not list; Query searches
              them.
            </p>
            <div className="pt-1">
              <Button
                variant="outline"
                size="sm"
                onClick={() => download(base64ToBlob(doc.text, doc.contentType), doc.name)}
              >
                <Download aria-hidden />
                Download the original
              </Button>
            </div>
          </AlertDescription>
        </Alert>
      ) : (
        <>
          <pre
            role="region"
            aria-label={`Text of ${doc.name}`}
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- it scrolls by keyboard
            tabIndex={0}
            className="max-h-[60dvh] overflow-auto rounded-lg border border-border bg-muted/40 p-4 font-mono text-xs leading-relaxed break-words whitespace-pre-wrap focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
          >
            {shown}
          </pre>
          <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-muted-foreground">
            <span>
              {doc.text.length > PREVIEW_MAX_CHARS
                ? `Showing the first ${formatNumber(PREVIEW_MAX_CHARS)} of ${formatNumber(doc.text.length)} characters.`
                : `${formatNumber(doc.text.length)} characters.`}
            </span>
            <Button
              variant="outline"
              size="sm"
              onClick={() =>
                download(new Blob([doc.text], { type: 'text/plain;charset=utf-8' }), doc.name)
              }
            >
              <Download aria-hidden />
              Download the text
            </Button>
          </div>
        </>
      )}
    </>
  )
}
