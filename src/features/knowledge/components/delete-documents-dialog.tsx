import { useState } from 'react'
import { ConfirmMutationDialog } from '@/components/confirm-mutation-dialog'
import { toast } from '@/components/toast'
import type { ApiError } from '@/lib/api-error'
import { useDeleteKnowledgeDocuments } from '../api/mutations'
import type { KnowledgeDocument } from '../api/schemas'

type DeleteDocumentsDialogProps = {
  agentId: string
  /** The documents to delete; the dialog is open while there are some. */
  documents: readonly KnowledgeDocument[]
  onClose: () => void
  /** Called with the ids that are gone (also after a partial failure). */
  onDeleted: (ids: readonly string[]) => void
}

const NAMES_SHOWN = 5

/**
 * Deletes the chosen documents and their fragments, after a confirmation. When some fail, the
 * dialog stays open and lists each one with its reason; Delete then tries those again.
 */
export function DeleteDocumentsDialog({
  agentId,
  documents,
  onClose,
  onDeleted,
}: DeleteDocumentsDialogProps) {
  const remove = useDeleteKnowledgeDocuments(agentId)
  const [failures, setFailures] = useState<{ doc: KnowledgeDocument; error: ApiError }[]>([])
  const pending = failures.length > 0 ? failures.map((f) => f.doc) : documents
  const count = pending.length
  const what = count === 1 ? `“${pending[0]?.name}”` : `${count} documents`

  const handleOpenChange = (open: boolean) => {
    if (open) return
    setFailures([])
    onClose()
  }

  return (
    <ConfirmMutationDialog
      open={documents.length > 0}
      onOpenChange={handleOpenChange}
      title={`Delete ${what}?`}
      description={
        <span className="grid gap-2">
          {failures.length > 0 ? (
            <span role="alert" className="grid gap-1">
              <span className="font-medium text-destructive">
                {failures.length === 1
                  ? '1 document was not deleted:'
                  : `${failures.length} documents were not deleted:`}
              </span>
              <span className="grid gap-0.5">
                {failures.map(({ doc, error }) => (
                  <span key={doc.id} className="break-words">
                    <span className="font-medium text-foreground">{doc.name}</span>: {error.message}
                  </span>
                ))}
              </span>
            </span>
          ) : (
            <span className="grid gap-0.5">
              {pending.slice(0, NAMES_SHOWN).map((d) => (
                <span key={d.id} className="truncate font-medium text-foreground">
                  {d.name}
                </span>
              ))}
              {count > NAMES_SHOWN ? <span>and {count - NAMES_SHOWN} more</span> : null}
            </span>
          )}
          <span>
            {count === 1 ? 'Its' : 'Their'} fragments go too, and the agent stops using{' '}
            {count === 1 ? 'it' : 'them'} at once. This cannot be undone.
          </span>
        </span>
      }
      confirmLabel="Delete"
      mutation={remove}
      onConfirm={(close) => {
        remove.mutate(
          pending.map((d) => d.id),
          {
            onSuccess: (outcome) => {
              onDeleted(outcome.deleted)
              if (outcome.failed.length === 0) {
                toast.success(
                  outcome.deleted.length === 1
                    ? `Deleted “${pending.find((d) => d.id === outcome.deleted[0])?.name}”`
                    : `Deleted ${outcome.deleted.length} documents`,
                )
                setFailures([])
                close()
                return
              }
              const byId = new Map(pending.map((d) => [d.id, d]))
              setFailures(
                outcome.failed.flatMap(({ id, error }) => {
                  const doc = byId.get(id)
                  return doc ? [{ doc, error }] : []
                }),
              )
            },
          },
        )
      }}
    />
  )
}
