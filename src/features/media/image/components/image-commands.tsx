import { ImagePlus } from 'lucide-react'
import { useMemo } from 'react'
import { useRegisterCommands, type PaletteCommand } from '@/components/command-palette'

/** Cmd+K: "New image" opens the image studio with the Prompt focused. */
export function ImageCommands({ onNewImage }: { onNewImage: () => void }) {
  const commands = useMemo<PaletteCommand[]>(
    () => [
      {
        id: 'media:new-image',
        label: 'New image',
        group: 'Create',
        icon: ImagePlus,
        keywords: ['image', 'generate', 'picture', 'studio', 'media'],
        perform: onNewImage,
      },
    ],
    [onNewImage],
  )
  useRegisterCommands('media:image', commands)
  return null
}
