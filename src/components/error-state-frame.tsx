import { RotateCw } from 'lucide-react'
import type { ReactNode } from 'react'
import { Button } from '@/components/ui/button'
import { cn } from '@/lib/cn'
import type { ErrorStateProps } from './error-state'

type FrameProps = Required<Pick<ErrorStateProps, 'size' | 'headingLevel'>> &
  Pick<ErrorStateProps, 'className'> & {
    /** The round badge left of the title. */
    marker: ReactNode
    title: ReactNode
    /** Shown under the title (description, countdown). */
    body?: ReactNode
    /** The row under the text (Retry, the error's own action); omitted when null. */
    actions?: ReactNode
    /** Below everything (the details). */
    children?: ReactNode
  }

/** The alert's frame: marker, title, body, actions and details (error-state-view.tsx fills it). */
export function ErrorStateFrame({
  size,
  headingLevel,
  className,
  marker,
  title,
  body,
  actions,
  children,
}: FrameProps) {
  const Heading = headingLevel === 1 ? 'h1' : headingLevel === 2 ? 'h2' : 'h3'
  const heading = (
    <Heading className={cn('leading-snug font-semibold', size === 'page' ? 'text-lg' : 'text-sm')}>
      {title}
    </Heading>
  )
  return (
    <div
      data-slot="error-state"
      role="alert"
      className={cn(
        'flex flex-col gap-3',
        size === 'page' && 'mx-auto w-full max-w-xl items-start rounded-xl border bg-card p-6',
        className,
      )}
    >
      <div className="flex items-start gap-3">
        {marker}
        {body === undefined ? (
          heading
        ) : (
          <div className="grid min-w-0 gap-1">
            {heading}
            {body}
          </div>
        )}
      </div>
      {actions}
      {children}
    </div>
  )
}

/** The error's Retry button; `isWaiting` holds it while a rate limit asks to wait. */
export function RetryButton({
  onRetry,
  isRetrying,
  isWaiting,
  label,
}: {
  onRetry: () => void
  isRetrying: boolean
  isWaiting: boolean
  label: string
}) {
  return (
    <Button size="sm" variant="outline" onClick={onRetry} pending={isRetrying} disabled={isWaiting}>
      {isRetrying ? null : <RotateCw aria-hidden />}
      {label}
    </Button>
  )
}
