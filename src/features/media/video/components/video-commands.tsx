import { useNavigate } from '@tanstack/react-router'
import { Clapperboard } from 'lucide-react'
import { useMemo } from 'react'
import { useRegisterCommands, type PaletteCommand } from '@/components/command-palette'
import { requestVideoPromptFocus } from '../hooks/prompt-focus'

/** Cmd+K "New video": opens the video studio with the Prompt box focused. */
export function VideoCommands() {
  const navigate = useNavigate()
  const commands = useMemo<PaletteCommand[]>(
    () => [
      {
        id: 'media:new-video',
        label: 'New video',
        group: 'Create',
        icon: Clapperboard,
        keywords: ['video', 'generate', 'studio', 'media', 'movie', 'clip'],
        perform: () => {
          requestVideoPromptFocus()
          void navigate({ to: '/media/video' })
        },
      },
    ],
    [navigate],
  )
  useRegisterCommands('media:video', commands)
  return null
}
