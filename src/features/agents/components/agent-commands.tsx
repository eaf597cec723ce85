import { Plus } from 'lucide-react'
import { useMemo } from 'react'
import { useRegisterCommands, type PaletteCommand } from '@/components/command-palette'

/** Cmd+K on every page: "New agent" (mounted by the root once the palette first opens). */
export function AgentCommands({ onNewAgent }: { onNewAgent: () => void }) {
  const commands = useMemo<PaletteCommand[]>(
    () => [
      {
        id: 'agents:new',
        label: 'New agent',
        group: 'Actions',
        icon: Plus,
        keywords: ['create', 'agent', 'character', 'persona'],
        perform: onNewAgent,
      },
    ],
    [onNewAgent],
  )
  useRegisterCommands('agents:global', commands)
  return null
}
