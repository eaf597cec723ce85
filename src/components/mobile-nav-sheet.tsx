// Split for the bundle: loaded when the phone menu is first opened, off the first page.
import type { RefObject } from 'react'
import { Sheet, SheetContent, SheetDescription, SheetTitle } from '@/components/ui/sheet'
import { VisuallyHidden } from '@/components/ui/visually-hidden'
import { Brand, SidebarFooter, SidebarNav } from './app-sidebar'

type MobileNavSheetProps = {
  /** id of the sheet, which the menu button's aria-controls names. */
  id: string
  open: boolean
  onOpenChange: (open: boolean) => void
  /** The menu button, which gets the focus back on close (it is not a Radix Trigger). */
  triggerRef: RefObject<HTMLButtonElement | null>
}

/** The mobile navigation sheet; loaded on first use by MobileNav. */
export function MobileNavSheet({ id, open, onOpenChange, triggerRef }: MobileNavSheetProps) {
  return (
    <Sheet open={open} onOpenChange={onOpenChange}>
      <SheetContent
        id={id}
        side="left"
        closeLabel="Close navigation"
        onCloseAutoFocus={(event) => {
          event.preventDefault()
          triggerRef.current?.focus()
        }}
      >
        <div className="flex h-14 items-center px-5">
          <SheetTitle asChild>
            <h2>
              <Brand />
              <VisuallyHidden> navigation</VisuallyHidden>
            </h2>
          </SheetTitle>
          <VisuallyHidden>
            <SheetDescription>Pages of the console</SheetDescription>
          </VisuallyHidden>
        </div>
        <div className="flex flex-1 flex-col gap-4 overflow-y-auto pt-3">
          <SidebarNav onNavigate={() => onOpenChange(false)} />
          <SidebarFooter />
        </div>
      </SheetContent>
    </Sheet>
  )
}
