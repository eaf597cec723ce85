export const imageKeys = {
  all: ['media', 'image'] as const,
  galleries: () => [...imageKeys.all, 'gallery'] as const,
  gallery: (pageSize: number) => [...imageKeys.galleries(), pageSize] as const,
  settings: (resultKey: string) => [...imageKeys.all, 'settings', resultKey] as const,
}
