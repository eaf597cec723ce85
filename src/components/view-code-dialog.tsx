import { Check, Code2, Copy } from 'lucide-react'
import { useState, type ReactNode } from 'react'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { cn } from '@/lib/cn'
import { useCopy } from '@/lib/use-copy'
import type { CodeSample } from '@/lib/code-samples'
import { ToolbarButton } from '@/components/toolbar-button'

/**
 * A request as code. The key is written as the proxy's key variable (named by
 * `/_console/info`), never its value; until the proxy has answered there is nothing to show.
 * `samples` is called only while the dialog is open, so callers may build them lazily.
 */
export function ViewCodeDialog({
  samples,
  keyVariable,
  description,
  keyNote,
  triggerLabel = 'View code',
}: {
  samples: () => CodeSample[]
  keyVariable: string | null
  /** What the code does, e.g. "The request the next Send makes". */
  description: string
  /** Replaces "Set <variable> in your environment…" when the code needs no key of its own. */
  keyNote?: ReactNode
  triggerLabel?: string
}) {
  const [isOpen, setIsOpen] = useState(false)
  const [current, setCurrent] = useState<CodeSample['id']>('curl')
  const { isCopied, copy } = useCopy()
  const list = isOpen ? samples() : []
  const shown = list.find((s) => s.id === current) ?? list[0]
  return (
    <Dialog open={isOpen} onOpenChange={setIsOpen}>
      <DialogTrigger asChild>
        <ToolbarButton icon={Code2} label={triggerLabel} />
      </DialogTrigger>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>View code</DialogTitle>
          <DialogDescription>
            {keyVariable === null ? (
              'Waiting for the local proxy to say which variable holds the key.'
            ) : keyNote !== undefined ? (
              <>
                {description} {keyNote}
              </>
            ) : (
              <>
                {description} Set <code className="font-mono">{keyVariable}</code> in your
                environment; the console never shows the key.
              </>
            )}
          </DialogDescription>
        </DialogHeader>
        <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Language">
          {list.map((s) => (
            <Button
              key={s.id}
              size="sm"
              variant={s.id === shown?.id ? 'secondary' : 'ghost'}
              aria-pressed={s.id === shown?.id}
              onClick={() => setCurrent(s.id)}
            >
              {s.label}
            </Button>
          ))}
          <Button
            size="sm"
            variant="outline"
            className="ml-auto"
            onClick={() => (shown ? void copy(shown.code) : undefined)}
          >
            {isCopied ? <Check aria-hidden /> : <Copy aria-hidden />}
            {isCopied ? 'Copied' : 'Copy code'}
          </Button>
        </div>
        <pre
          aria-label={`${shown?.label ?? ''} code`}
          className={cn(
            'max-h-[55vh] overflow-auto rounded-md border bg-muted/60 p-3 font-mono text-xs leading-relaxed',
          )}
        >
          <code>{shown?.code}</code>
        </pre>
      </DialogContent>
    </Dialog>
  )
}
