import { useQuery } from '@tanstack/react-query'
import { Box, Rocket } from 'lucide-react'
import { useMemo } from 'react'
import { useRegisterCommands, type PaletteCommand } from '@/components/command-palette'
import { containerListQuery } from '../api/queries'

type ContainerCommandsProps = {
  onDeploy: () => void
  onOpen: (containerId: string) => void
}

/**
 * Cmd+K on every page (mounted by the root once the palette first opens): "Deploy container" and
 * "Go to container <name>" for each container of the organization.
 */
export function ContainerCommands({ onDeploy, onOpen }: ContainerCommandsProps) {
  const containers = useQuery(containerListQuery())
  const commands = useMemo<PaletteCommand[]>(
    () => [
      {
        id: 'containers:deploy',
        label: 'Deploy container',
        group: 'Actions',
        icon: Rocket,
        keywords: ['container', 'deploy', 'docker', 'image', 'ecr', 'new'],
        perform: onDeploy,
      },
      ...(containers.data ?? []).map((c) => ({
        id: `containers:go:${c.id}`,
        label: `Go to container ${c.name}`,
        group: 'Containers',
        icon: Box,
        keywords: ['container', c.projectName ?? '', c.status],
        perform: () => onOpen(c.id),
      })),
    ],
    [containers.data, onDeploy, onOpen],
  )
  useRegisterCommands('containers', commands)
  return null
}
