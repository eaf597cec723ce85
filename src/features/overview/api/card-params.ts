/**
 * What the overview's cards ask for, shared by the route loader and the cards. Kept here, not in
 * the card files, so the route's loader does not pull the cards into the app's main chunk.
 */
export const RECENT_TRANSACTION_PARAMS = { limit: 10 } as const
/** Only the count is needed: one item per page, and the pagination's total. */
export const AGENT_COUNT_PARAMS = { limit: 1 } as const
