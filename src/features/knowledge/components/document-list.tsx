import { useWindowVirtualizer } from '@tanstack/react-virtual'
import { Trash2 } from 'lucide-react'
import { memo, useLayoutEffect, useRef, useState } from 'react'
import { SearchField } from '@/components/search-field'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { NativeSelect } from '@/components/ui/native-select'
import { Skeleton } from '@/components/ui/skeleton'
import { formatBytes, formatNumber, formatRelativeTime } from '@/lib/format'
import type { FragmentCounts } from '../api/fragment-counts'
import type { KnowledgeDocument } from '../api/schemas'
import { DOCUMENT_SORTS, type DocumentSort } from '../lib/document-sorts'
import { SORT_LABELS } from '../lib/document-view'

const ROW_PX = 56
const SEARCH_DEBOUNCE_MS = 250

type ToolbarProps = {
  search: string
  sort: DocumentSort
  onSearchChange: (q: string) => void
  onSortChange: (sort: DocumentSort) => void
}

/** Search and sort of the documents; both go to the URL through the callbacks. */
export function DocumentToolbar({ search, sort, onSearchChange, onSortChange }: ToolbarProps) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <SearchField
        value={search}
        onSearch={onSearchChange}
        label="Search documents"
        placeholder="Filter by name or type"
        debounceMs={SEARCH_DEBOUNCE_MS}
        className="min-w-48 flex-1"
      />
      <NativeSelect
        aria-label="Sort documents"
        value={sort}
        onChange={(event) => onSortChange(event.target.value as DocumentSort)}
        className="w-40"
      >
        {DOCUMENT_SORTS.map((s) => (
          <option key={s} value={s}>
            {SORT_LABELS[s]}
          </option>
        ))}
      </NativeSelect>
    </div>
  )
}

type DocumentListProps = {
  documents: readonly KnowledgeDocument[]
  selected: ReadonlySet<string>
  fragmentCounts: FragmentCounts
  onToggle: (id: string) => void
  onToggleAll: (select: boolean) => void
  onOpen: (id: string) => void
  onDelete: (id: string) => void
}

/**
 * The documents, virtualized against the window: only rows on screen are in the DOM, so 1,000
 * documents scroll smoothly (scripts/bench/knowledge-list.ts). Rows are memoised, so a scroll
 * frame renders only the rows that come into view.
 */
