import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { z } from 'zod/mini'
import { CopyButton } from '@/components/copy-button'
import { ErrorState } from '@/components/error-state'
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
import { useUpdateApiKey } from '../api/mutations'
import { keyNameInput, NAME_MAX, type ApiKey, type IssuedKey } from '../api/schemas'

type SecretDialogProps = {
  issued: IssuedKey
  /** Created, or regenerated (the old secret has stopped working). */
  reason: 'created' | 'regenerated'
  /** The upstream is the sandbox, which keeps only a hash of each secret. */
  isSandbox: boolean
  onClose: () => void
}

/**
 * The secret, once. Closing the dialog unmounts it, and its holder drops the secret: it is then in
 * neither the page nor the query cache (mutations.ts).
 */
export function SecretDialog({ issued, reason, isSandbox, onClose }: SecretDialogProps) {
  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>
            {reason === 'created'
              ? `Key “${issued.name}” created`
              : `New secret for “${issued.name}”`}
          </DialogTitle>
          <DialogDescription>
            Copy the secret now: this console shows it only in this dialog.
            {reason === 'regenerated' ? ' The old secret has already stopped working.' : ''}
          </DialogDescription>
        </DialogHeader>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Input
            readOnly
            aria-label="Secret key"
            value={issued.secret}
            onFocus={(event) => event.currentTarget.select()}
            className="font-mono text-xs"
          />
          <CopyButton text={issued.secret} label="Copy key" />
        </div>
        <p className="text-xs text-muted-foreground">
          Send it as the <code>X-API-Key</code> header (or <code>Authorization: Bearer …</code>).{' '}
          {isSandbox
            ? 'The sandbox keeps only a hash of it: once this dialog closes, nobody can read it again.'
            : 'elizaOS Cloud itself stores secrets, and its dashboard can show them again; this console will not.'}
        </p>
        <DialogFooter>
          <Button onClick={onClose}>Done</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  )
}

const renameInput = z.object({ name: keyNameInput })

/** Renames a key (PATCH `name`); the error of a refused attempt stays in the dialog. */
export function RenameDialog({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  const update = useUpdateApiKey()
  const form = useForm<{ name: string }>({
    resolver: zodResolver(renameInput),
    defaultValues: { name: apiKey.name },
  })
  const submit = form.handleSubmit(async ({ name }) => {
    try {
      await update.mutateAsync({ id: apiKey.id, name: name.trim() })
      onClose()
    } catch {
      // Shown below from the mutation's state; the name typed stays.
    }
  })
  return (
    <Dialog open onOpenChange={(open) => (open || update.isPending ? null : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Rename key</DialogTitle>
          <DialogDescription>
            Only the label changes: the secret, permissions and usage stay.
          </DialogDescription>
        </DialogHeader>
        <form
          id="rename-key-form"
          aria-label="Rename key"
          noValidate
          onSubmit={(event) => void submit(event)}
          className="grid gap-3"
        >
          <Field label="Name" error={form.formState.errors.name?.message}>
            <Input {...form.register('name')} maxLength={NAME_MAX + 20} autoComplete="off" />
          </Field>
          {update.isError ? <ErrorState error={update.error} /> : null}
        </form>
        <DialogFooter>
          <Button variant="outline" onClick={onClose} disabled={update.isPending}>
            Cancel
          </Button>
          <Button type="submit" form="rename-key-form" pending={update.isPending}>
            Save
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  )
}
