import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react'
import { cn } from '@/lib/cn'

type ControlProps = {
  id?: string
  'aria-describedby'?: string
  'aria-invalid'?: boolean
}

type FieldProps = {
  label: ReactNode
  /** Help text under the control. */
  description?: ReactNode
  /** The message shown when the value is refused; also sets aria-invalid on the control. */
  error?: string
  className?: string
  /** One form control (input, textarea, select); it receives id, aria-describedby and aria-invalid. */
  children: ReactElement<ControlProps>
}

/**
 * Wires a label, a description and an error to one control (docs/architecture.md §8): the label names it,
 * the description and error describe it, and an error marks it invalid.
 */
export function Field({ label, description, error, className, children }: FieldProps) {
  const id = useId()
  const controlId = children.props.id ?? `${id}-control`
  const descriptionId = description ? `${id}-description` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [descriptionId, errorId].filter(Boolean).join(' ') || undefined
  const control = isValidElement(children)
    ? cloneElement(children, {
        id: controlId,
        'aria-describedby': describedBy,
        'aria-invalid': error ? true : undefined,
      })
    : children
  return (
    <div data-slot="field" className={cn('grid content-start gap-1.5', className)}>
      <label htmlFor={controlId} className="text-sm leading-5 font-medium text-foreground">
        {label}
      </label>
      {control}
      {description ? (
        <p id={descriptionId} className="text-xs text-muted-foreground">
          {description}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-xs font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  )
}
