import { useBlocker } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogConfirm,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog'

/** "Leave this page?" for a navigation that would lose what was typed (a router blocker's prompt). */
export function UnsavedChangesDialog({
  open,
  description,
  onStay,
  onLeave,
}: {
  open: boolean
  description: ReactNode
  onStay: () => void
  onLeave: () => void
}) {
  return (
    <AlertDialog open={open} onOpenChange={(next) => (next ? null : onStay())}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Leave this page?</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel onClick={onStay}>Stay</AlertDialogCancel>
          <AlertDialogConfirm onClick={onLeave}>Leave</AlertDialogConfirm>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  )
}

/**
 * Asks "Leave this page?" before an in-app navigation or Back would throw away unsaved changes,
 * and lets the browser ask before a reload or a closed tab, whenever `shouldBlock()` says so at
 * that moment (read then, so a ref such as "leaving on purpose after Save" can be honoured).
 */
export function UnsavedChangesGuard({
  shouldBlock,
  description,
}: {
  shouldBlock: () => boolean
  description: ReactNode
}) {
  const blocker = useBlocker({
    shouldBlockFn: shouldBlock,
    enableBeforeUnload: shouldBlock,
    withResolver: true,
  })
  return (
    <UnsavedChangesDialog
      open={blocker.status === 'blocked'}
      description={description}
      onStay={() => blocker.reset?.()}
      onLeave={() => blocker.proceed?.()}
    />
  )
}

/** "● Unsaved changes", beside a form's Save button while it has changes to save. */
export function UnsavedChangesNote() {
  return (
    <span role="status" className="flex items-center gap-1.5 text-sm text-muted-foreground">
      <span aria-hidden className="size-2 rounded-full bg-warning" />
      Unsaved changes
    </span>
  )
}
