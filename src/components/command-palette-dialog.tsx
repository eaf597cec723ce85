// Split for the bundle: cmdk and the dialog load at the palette's first open, off the first page.
import { useMemo, useState, type RefObject } from 'react'
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
import { rankCommands } from './palette-score'

const GROUP_ORDER = ['Pages', 'Actions', 'Theme']

type CommandPaletteDialogProps = {
  open: boolean
  onOpenChange: (open: boolean) => void
  sources: ReadonlyMap<string, readonly PaletteCommand[]>
  /** Gets the focus back when the dialog closes (the element focused before it opened). */
  returnFocusRef: RefObject<HTMLElement | null>
}

/**
 * The palette's dialog; loaded on first use by CommandPaletteProvider. The ranking is the
 * palette's own (palette-score.ts), not cmdk's: the best match is selected whenever the results
 * change, also when commands arrive after the user started typing (the features' commands load
 * on the first open).
 */
export function CommandPaletteDialog({
  open,
  onOpenChange,
  sources,
  returnFocusRef,
}: CommandPaletteDialogProps) {
  const [search, setSearch] = useState('')
  const groups = useMemo(
    () => rankCommands([...sources.values()].flat(), search, GROUP_ORDER),
    [sources, search],
  )
  const best = groups[0]?.[1][0]?.id ?? ''
  const [selected, setSelected] = useState(best)
  const [selectedFor, setSelectedFor] = useState(best)
  if (best !== selectedFor) {
    setSelectedFor(best)
    setSelected(best)
  }

  // each opening starts from an empty search
  const [wasOpen, setWasOpen] = useState(open)
  if (open !== wasOpen) {
    setWasOpen(open)
    if (open) setSearch('')
  }

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
      <Command
        label="Search pages and actions"
        loop
        shouldFilter={false}
        value={selected}
        onValueChange={setSelected}
        onKeyDown={(event) => {
          // Enter runs the selected command from this list itself: cmdk finds it through the DOM,
          // which can miss a command that registered a moment before (the features' commands).
          if (event.key !== 'Enter' || event.nativeEvent.isComposing) return
          const command = groups.flatMap(([, c]) => c).find((c) => c.id === selected)
          if (!command) return
          event.preventDefault()
          handleSelect(command)
        }}
      >
        <CommandInput
          placeholder="Search pages and actions…"
          value={search}
          onValueChange={setSearch}
        />
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
