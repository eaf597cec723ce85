import type { ComponentProps } from 'react'
import { cn } from '@/lib/cn'

/** A placeholder block shaped like the content it stands for. Hidden from assistive tech. */
export function Skeleton({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden
      className={cn('animate-pulse rounded-md bg-muted', className)}
      {...props}
    />
  )
}