export function DocumentList({
  documents,
  selected,
  fragmentCounts,
  onToggle,
  onToggleAll,
  onOpen,
  onDelete,
}: DocumentListProps) {
  const ref = useRef<HTMLDivElement>(null)
  const [scrollMargin, setScrollMargin] = useState(0)
  useLayoutEffect(() => {
    const measure = () =>
      setScrollMargin((ref.current?.getBoundingClientRect().top ?? 0) + window.scrollY)
    measure()
    // Content above the list (an upload log, a result) changes its offset.
    const observer = new ResizeObserver(measure)
    observer.observe(document.body)
    return () => observer.disconnect()
  }, [])
  const virtualizer = useWindowVirtualizer({
    count: documents.length,
    estimateSize: () => ROW_PX,
    overscan: 8,
    scrollMargin,
  })
  const allSelected = documents.length > 0 && documents.every((d) => selected.has(d.id))
  const someSelected = !allSelected && documents.some((d) => selected.has(d.id))

  return (
    <div ref={ref} className="grid">
      <div className="flex h-10 items-center gap-3 border-b border-border px-3 text-xs font-medium text-muted-foreground">
        <input
          type="checkbox"
          aria-label="Select all shown"
          className="size-4 shrink-0 accent-primary"
          checked={allSelected}
          ref={(el) => {
            if (el) el.indeterminate = someSelected
          }}
          onChange={(event) => onToggleAll(event.target.checked)}
        />
        <span className="min-w-0 flex-1">Name</span>
        <span className="hidden w-20 text-right sm:block">Size</span>
        <span className="hidden w-28 text-right md:block">Uploaded</span>
        <span className="hidden w-24 text-right md:block" title="Fragments the cloud made of it">
          Fragments
        </span>
        <span className="w-8" />
      </div>
      <ul
        aria-label="Documents"
        className="relative"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const doc = documents[item.index] as KnowledgeDocument
          return (
            <li
              key={doc.id}
              className="absolute inset-x-0 top-0"
              style={{
                height: ROW_PX,
                transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)`,
              }}
            >
              <DocumentRow
                doc={doc}
                isSelected={selected.has(doc.id)}
                fragmentCount={fragmentCounts[doc.id]}
                onToggle={onToggle}
                onOpen={onOpen}
                onDelete={onDelete}
              />
            </li>
          )
        })}
      </ul>
    </div>
  )
}

const typeLabel = (doc: KnowledgeDocument) =>
  doc.ext ? doc.ext.slice(1).toUpperCase() : doc.contentType || 'Text'

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' })

/** What a row shows that does not change while it is on screen, made once per document. */
const rowTexts = new WeakMap<
  KnowledgeDocument,
  { type: string; size: string; iso: string; title: string }
>()
function textsOf(doc: KnowledgeDocument) {
  let texts = rowTexts.get(doc)
  if (!texts) {
    const date = new Date(doc.createdAt)
    texts = {
      type: typeLabel(doc),
      size: formatBytes(doc.size),
      iso: Number.isFinite(date.getTime()) ? date.toISOString() : '',
      title: Number.isFinite(date.getTime()) ? dateTime.format(date) : '',
    }
    rowTexts.set(doc, texts)
  }
  return texts
}

const DocumentRow = memo(function DocumentRow({
  doc,
  isSelected,
  fragmentCount,
  onToggle,
  onOpen,
  onDelete,
}: {
  doc: KnowledgeDocument
  isSelected: boolean
  fragmentCount: number | undefined
  onToggle: (id: string) => void
  onOpen: (id: string) => void
  onDelete: (id: string) => void
}) {
  const texts = textsOf(doc)
  const uploaded = formatRelativeTime(doc.createdAt)
  const fragments =
    fragmentCount === undefined ? (
      <span title="The list does not report fragment counts; this browser did not see it added.">
        —
      </span>
    ) : (
      <span title="As the cloud reported when this browser added it">
        {formatNumber(fragmentCount)}
      </span>
    )
  return (
    <div
      data-selected={isSelected || undefined}
      className="flex h-full items-center gap-3 border-b border-border px-3 text-sm data-selected:bg-accent/60"
    >
      <input
        type="checkbox"
        aria-label={`Select ${doc.name}`}
        className="size-4 shrink-0 accent-primary"
        checked={isSelected}
        onChange={() => onToggle(doc.id)}
      />
      <div className="grid min-w-0 flex-1 gap-0.5">
        <span className="flex min-w-0 items-center gap-2">
          <button
            type="button"
            className="min-w-0 truncate text-left font-medium text-foreground underline-offset-4 hover:underline focus-visible:rounded-sm focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
            onClick={() => onOpen(doc.id)}
          >
            {doc.name}
          </button>
          <Badge variant="outline" className="hidden sm:inline-flex">
            {texts.type}
          </Badge>
        </span>
        <span className="truncate text-xs text-muted-foreground md:hidden">
          {texts.type} · {texts.size} · {uploaded}
          {fragmentCount === undefined ? '' : ` · ${formatNumber(fragmentCount)} fragments`}
        </span>
      </div>
      <span className="hidden w-20 text-right text-muted-foreground tabular-nums sm:block">
        {texts.size}
      </span>
      <time
        dateTime={texts.iso}
        title={texts.title}
        className="hidden w-28 text-right text-muted-foreground md:block"
      >
        {uploaded}
      </time>
      <span className="hidden w-24 text-right text-muted-foreground tabular-nums md:block">
        {fragments}
      </span>
      <Button
        variant="ghost"
        size="icon-sm"
        label={`Delete ${doc.name}`}
        className="text-muted-foreground hover:text-destructive"
        onClick={() => onDelete(doc.id)}
      >
        <Trash2 aria-hidden />
      </Button>
    </div>
  )
})

export function DocumentListSkeleton() {
  return (
    <div role="status" aria-label="Loading documents" className="grid gap-2">
      {Array.from({ length: 5 }, (_, i) => (
        <Skeleton key={i} className="h-12 rounded-md" />
      ))}
    </div>
  )
}
