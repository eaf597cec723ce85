import { useId } from 'react'
import { CopyButton } from '@/components/copy-button'
import { Input } from '@/components/ui/input'

type CopyableValueProps = {
  label: string
  value: string
  /** The copy button's accessible name; `Copy <label>` unless given. */
  copyLabel?: string
  /** An icon-only copy button. */
  compact?: boolean
}

/** A read-only value (a link, an endpoint) with its label and a copy button; focus selects it. */
export function CopyableValue({ label, value, copyLabel, compact = false }: CopyableValueProps) {
  const id = useId()
  return (
    <div className="grid gap-1.5">
      <label htmlFor={id} className="text-sm leading-5 font-medium text-foreground">
        {label}
      </label>
      <div className="flex gap-2">
        <Input
          id={id}
          readOnly
          value={value}
          className="font-mono text-xs"
          onFocus={(e) => e.target.select()}
        />
        <CopyButton text={value} label={copyLabel ?? `Copy ${label}`} compact={compact} />
      </div>
    </div>
  )
}
