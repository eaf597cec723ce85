/** Query keys of the video studio (STYLE.md §5). */
export const videoKeys = {
  all: ['media', 'video'] as const,
  gallery: () => [...videoKeys.all, 'gallery'] as const,
}
