import { useNavigate } from '@tanstack/react-router'
import { Bot } from 'lucide-react'
import { useMemo } from 'react'
import { useRegisterCommands, type PaletteCommand } from '@/components/command-palette'
import type { AgentSummary } from '../api/schemas'

/** How many loaded agents get a "Go to agent …" command (the palette is not a second list). */
const GO_TO_LIMIT = 50

/**
 * Cmd+K on the agents pages: "Go to agent <name>" for the first loaded agents ("New agent" is
 * global: components/agent-commands.tsx, mounted by the root).
 */
export function useAgentCommands(agents: readonly AgentSummary[] | undefined) {
  const navigate = useNavigate()
  const commands = useMemo<PaletteCommand[]>(
    () =>
      (agents ?? []).slice(0, GO_TO_LIMIT).map((a) => ({
        id: `agents:go:${a.id}`,
        label: `Go to agent ${a.name}`,
        group: 'Agents',
        icon: Bot,
        perform: () => void navigate({ to: '/agents/$agentId', params: { agentId: a.id } }),
      })),
    [agents, navigate],
  )
  useRegisterCommands('agents', commands)
}
