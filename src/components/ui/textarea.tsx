import type { ComponentProps } from 'react'
import { cn } from '@/lib/cn'

export function Textarea({ className, rows = 3, ...props }: ComponentProps<'textarea'>) {
  return (
    <textarea
      data-slot="textarea"
      rows={rows}
      className={cn(
        'flex w-full min-w-0 rounded-md border border-input bg-card px-3 py-2 text-sm text-foreground shadow-card transition-colors outline-none placeholder:text-muted-foreground read-only:bg-muted/40 focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-1 focus-visible:ring-offset-background disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-destructive',
        className,
      )}
      {...props}
    />
  )
}
