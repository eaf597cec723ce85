import { useQuery } from '@tanstack/react-query'
import { AudioLines, Pencil, Trash2 } from 'lucide-react'
import { useState } from 'react'
import { EmptyState } from '@/components/empty-state'
import { ErrorState } from '@/components/error-state'
import { Alert, AlertDescription } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Skeleton } from '@/components/ui/skeleton'
import { ConfirmMutationDialog } from '@/components/confirm-mutation-dialog'
import { formatRelativeTime } from '@/lib/format'
import { useDeleteVoice, useRenameVoice } from '../api/mutations'
import { voiceListQuery } from '../api/queries'
import type { ClonedVoice } from '../api/schemas'

type VoiceListProps = {
  selectedVoiceId: string
  onUseVoice: (providerVoiceId: string) => void
  onDeleted: (voice: ClonedVoice) => void
}

/** My organization's cloned voices with use, rename and delete (docs/cloud/media.md §5.4, §5.6). */
export function VoiceList({ selectedVoiceId, onUseVoice, onDeleted }: VoiceListProps) {
  const list = useQuery(voiceListQuery())
  const [renaming, setRenaming] = useState<ClonedVoice | null>(null)
  const [deleting, setDeleting] = useState<ClonedVoice | null>(null)

  if (list.isPending) {
    return (
      <div className="grid gap-2" aria-busy="true" aria-label="Loading voices">
        {[0, 1].map((i) => (
          <Skeleton key={i} className="h-14 w-full" />
        ))}
      </div>
    )
  }
  if (list.isError) {
    return (
      <ErrorState
        error={list.error}
        onRetry={() => void list.refetch()}
        isRetrying={list.isFetching}
      />
    )
  }
  const voices = list.data.voices
  if (voices.length === 0) {
    return (
      <EmptyState
        icon={AudioLines}
        title="No cloned voices yet"
        description="Clone one from a recording or audio files above; it then appears in the voice picker."
      />
    )
  }
  return (
    <>
      <ul aria-label="Your voices" className="grid gap-2">
        {voices.map((v) => {
          const isSelected = v.elevenlabsVoiceId === selectedVoiceId
          return (
            <li
              key={v.id}
              aria-label={v.name}
              className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border p-3"
            >
              <div className="grid min-w-0 flex-1 gap-0.5">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="truncate font-medium">{v.name}</span>
                  <Badge variant={v.cloneType === 'professional' ? 'info' : 'outline'}>
                    {v.cloneType}
                  </Badge>
                  {isSelected ? <Badge variant="success">In use</Badge> : null}
                </div>
                <p className="text-xs text-muted-foreground">
                  Created {formatRelativeTime(v.createdAt)} · {v.sampleCount} sample
                  {v.sampleCount === 1 ? '' : 's'} · used {v.usageCount} time
                  {v.usageCount === 1 ? '' : 's'}
                  {v.description ? ` · ${v.description}` : ''}
                </p>
              </div>
              <div className="flex items-center gap-1">
                <Button
                  size="sm"
                  variant="outline"
                  disabled={isSelected}
                  onClick={() => onUseVoice(v.elevenlabsVoiceId)}
                >
                  Use
                </Button>
                <Button
                  size="icon-sm"
                  variant="ghost"
                  label={`Rename ${v.name}`}
                  onClick={() => setRenaming(v)}
                >
                  <Pencil aria-hidden />
                </Button>
                <Button
                  size="icon-sm"
                  variant="ghost"
                  label={`Delete ${v.name}`}
                  onClick={() => setDeleting(v)}
                >
                  <Trash2 aria-hidden />
                </Button>
              </div>
            </li>
          )
        })}
      </ul>
      {list.data.hasMore ? (
        <p className="text-xs text-muted-foreground">
          Showing the newest {voices.length} of {list.data.total} voices.
        </p>
      ) : null}
      {renaming ? (
        <RenameDialog key={renaming.id} voice={renaming} onClose={() => setRenaming(null)} />
      ) : null}
      {deleting ? (
        <DeleteDialog
          key={deleting.id}
          voice={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={onDeleted}
        />
      ) : null}
    </>
  )
}

function DeleteDialog({
  voice,
  onClose,
  onDeleted,
}: {
  voice: ClonedVoice
  onClose: () => void
  onDeleted: (voice: ClonedVoice) => void
}) {
  const remove = useDeleteVoice()
  return (
    <ConfirmMutationDialog
      open
      onOpenChange={(open) => (open ? null : onClose())}
      title={`Delete “${voice.name}”?`}
      description="The voice is removed at the provider and can no longer be used for speech. Its creation cost is not refunded."
      confirmLabel="Delete voice"
      mutation={remove}
      onConfirm={(close) =>
        remove.mutate(voice.id, {
          onSuccess: () => {
            onDeleted(voice)
            close()
          },
        })
      }
    />
  )
}

function RenameDialog({ voice, onClose }: { voice: ClonedVoice; onClose: () => void }) {
  const rename = useRenameVoice()
  const [name, setName] = useState(voice.name)
  const trimmed = name.trim()
  const error =
    trimmed === ''
      ? 'Give the voice a name.'
      : trimmed.length > 100
        ? 'At most 100 characters.'
        : undefined
  return (
    <Dialog open onOpenChange={(open) => !open && !rename.isPending && onClose()}>
      <DialogContent className="max-w-md">
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault()
            if (error) return
            rename.mutate({ id: voice.id, name: trimmed }, { onSuccess: onClose })
          }}
        >
          <DialogHeader>
            <DialogTitle>Rename voice</DialogTitle>
            <DialogDescription>The new name is also sent to the provider. Free.</DialogDescription>
          </DialogHeader>
          <Field label="Voice name" error={error}>
            <Input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
          </Field>
          {rename.isError ? (
            <Alert variant="destructive" role="alert">
              <AlertDescription>{rename.error.message}</AlertDescription>
            </Alert>
          ) : null}
          <DialogFooter>
            <Button variant="outline" onClick={onClose} disabled={rename.isPending}>
              Cancel
            </Button>
            <Button type="submit" pending={rename.isPending} disabled={Boolean(error)}>
              Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
