import { Radio } from 'lucide-react'
import { useState } from 'react'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import type { ChatSession } from '../session/chat-session'
import { useSessionSelector } from '../hooks/use-chat-session'
import { ToolbarButton } from '@/components/toolbar-button'

function Frames({ session }: { session: ChatSession }) {
  // Re-read on every flushed frame and status change while open.
  useSessionSelector(session, (s) => s.streaming?.text.length ?? -1)
  useSessionSelector(session, (s) => s.status)
  const frames = session.getFrames()
  if (frames.length === 0) {
    return <p className="text-sm text-muted-foreground">No reply has been streamed here yet.</p>
  }
  return (
    <ol
      aria-label="Frames"
      className="max-h-[60vh] overflow-auto rounded-md border bg-muted/60 p-2 font-mono text-xs"
    >
      {frames.map((f, i) => (
        <li key={i} className="flex gap-3 border-b border-border/50 py-1 last:border-0">
          <span className="w-14 shrink-0 text-right text-muted-foreground tabular-nums">
            {Math.round(f.atMs)} ms
          </span>
          <span className="min-w-0 break-all">data: {f.data}</span>
        </li>
      ))}
    </ol>
  )
}

/** The SSE frames of the last reply, as they arrived. */
export function StreamInspector({ session }: { session: ChatSession }) {
  const [isOpen, setIsOpen] = useState(false)
  return (
    <Dialog open={isOpen} onOpenChange={setIsOpen}>
      <DialogTrigger asChild>
        <ToolbarButton icon={Radio} label="Raw stream" />
      </DialogTrigger>
      <DialogContent className="max-w-3xl">
        <DialogHeader>
          <DialogTitle>Raw stream</DialogTitle>
          <DialogDescription>
            The server-sent events of the last reply, with the time since the request started.
          </DialogDescription>
        </DialogHeader>
        {isOpen ? <Frames session={session} /> : null}
      </DialogContent>
    </Dialog>
  )
}
