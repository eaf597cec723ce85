import { createFileRoute } from '@tanstack/react-router'
import { videoGalleryQuery } from '@/features/media/video/api/queries'
import { pricingSummaryQuery } from '@/api/pricing-summary/queries'
import { VideoStudioPage } from '@/features/media/video/components/video-studio-page'

export const Route = createFileRoute('/media/video')({
  // The gallery and the live price list, side by side, so the form paints once, complete (the
  // price lines grew when the price list came and moved the quota note: a layout shift).
  loader: ({ context: { queryClient } }) =>
    Promise.all([
      queryClient.prefetchQuery(videoGalleryQuery()),
      queryClient.prefetchQuery(pricingSummaryQuery()),
    ]),
  component: VideoStudioPage,
})
