import { FilePlus2 } from 'lucide-react'
import { useMemo } from 'react'
import { useRegisterCommands, type PaletteCommand } from '@/components/command-palette'

/** Cmd+K: "Add knowledge" opens the knowledge page with its file picker focused. */
export function KnowledgeCommands({ onAddKnowledge }: { onAddKnowledge: () => void }) {
  const commands = useMemo<PaletteCommand[]>(
    () => [
      {
        id: 'knowledge:add',
        label: 'Add knowledge',
        group: 'Actions',
        icon: FilePlus2,
        keywords: ['knowledge', 'document', 'upload', 'file', 'rag', 'pdf'],
        perform: onAddKnowledge,
      },
    ],
    [onAddKnowledge],
  )
  useRegisterCommands('knowledge:global', commands)
  return null
}
