// Hosted runtime logs (docs/cloud/agents.md "Hosted runtime routes usable with an API key": the compat
// layer). Not in queries.ts, which the first page loads.
import { queryOptions } from '@tanstack/react-query'
import { z } from 'zod/mini'
import { api } from '@/lib/api-client'
import { agentKeys } from './keys'

/** `GET /api/compat/agents/{id}/logs` → `{ success, data: "<text>" }`: log lines while running, else a status sentence. */
const runtimeLogsSchema = z.pipe(
  z.object({ data: z.string() }),
  z.transform(({ data }) => data),
)

export const LOG_TAILS = [100, 500, 1000] as const
export const LOG_FOLLOW_MS = 2_000

/**
 * The last `tail` lines (1–5000) of a runtime in state `status` (a new state fetches anew);
 * refetched every {@link LOG_FOLLOW_MS} while following.
 */
export const runtimeLogsQuery = (id: string, tail: number, status: string, isFollowing: boolean) =>
  queryOptions({
    queryKey: agentKeys.runtimeLogs(id, tail, status),
    queryFn: ({ signal }) =>
      api.get(`/api/compat/agents/${id}/logs`, {
        query: { tail },
        signal,
        schema: runtimeLogsSchema,
      }),
    refetchInterval: isFollowing ? LOG_FOLLOW_MS : false,
    staleTime: 0,
  })
