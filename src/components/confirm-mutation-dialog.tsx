import { useState, type ReactNode } from 'react'
import { ErrorState } from '@/components/error-state'
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogConfirm,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog'

/** What the dialog reads of a react-query mutation. */
type MutationState = { isPending: boolean; isError: boolean; error: unknown; reset: () => void }

type ConfirmMutationDialogProps = {
  /** The button that opens it. Leave out and pass `open`/`onOpenChange` to open it from outside. */
  trigger?: ReactNode
  open?: boolean
  onOpenChange?: (open: boolean) => void
  title: ReactNode
  description: ReactNode
  confirmLabel: string
  mutation: MutationState
  /** Starts the mutation; call `close` on success. A failure stays in the dialog, with Retry. */
  onConfirm: (close: () => void) => void
}

/**
 * A destructive action behind a confirmation (docs/architecture.md: AlertDialog for destructive actions):
 * the error of a refused attempt shows inside the dialog, the dialog can't be dismissed while the
 * request runs, and closing it forgets the attempt.
 */
export function ConfirmMutationDialog({
  trigger,
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  mutation,
  onConfirm,
}: ConfirmMutationDialogProps) {
  const [ownOpen, setOwnOpen] = useState(false)
  const isOpen = open ?? ownOpen
  const apply = (next: boolean) => {
    if (open === undefined) setOwnOpen(next)
    onOpenChange?.(next)
    if (!next) mutation.reset()
  }
  return (
    <AlertDialog open={isOpen} onOpenChange={(next) => (mutation.isPending ? null : apply(next))}>
      {trigger ? <AlertDialogTrigger asChild>{trigger}</AlertDialogTrigger> : null}
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </AlertDialogHeader>
        {mutation.isError ? <ErrorState error={mutation.error} /> : null}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={mutation.isPending} />
          <AlertDialogConfirm
            pending={mutation.isPending}
            onClick={() => onConfirm(() => apply(false))}
          >
            {confirmLabel}
          </AlertDialogConfirm>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  )
}
