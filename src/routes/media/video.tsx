import { createFileRoute } from '@tanstack/react-router'
import { videoGalleryQuery } from '@/features/media/video/api/queries'
import { VideoStudioPage } from '@/features/media/video/components/video-studio-page'

export const Route = createFileRoute('/media/video')({
  // The history is secondary: started here, shown with its own skeleton (STYLE.md §6).
  loader: ({ context }) => {
    void context.queryClient.prefetchQuery(videoGalleryQuery())
  },
  component: VideoStudioPage,
})
