export const consoleInfoKeys = {
  all: ['console'] as const,
  info: () => [...consoleInfoKeys.all, 'info'] as const,
}
