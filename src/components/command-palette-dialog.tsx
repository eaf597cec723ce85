import { useMemo, type RefObject } from 'react'
import {
  Command,
  CommandDialog,
  CommandEmpty,
  CommandGroup,
  CommandInput,
  CommandItem,
  CommandList,
} from '@/components/ui/command'
import type { PaletteCommand } from './command-palette'

const GROUP_ORDER = ['Pages', 'Actions', 'Theme']

type CommandPaletteDialogProps = {
  open: boolean
  onOpenChange: (open: boolean) => void
  sources: ReadonlyMap<string, readonly PaletteCommand[]>
  /** Gets the focus back when the dialog closes (the element focused before it opened). */
  returnFocusRef: RefObject<HTMLElement | null>
}

/** The palette's dialog; loaded on first use by CommandPaletteProvider. */
export function CommandPaletteDialog({
  open,
  onOpenChange,
  sources,
  returnFocusRef,
}: CommandPaletteDialogProps) {
  const groups = useMemo(() => {
    const byGroup = new Map<string, PaletteCommand[]>()
    for (const commands of sources.values()) {
      for (const command of commands) {
        byGroup.set(command.group, [...(byGroup.get(command.group) ?? []), command])
      }
    }
    const rank = (g: string) => (GROUP_ORDER.includes(g) ? GROUP_ORDER.indexOf(g) : 99)
    return [...byGroup.entries()].sort(([a], [b]) => rank(a) - rank(b))
  }, [sources])

  function handleSelect(command: PaletteCommand) {
    onOpenChange(false)
    command.perform()
  }

  return (
    <CommandDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Command palette"
      description="Search for a page or an action, then press Enter."
      onCloseAutoFocus={(event) => {
        const target = returnFocusRef.current
        if (target?.isConnected) {
          event.preventDefault()
          target.focus()
        }
      }}
    >
      <Command label="Search pages and actions" loop>
        <CommandInput placeholder="Search pages and actions…" />
        <CommandList>
          <CommandEmpty>No matching pages or actions.</CommandEmpty>
          {groups.map(([group, commands]) => (
            <CommandGroup key={group} heading={group}>
              {commands.map((command) => {
                const Icon = command.icon
                return (
                  <CommandItem
                    key={command.id}
                    value={command.id}
                    keywords={[command.label, ...(command.keywords ?? [])]}
                    onSelect={() => handleSelect(command)}
                  >
                    {Icon ? <Icon aria-hidden /> : null}
                    {command.label}
                  </CommandItem>
                )
              })}
            </CommandGroup>
          ))}
        </CommandList>
      </Command>
    </CommandDialog>
  )
}
