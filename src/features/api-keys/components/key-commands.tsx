import { KeyRound } from 'lucide-react'
import { useMemo } from 'react'
import { useRegisterCommands, type PaletteCommand } from '@/components/command-palette'

/** Cmd+K on every page: "Create key" (mounted by the root once the palette first opens). */
export function KeyCommands({ onCreateKey }: { onCreateKey: () => void }) {
  const commands = useMemo<PaletteCommand[]>(
    () => [
      {
        id: 'api-keys:create',
        label: 'Create key',
        group: 'Actions',
        icon: KeyRound,
        keywords: ['api key', 'new key', 'token', 'secret', 'access'],
        perform: onCreateKey,
      },
    ],
    [onCreateKey],
  )
  useRegisterCommands('api-keys:global', commands)
  return null
}
