import { cva, type VariantProps } from 'class-variance-authority'
import { Loader2 } from 'lucide-react'
import type { ComponentProps } from 'react'
import { cn } from '@/lib/cn'
import { Slot } from './slot'

export const buttonVariants = cva(
  "inline-flex shrink-0 items-center justify-center gap-2 rounded-md text-sm font-medium whitespace-nowrap transition-colors outline-none select-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background disabled:pointer-events-none disabled:opacity-50 aria-busy:cursor-progress [&_svg]:pointer-events-none [&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4",
  {
    variants: {
      variant: {
        default: 'bg-primary text-primary-foreground shadow-card hover:bg-primary/90',
        secondary: 'bg-secondary text-secondary-foreground hover:bg-secondary/70',
        outline:
          'border border-border bg-card text-foreground shadow-card hover:bg-accent hover:text-accent-foreground',
        ghost: 'text-foreground hover:bg-accent hover:text-accent-foreground',
        destructive:
          'bg-destructive text-destructive-foreground shadow-card hover:bg-destructive/90',
        link: 'h-auto px-0 text-primary underline-offset-4 hover:underline',
      },
      size: {
        sm: 'h-8 px-3 text-[13px]',
        md: 'h-9 px-4',
        lg: 'h-10 px-5',
        icon: 'size-9',
        'icon-sm': 'size-8',
      },
    },
    defaultVariants: { variant: 'default', size: 'md' },
  },
)

type BaseProps = Omit<ComponentProps<'button'>, 'aria-label'> &
  Omit<VariantProps<typeof buttonVariants>, 'size'> & {
    asChild?: boolean
    /** Shows a spinner, sets aria-busy and disables the button. */
    pending?: boolean
  }

/** Icon-only sizes require `label` (the accessible name); text buttons take their name from the text. */
export type ButtonProps =
  | (BaseProps & { size?: 'sm' | 'md' | 'lg' | null; label?: string })
  | (BaseProps & { size: 'icon' | 'icon-sm'; label: string })

export function Button({
  className,
  variant,
  size,
  asChild = false,
  pending = false,
  disabled,
  label,
  children,
  type,
  ...props
}: ButtonProps) {
  const Comp = asChild ? Slot : 'button'
  return (
    <Comp
      data-slot="button"
      type={asChild ? undefined : (type ?? 'button')}
      aria-label={label}
      aria-busy={pending || undefined}
      disabled={asChild ? undefined : disabled || pending}
      className={cn(buttonVariants({ variant, size }), className)}
      {...props}
    >
      {pending && !asChild ? (
        <>
          <Loader2 aria-hidden className="animate-spin" />
          {size === 'icon' || size === 'icon-sm' ? null : children}
        </>
      ) : (
        children
      )}
    </Comp>
  )
}
