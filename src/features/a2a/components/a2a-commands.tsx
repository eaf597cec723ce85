import { Network } from 'lucide-react'
import { useMemo } from 'react'
import { useRegisterCommands, type PaletteCommand } from '@/components/command-palette'

/** Cmd+K: "Send A2A task" opens the A2A console with its skill form. */
export function A2aCommands({ onSendTask }: { onSendTask: () => void }) {
  const commands = useMemo<PaletteCommand[]>(
    () => [
      {
        id: 'a2a:send-task',
        label: 'Send A2A task',
        group: 'Actions',
        icon: Network,
        keywords: ['a2a', 'agent to agent', 'json-rpc', 'message/send', 'skill', 'task'],
        perform: onSendTask,
      },
    ],
    [onSendTask],
  )
  useRegisterCommands('a2a:global', commands)
  return null
}
