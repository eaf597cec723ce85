import { createFileRoute, useLocation } from '@tanstack/react-router'
import { ImageStudio } from '@/features/media/image/components/image-studio'

export const Route = createFileRoute('/media/image')({
  component: ImageStudioPage,
})

function ImageStudioPage() {
  // Every navigation here (e.g. Cmd+K "New image") moves focus to the Prompt.
  const focusKey = useLocation({ select: (l) => l.state.__TSR_key ?? l.href })
  return <ImageStudio focusKey={focusKey} />
}
