import { Check, Copy } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { useCopy } from '@/lib/use-copy'

type CopyButtonProps = {
  text: string
  /** The accessible name, and the button's text unless `compact` ("Copy link", "Copy logs"). */
  label: string
  disabled?: boolean
  /** An icon-only ghost button (message and code-block toolbars). */
  compact?: boolean
}

/** Copies `text`; reads "Copied" for a moment. */
export function CopyButton({ text, label, disabled, compact = false }: CopyButtonProps) {
  const { isCopied, copy } = useCopy()
  const icon = isCopied ? <Check aria-hidden /> : <Copy aria-hidden />
  if (compact) {
    return (
      <Button
        size="icon-sm"
        variant="ghost"
        label={isCopied ? 'Copied' : label}
        disabled={disabled}
        onClick={() => void copy(text)}
        className="size-7 text-muted-foreground"
      >
        {icon}
      </Button>
    )
  }
  return (
    <Button variant="outline" size="sm" disabled={disabled} onClick={() => void copy(text)}>
      {icon}
      {isCopied ? 'Copied' : label}
    </Button>
  )
}
