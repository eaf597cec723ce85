import { useInfiniteQuery } from '@tanstack/react-query'
import { ChevronDown, FileStack, FolderOpen, SearchCode, Trash2, Upload } from 'lucide-react'
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { EmptyState } from '@/components/empty-state'
import { ErrorState } from '@/components/error-state'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { formatNumber } from '@/lib/format'
import { useFragmentCounts } from '../api/fragment-counts'
import { isKnowledgeUnavailable, knowledgeDocumentsQuery } from '../api/queries'
import type { KnowledgeDocument } from '../api/schemas'
import type { DocumentSort } from '../lib/document-sorts'
import { joinPages, viewDocuments } from '../lib/document-view'
import { useUploadBatch, type UploadEntry } from '../hooks/use-upload-batch'
import { DeleteDocumentsDialog } from './delete-documents-dialog'
import { DocumentList, DocumentListSkeleton, DocumentToolbar } from './document-list'
import { DocumentPreview } from './document-preview'
import { FileDropZone } from './file-drop-zone'
import { HandoffResults } from './handoff-results'
import { KnowledgeQuery } from './knowledge-query'
import { KnowledgeUnavailable } from './knowledge-unavailable'
import { hasPasteDraft, PasteTextForm } from './paste-text-form'
import { UploadLog, type LogRow } from './upload-log'

/** What the URL holds for the panel: the documents' search and sort, and the open document. */
export type KnowledgeView = { q: string; sort: DocumentSort; doc: string }

type KnowledgePanelProps = {
  agentId: string
  view: KnowledgeView
  onViewChange: (patch: Partial<KnowledgeView>) => void
  /** Changes when something (Cmd+K "Add knowledge") asks for the file picker to take focus. */
  focusAddKey?: string | null
}

const toRow = (e: UploadEntry): LogRow => ({
  key: e.key,
  name: e.name,
  size: e.size,
  state: e.state,
  reason: e.state === 'refused' || e.state === 'failed' ? e.reason : undefined,
  fragmentCount: e.state === 'added' ? e.fragmentCount : undefined,
})

/**
 * One agent's knowledge: add documents (files or pasted text), search them, and list, preview
 * and delete them. Used by /knowledge and by the Knowledge tab of an agent's page.
 */
