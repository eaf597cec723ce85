export const voiceKeys = {
  all: ['voice'] as const,
  lists: () => [...voiceKeys.all, 'list'] as const,
  list: () => [...voiceKeys.lists(), 'mine'] as const,
  premade: () => [...voiceKeys.all, 'premade'] as const,
}
