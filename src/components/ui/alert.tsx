import { cva, type VariantProps } from 'class-variance-authority'
import type { ComponentProps } from 'react'
import { cn } from '@/lib/cn'

const alertVariants = cva(
  'relative grid w-full grid-cols-[0_1fr] items-start gap-y-1 rounded-lg border px-4 py-3 text-sm has-[>svg]:grid-cols-[1.25rem_1fr] has-[>svg]:gap-x-3 [&>svg]:mt-0.5 [&>svg]:size-4 [&>svg]:text-current',
  {
    variants: {
      variant: {
        default: 'border-border bg-card text-card-foreground',
        destructive: 'border-destructive/30 bg-destructive-soft text-destructive',
        warning: 'border-warning/30 bg-warning-soft text-warning',
        info: 'border-primary/25 bg-info-soft text-foreground',
      },
    },
    defaultVariants: { variant: 'default' },
  },
)

type AlertProps = ComponentProps<'div'> & VariantProps<typeof alertVariants>

/** A static callout. Pass role="alert" only when it appears in response to an action. */
export function Alert({ className, variant, ...props }: AlertProps) {
  return <div data-slot="alert" className={cn(alertVariants({ variant }), className)} {...props} />
}

export function AlertTitle({ className, ...props }: ComponentProps<'p'>) {
  return (
    <p
      data-slot="alert-title"
      className={cn('col-start-2 leading-5 font-medium', className)}
      {...props}
    />
  )
}

export function AlertDescription({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div
      data-slot="alert-description"
      className={cn(
        'col-start-2 grid gap-1 text-sm text-foreground/80 [&_p]:leading-relaxed',
        className,
      )}
      {...props}
    />
  )
}
