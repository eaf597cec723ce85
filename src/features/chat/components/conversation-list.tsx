import { Download, MessageSquarePlus, MoreHorizontal, Pencil, Search, Trash2 } from 'lucide-react'
import { useState, type FormEvent, type MouseEvent } from 'react'
import { EmptyState } from '@/components/empty-state'
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
import { Alert, AlertDescription } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog'
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Skeleton } from '@/components/ui/skeleton'
import { cn } from '@/lib/cn'
import { formatRelativeTime } from '@/lib/format'
import { targetLabel, type Conversation } from '../storage/conversations'

type ConversationListProps = {
  conversations: readonly Conversation[] | undefined
  activeId: string | null
  hrefFor: (id: string) => string
  onOpen: (id: string) => void
  onNew: () => void
  onRename: (id: string, title: string) => Promise<void>
  onDelete: (id: string) => Promise<void>
  onExport: (conversation: Conversation, format: 'json' | 'markdown') => void
}

function matches(c: Conversation, q: string): boolean {
  const needle = q.toLowerCase()
  return (
    c.title.toLowerCase().includes(needle) ||
    targetLabel(c.target).toLowerCase().includes(needle) ||
    c.messages.some((m) => m.content.toLowerCase().includes(needle))
  )
}

/** Saved conversations: search, open, rename, delete, export. */
export function ConversationList({
  conversations,
  activeId,
  hrefFor,
  onOpen,
  onNew,
  onRename,
  onDelete,
  onExport,
}: ConversationListProps) {
  const [query, setQuery] = useState('')
  const [renaming, setRenaming] = useState<Conversation | null>(null)
  const [deleting, setDeleting] = useState<Conversation | null>(null)
  const shown = conversations?.filter((c) => !query.trim() || matches(c, query.trim()))

  const handleClick = (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    onOpen(id)
  }

  return (
    <nav aria-label="Conversations" className="flex min-h-0 flex-1 flex-col gap-3">
      <Button variant="outline" size="sm" onClick={onNew} className="justify-start">
        <MessageSquarePlus aria-hidden />
        New chat
      </Button>
      <div className="relative">
        <Search
          aria-hidden
          className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
        />
        <Input
          type="search"
          aria-label="Search conversations"
          placeholder="Search conversations"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className="pl-8"
        />
      </div>
      <div className="-mx-1 min-h-0 flex-1 overflow-y-auto px-1">
        {shown === undefined ? (
          <div className="grid gap-2" aria-hidden>
            <Skeleton className="h-12" />
            <Skeleton className="h-12" />
          </div>
        ) : shown.length === 0 ? (
          <EmptyState
            title={query ? 'No conversation matches' : 'No saved conversations'}
            description={query ? 'Try other words.' : 'Your chats are kept in this browser.'}
          />
        ) : (
          <ul className="grid grid-cols-[minmax(0,1fr)] gap-1">
            {shown.map((c) => (
              <li key={c.id} className="group relative">
                <a
                  href={hrefFor(c.id)}
                  onClick={(e) => handleClick(e, c.id)}
                  aria-current={c.id === activeId ? 'page' : undefined}
                  className={cn(
                    'block rounded-md py-2 pr-9 pl-2.5 text-sm outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring',
                    c.id === activeId && 'bg-accent font-medium',
                  )}
                >
                  <span className="block truncate">{c.title}</span>
                  <span className="block truncate text-xs font-normal text-muted-foreground">
                    {targetLabel(c.target)} · {formatRelativeTime(c.updatedAt)}
                  </span>
                </a>
                <DropdownMenu>
                  <DropdownMenuTrigger asChild>
                    <Button
                      size="icon-sm"
                      variant="ghost"
                      label={`Actions for ${c.title}`}
                      className="absolute top-1.5 right-1 size-7"
                    >
                      <MoreHorizontal aria-hidden />
                    </Button>
                  </DropdownMenuTrigger>
                  <DropdownMenuContent align="end">
                    <DropdownMenuItem onSelect={() => setRenaming(c)}>
                      <Pencil aria-hidden />
                      Rename
                    </DropdownMenuItem>
                    <DropdownMenuItem onSelect={() => onExport(c, 'markdown')}>
                      <Download aria-hidden />
                      Export Markdown
                    </DropdownMenuItem>
                    <DropdownMenuItem onSelect={() => onExport(c, 'json')}>
                      <Download aria-hidden />
                      Export JSON
                    </DropdownMenuItem>
                    <DropdownMenuSeparator />
                    <DropdownMenuItem onSelect={() => setDeleting(c)} className="text-destructive">
                      <Trash2 aria-hidden />
                      Delete
                    </DropdownMenuItem>
                  </DropdownMenuContent>
                </DropdownMenu>
              </li>
            ))}
          </ul>
        )}
      </div>
      {renaming ? (
        <RenameDialog
          conversation={renaming}
          onClose={() => setRenaming(null)}
          onRename={(title) => onRename(renaming.id, title)}
        />
      ) : null}
      {deleting ? (
        <DeleteDialog
          conversation={deleting}
          onClose={() => setDeleting(null)}
          onDelete={() => onDelete(deleting.id)}
        />
      ) : null}
    </nav>
  )
}

function RenameDialog({
  conversation,
  onClose,
  onRename,
}: {
  conversation: Conversation
  onClose: () => void
  onRename: (title: string) => Promise<void>
}) {
  const [title, setTitle] = useState(conversation.title)
  const [isPending, setIsPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault()
    if (!title.trim()) {
      setError('A title is required.')
      return
    }
    setIsPending(true)
    try {
      await onRename(title.trim())
      onClose()
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Could not rename.')
    } finally {
      setIsPending(false)
    }
  }
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Rename conversation</DialogTitle>
          <DialogDescription>The title is only stored in this browser.</DialogDescription>
        </DialogHeader>
        <form onSubmit={(e) => void handleSubmit(e)} className="grid gap-4">
          <Field label="Title" error={error ?? undefined}>
            <Input value={title} maxLength={120} onChange={(e) => setTitle(e.target.value)} />
          </Field>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" pending={isPending}>
              Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}

function DeleteDialog({
  conversation,
  onClose,
  onDelete,
}: {
  conversation: Conversation
  onClose: () => void
  onDelete: () => Promise<void>
}) {
  const [isPending, setIsPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const handleDelete = async () => {
    setIsPending(true)
    try {
      await onDelete()
      onClose()
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Could not delete.')
      setIsPending(false)
    }
  }
  return (
    <AlertDialog open onOpenChange={(open) => !open && onClose()}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete “{conversation.title}”?</AlertDialogTitle>
          <AlertDialogDescription>
            Its {conversation.messages.length} messages are removed from this browser. This cannot
            be undone.
          </AlertDialogDescription>
        </AlertDialogHeader>
        {error ? (
          <Alert variant="destructive">
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        ) : null}
        <AlertDialogFooter>
          <AlertDialogCancel />
          <AlertDialogConfirm pending={isPending} onClick={() => void handleDelete()}>
            Delete
          </AlertDialogConfirm>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  )
}
