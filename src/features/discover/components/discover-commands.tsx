import { useQueries } from '@tanstack/react-query'
import { Bot, Server } from 'lucide-react'
import { useMemo } from 'react'
import { useRegisterCommands, type PaletteCommand } from '@/components/command-palette'
import { mergeDirectory } from '../api/directory'
import { directoryQuery } from '../api/queries'
import type { Service } from '../api/schemas'

const ALL = { query: '', category: '', tag: '', x402Only: false }

/**
 * Cmd+K on every page (mounted once the palette first opens, so the directory is fetched only
 * then): each public service by name, opening its page in Discover.
 */
export function DiscoverCommands({ onOpen }: { onOpen: (service: Service) => void }) {
  const services = useQueries({
    queries: (['agent', 'mcp'] as const).map((type) => directoryQuery({ type, ...ALL })),
    combine: (results) =>
      mergeDirectory(
        results.flatMap((r, i) =>
          r.data ? [{ type: i === 0 ? ('agent' as const) : ('mcp' as const), page: r.data }] : [],
        ),
      ).services,
  })
  const commands = useMemo<PaletteCommand[]>(
    () =>
      services.map((s) => ({
        id: `discover:${s.type}:${s.id}`,
        label: s.name,
        group: 'Discover',
        icon: s.type === 'agent' ? Bot : Server,
        keywords: ['discover', 'public', s.type === 'agent' ? 'agent' : 'mcp server', ...s.tags],
        perform: () => onOpen(s),
      })),
    [services, onOpen],
  )
  useRegisterCommands('discover', commands)
  return null
}
