/** Every key of the A2A console, from one root, so invalidation is by prefix (docs/architecture.md §5). */
export const a2aKeys = {
  all: ['a2a'] as const,
  /** GET /api/a2a: the platform's methods and skills. */
  service: () => [...a2aKeys.all, 'service'] as const,
  /** The tasks this browser has sent (IndexedDB, not the cloud). */
  history: () => [...a2aKeys.all, 'history'] as const,
}
