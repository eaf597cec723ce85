/** Query keys of the video studio (docs/architecture.md §5). */
export const videoKeys = {
  all: ['media', 'video'] as const,
  gallery: () => [...videoKeys.all, 'gallery'] as const,
}
