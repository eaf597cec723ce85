import { AudioLines } from 'lucide-react'
import { useMemo } from 'react'
import { useRegisterCommands, type PaletteCommand } from '@/components/command-palette'

/** Cmd+K: "Speak text" opens the voice studio with the Text to speak box focused. */
export function VoiceCommands({ onSpeakText }: { onSpeakText: () => void }) {
  const commands = useMemo<PaletteCommand[]>(
    () => [
      {
        id: 'media:speak',
        label: 'Speak text',
        group: 'Create',
        icon: AudioLines,
        keywords: ['voice', 'tts', 'text to speech', 'audio', 'say'],
        perform: onSpeakText,
      },
    ],
    [onSpeakText],
  )
  useRegisterCommands('media:voice', commands)
  return null
}
