import type { ComponentProps } from 'react'
import { cn } from '@/lib/cn'

type SkipLinkProps = Omit<ComponentProps<'a'>, 'href'> & { targetId: string }

/** The first focusable element: hidden until focused, then jumps past the navigation. */
export function SkipLink({ targetId, className, children, ...props }: SkipLinkProps) {
  return (
    <a
      data-slot="skip-link"
      href={`#${targetId}`}
      className={cn(
        'fixed top-2 left-2 z-[100] -translate-y-16 rounded-md bg-primary px-4 py-2 text-sm font-medium text-primary-foreground shadow-pop transition-transform focus:translate-y-0 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring',
        className,
      )}
      {...props}
    >
      {children ?? 'Skip to content'}
    </a>
  )
}
