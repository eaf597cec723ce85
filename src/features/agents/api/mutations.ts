import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { billingKeys } from '@/features/billing/api/keys'
import { api } from '@/lib/api-client'
import { ApiError } from '@/lib/api-error'
import type { AgentUpdateBody } from './agent-form'
import { agentKeys } from './keys'
import {
  CONSOLE_CHARACTER_KEY,
  agentResponseSchema,
  clonedAgentSchema,
  createdAgentSchema,
  createdRuntimeSchema,
  type Agent,
} from './schemas'

export type CreateAgentInput = { name: string; bio: string }

/** Quick create (agents.md): only name and bio; the cloud answers 201 with the new id. */
export function useCreateAgent() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: CreateAgentInput) =>
      api.post('/api/v1/app/agents', {
        body: input.bio.trim() ? input : { name: input.name },
        schema: createdAgentSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agentKeys.lists() }),
  })
}

/**
 * Edits an agent through the sandbox's named extension `PATCH /api/my-agents/characters/{id}`.
 * The real cloud has no such route for API keys (agents.md "Updating a character"): there it is an
 * empty 405, which the UI turns into "edit in the dashboard".
 */
export function useUpdateAgent() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: AgentUpdateBody }) =>
      api.patch(`/api/my-agents/characters/${id}`, { body, schema: agentResponseSchema }),
    onSuccess: (agent) => {
      queryClient.setQueryData(agentKeys.detail(agent.id), agent)
      return queryClient.invalidateQueries({ queryKey: agentKeys.lists() })
    },
  })
}

export function useDeleteAgent() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/my-agents/characters/${id}`),
    onSuccess: (_res, id) => {
      queryClient.removeQueries({ queryKey: agentKeys.detail(id) })
      return queryClient.invalidateQueries({ queryKey: agentKeys.lists() })
    },
  })
}

/** Clone (agents.md): a copy owned by the caller, named "<original> (Copy)" unless given a name. */
export function useDuplicateAgent() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name?: string }) =>
      api.post(`/api/my-agents/characters/${id}/clone`, {
        body: name ? { name } : {},
        schema: clonedAgentSchema,
      }),
    onSuccess: (agent: Agent) => {
      queryClient.setQueryData(agentKeys.detail(agent.id), agent)
      return queryClient.invalidateQueries({ queryKey: agentKeys.lists() })
    },
  })
}

// ─── Hosted runtime ───────────────────────────────────────────────────────────────────────

/** Starting a runtime can spend credits (hourly hosting), so the balance is refreshed too. */
function afterRuntimeChange(queryClient: QueryClient, runtimeId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: agentKeys.runtime(runtimeId) }),
    queryClient.invalidateQueries({ queryKey: agentKeys.runtimes(), exact: true }),
    queryClient.invalidateQueries({ queryKey: billingKeys.balance() }),
  ])
}

/**
 * Deploy: create a runtime for the agent (`POST /api/v1/milady/agents`, tagged with the agent's id
 * in agentConfig, since no list shows `character_id`), then start provisioning (202 + job).
 * A 409 "already in progress" is not a failure: the runtime is on its way.
 */
export function useDeployAgent() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({
      agent,
      runtimeId,
    }: {
      agent: Pick<Agent, 'id' | 'name'>
      runtimeId?: string
    }) => {
      const id =
        runtimeId ??
        (
          await api.post('/api/v1/milady/agents', {
            body: {
              agentName: agent.name.slice(0, 100),
              characterId: agent.id,
              agentConfig: { [CONSOLE_CHARACTER_KEY]: agent.id },
            },
            schema: createdRuntimeSchema,
          })
        ).data.id
      await startOrJoin(() => api.post(`/api/v1/milady/agents/${id}/provision`))
      return id
    },
    onSuccess: (id) => afterRuntimeChange(queryClient, id),
  })
}

async function startOrJoin(start: () => Promise<unknown>) {
  try {
    await start()
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 409)) throw error
  }
}

export function useSuspendRuntime() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (id: string) => {
      await api.post(`/api/v1/milady/agents/${id}/suspend`)
      return id
    },
    onSuccess: (id) => afterRuntimeChange(queryClient, id),
  })
}

export function useResumeRuntime() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (id: string) => {
      await startOrJoin(() => api.post(`/api/v1/milady/agents/${id}/resume`))
      return id
    },
    onSuccess: (id) => afterRuntimeChange(queryClient, id),
  })
}
