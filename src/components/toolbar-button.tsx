import type { LucideIcon } from 'lucide-react'
import type { ComponentProps } from 'react'
import { Button } from '@/components/ui/button'

/**
 * An outline toolbar button whose text hides on narrow screens; the text stays its accessible
 * name. Spreads the remaining props so it can sit inside a Radix `…Trigger asChild`.
 */
export function ToolbarButton({
  icon: Icon,
  label,
  ...props
}: Omit<ComponentProps<'button'>, 'children' | 'aria-label'> & {
  icon: LucideIcon
  label: string
}) {
  return (
    <Button variant="outline" size="sm" {...props}>
      <Icon aria-hidden />
      <span className="hidden sm:inline">{label}</span>
      <span className="sr-only sm:hidden">{label}</span>
    </Button>
  )
}
