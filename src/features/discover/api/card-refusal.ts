import { ApiError } from '@/lib/api-error'

/**
 * The agent card's own refusals (docs/discover.md §Agent card): 404 "Agent not found", 403 "Agent
 * is not public" or "A2A not enabled for this agent". They are about the agent, not the caller's
 * key, so they read as the server says, not as the generic "access denied" of a key's 403.
 */
export function cardRefusal(error: unknown): { title: string; message: string } | null {
  if (!(error instanceof ApiError) || (error.status !== 403 && error.status !== 404)) return null
  return {
    title: error.status === 404 ? 'No such agent' : 'The agent card is not served',
    message: error.message,
  }
}
