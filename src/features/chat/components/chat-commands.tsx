import { useQuery } from '@tanstack/react-query'
import { Bot, MessageSquarePlus } from 'lucide-react'
import { useMemo } from 'react'
import { useRegisterCommands, type PaletteCommand } from '@/components/command-palette'
import { agentListQuery } from '@/features/agents/api/queries'

/** The agents offered as "Chat with …" (the same list as the playground's picker). */
const COMMAND_AGENT_PARAMS = { limit: 100, sortBy: 'updated', order: 'desc' } as const

type ChatCommandsProps = {
  onNewChat: () => void
  onChatWithAgent: (agentId: string) => void
}

/** Cmd+K: "New chat" and "Chat with <agent>" for each of my agents. */
export function ChatCommands({ onNewChat, onChatWithAgent }: ChatCommandsProps) {
  const agents = useQuery(agentListQuery(COMMAND_AGENT_PARAMS))
  const commands = useMemo<PaletteCommand[]>(
    () => [
      {
        id: 'chat:new',
        label: 'New chat',
        group: 'Chat',
        icon: MessageSquarePlus,
        keywords: ['chat', 'playground', 'conversation', 'model'],
        perform: onNewChat,
      },
      ...(agents.data?.agents ?? []).map((a) => ({
        id: `chat:agent:${a.id}`,
        label: `Chat with ${a.name}`,
        group: 'Chat',
        icon: Bot,
        keywords: ['chat', 'agent', 'persona'],
        perform: () => onChatWithAgent(a.id),
      })),
    ],
    [agents.data, onNewChat, onChatWithAgent],
  )
  useRegisterCommands('chat', commands)
  return null
}