export function KnowledgePanel({ agentId, view, onViewChange, focusAddKey }: KnowledgePanelProps) {
  const documentsQuery = useInfiniteQuery(knowledgeDocumentsQuery(agentId))
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = documentsQuery
  // The list has no search or sort of its own: load every page, one after another.
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isFetchNextPageError) void fetchNextPage()
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage])

  const documents = useMemo(
    () => joinPages(documentsQuery.data?.pages ?? []),
    [documentsQuery.data],
  )
  const byId = useMemo(() => new Map(documents.map((d) => [d.id, d])), [documents])
  const isListComplete = documentsQuery.isSuccess && !hasNextPage
  const shown = useMemo(
    () => viewDocuments(documents, view.q, view.sort),
    [documents, view.q, view.sort],
  )

  const batch = useUploadBatch(agentId)
  const fileInputRef = useRef<HTMLInputElement>(null)
  const [isPasteOpen, setIsPasteOpen] = useState(hasPasteDraft)
  useEffect(() => {
    if (focusAddKey == null) return
    fileInputRef.current?.focus()
    fileInputRef.current?.scrollIntoView({ block: 'center' })
  }, [focusAddKey])

  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set())
  // Only documents still listed count as selected.
  const selection = useMemo(() => shown.filter((d) => selected.has(d.id)), [shown, selected])
  const [toDelete, setToDelete] = useState<readonly KnowledgeDocument[]>([])
  const fragmentCounts = useFragmentCounts()

  const toggle = useCallback((id: string) => {
    setSelected((s) => {
      const next = new Set(s)
      if (!next.delete(id)) next.add(id)
      return next
    })
  }, [])
  const toggleAll = useCallback(
    (select: boolean) => setSelected(select ? new Set(shown.map((d) => d.id)) : new Set()),
    [shown],
  )
  const open = useCallback((id: string) => onViewChange({ doc: id }), [onViewChange])
  // Read through a ref, so the rows' callback stays the same while pages arrive (rows are
  // memoised: a new callback would re-render every row on screen per page).
  const byIdRef = useRef(byId)
  useLayoutEffect(() => {
    byIdRef.current = byId
  }, [byId])
  const deleteOne = useCallback((id: string) => {
    const doc = byIdRef.current.get(id)
    if (doc) setToDelete([doc])
  }, [])
  const handleSearch = useCallback((q: string) => onViewChange({ q }), [onViewChange])
  const handleSort = useCallback((sort: DocumentSort) => onViewChange({ sort }), [onViewChange])

  const id = useId()
  const rows = useMemo(() => batch.entries.map(toRow), [batch.entries])
  const total = documentsQuery.data?.pages[0]?.total ?? documents.length
  const previewDoc = view.doc ? (byId.get(view.doc) ?? null) : null

  return (
    <div className="grid gap-6">
      <HandoffResults agentId={agentId} />
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Card aria-labelledby={`${id}-add`}>
          <CardHeader>
            <div className="grid gap-1">
              <CardTitle id={`${id}-add`}>
                <Upload aria-hidden />
                Add documents
              </CardTitle>
              <CardDescription>
                Files are checked here first: nothing the cloud would refuse is sent.
              </CardDescription>
            </div>
          </CardHeader>
          <CardContent className="grid gap-4">
            <FileDropZone onFiles={(files) => void batch.addFiles(files)} inputRef={fileInputRef} />
            <div className="grid gap-3">
              <Button
                variant="outline"
                size="sm"
                className="w-fit"
                aria-expanded={isPasteOpen}
                aria-controls={`${id}-paste`}
                onClick={() => setIsPasteOpen((o) => !o)}
              >
                <ChevronDown
                  aria-hidden
                  className={
                    isPasteOpen ? 'rotate-180 transition-transform' : 'transition-transform'
                  }
                />
                Paste text
              </Button>
              <div id={`${id}-paste`} hidden={!isPasteOpen}>
                {isPasteOpen ? (
                  <PasteTextForm
                    agentId={agentId}
                    onAdded={(added) =>
                      batch.record({
                        name: added.name,
                        size: added.size,
                        state: 'added',
                        documentId: added.documentId,
                        fragmentCount: added.fragmentCount,
                      })
                    }
                  />
                ) : null}
              </div>
            </div>
            <UploadLog
              title="Uploads"
              rows={rows}
              doneLabel="Added"
              requestError={batch.requestError}
              onRetry={batch.canRetry ? () => void batch.retryFailed() : undefined}
              onClear={batch.isBusy ? undefined : batch.clear}
            />
          </CardContent>
        </Card>
        <Card aria-labelledby={`${id}-query`}>
          <CardHeader>
            <div className="grid gap-1">
              <CardTitle id={`${id}-query`}>
                <SearchCode aria-hidden />
                Search by meaning
              </CardTitle>
              <CardDescription>
                What the agent finds in its documents for a question.
              </CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            <KnowledgeQuery
              agentId={agentId}
              documentsById={byId}
              isListComplete={isListComplete}
              onOpenDocument={open}
            />
          </CardContent>
        </Card>
      </div>

      <Card aria-labelledby={`${id}-documents`}>
        <CardHeader className="flex-wrap">
          <CardTitle id={`${id}-documents`}>
            <FileStack aria-hidden />
            Documents
            {documentsQuery.isSuccess ? (
              <Badge variant="secondary">{formatNumber(total)}</Badge>
            ) : null}
          </CardTitle>
        </CardHeader>
        <CardContent className="grid gap-3">
          {documentsQuery.isPending ? (
            <DocumentListSkeleton />
          ) : documentsQuery.isError && documents.length === 0 ? (
            isKnowledgeUnavailable(documentsQuery.error) ? (
              <KnowledgeUnavailable
                action="list"
                onRetry={() => void documentsQuery.refetch()}
                isRetrying={documentsQuery.isRefetching}
              />
            ) : (
              <ErrorState
                error={documentsQuery.error}
                onRetry={() => void documentsQuery.refetch()}
                isRetrying={documentsQuery.isRefetching}
              />
            )
          ) : documents.length === 0 ? (
            <EmptyState
              icon={FolderOpen}
              title="No documents yet"
              description="Upload files or paste text above. The agent answers from what its documents say."
            />
          ) : (
            <>
              <DocumentToolbar
                search={view.q}
                sort={view.sort}
                onSearchChange={handleSearch}
                onSortChange={handleSort}
              />
              <div className="flex min-h-9 flex-wrap items-center justify-between gap-2">
                <p role="status" className="text-xs text-muted-foreground">
                  {formatNumber(total)} {total === 1 ? 'document' : 'documents'}
                  {documents.length < total ? `, ${formatNumber(documents.length)} loaded…` : ''}
                  {view.q ? ` · ${formatNumber(shown.length)} match “${view.q}”` : ''}
                </p>
                {selection.length > 0 ? (
                  <div className="flex items-center gap-2">
                    <span className="text-sm">{formatNumber(selection.length)} selected</span>
                    <Button variant="ghost" size="sm" onClick={() => setSelected(new Set())}>
                      Clear selection
                    </Button>
                    <Button variant="destructive" size="sm" onClick={() => setToDelete(selection)}>
                      <Trash2 aria-hidden />
                      Delete
                    </Button>
                  </div>
                ) : null}
              </div>
              {shown.length === 0 ? (
                <EmptyState
                  title={`No documents match “${view.q}”`}
                  action={
                    <Button variant="outline" size="sm" onClick={() => onViewChange({ q: '' })}>
                      Clear search
                    </Button>
                  }
                />
              ) : (
                <DocumentList
                  documents={shown}
                  selected={selected}
                  fragmentCounts={fragmentCounts}
                  onToggle={toggle}
                  onToggleAll={toggleAll}
                  onOpen={open}
                  onDelete={deleteOne}
                />
              )}
              {isFetchNextPageError ? (
                <ErrorState
                  error={documentsQuery.error}
                  onRetry={() => void fetchNextPage()}
                  retryLabel="Load the rest"
                />
              ) : null}
            </>
          )}
        </CardContent>
      </Card>

      <DeleteDocumentsDialog
        agentId={agentId}
        documents={toDelete}
        onClose={() => setToDelete([])}
        onDeleted={(ids) =>
          setSelected((s) => {
            const next = new Set(s)
            for (const id of ids) next.delete(id)
            return next
          })
        }
      />
      {view.doc ? (
        <DocumentPreview
          document={previewDoc}
          isLoading={documentsQuery.isPending || (hasNextPage === true && !isFetchNextPageError)}
          onOpenChange={(isOpen) => {
            if (!isOpen) onViewChange({ doc: '' })
          }}
        />
      ) : null}
    </div>
  )
}
