import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { billingKeys } from '@/features/billing/api/keys'
import { api } from '@/lib/api-client'
import { ApiError } from '@/lib/api-error'
import type { AgentUpdateBody } from './agent-form'
import { agentKeys } from './keys'
import {
  monetizationSchema,
  publishResultSchema,
  type PublishResult,
  shareStatusSchema,
  toMonetizationBody,
  toPublishBody,
  type MonetizationValues,
  type PublishAgentValues,
} from './publishing'
import {
  CONSOLE_CHARACTER_KEY,
  agentResponseSchema,
  clonedAgentSchema,
  createdAgentSchema,
  createdRuntimeSchema,
  type Agent,
} from './schemas'

export type CreateAgentInput = { name: string; bio: string }

/** Quick create (docs/cloud/agents.md): only name and bio; the cloud answers 201 with the new id. */
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
 * The real cloud has no such route for API keys (docs/cloud/agents.md "Updating a character"): there it is an
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

/** Clone (docs/cloud/agents.md): a copy owned by the caller, named "<original> (Copy)" unless given a name. */
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

// ─── Sharing, publishing, monetization ───────────────────────────────────────────────────

/** Visibility shows in the agent, its share status, its monetization and the list's badge. */
function afterVisibilityChange(queryClient: QueryClient, id: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: agentKeys.detail(id) }),
    queryClient.invalidateQueries({ queryKey: agentKeys.lists() }),
  ])
}

/** `PUT …/{id}/share {isPublic}`: public agents get a share link. */
export function useSetAgentVisibility() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, isPublic }: { id: string; isPublic: boolean }) =>
      api.put(`/api/my-agents/characters/${id}/share`, {
        body: { isPublic },
        schema: shareStatusSchema,
      }),
    onSuccess: (_res, { id }) => afterVisibilityChange(queryClient, id),
  })
}

/** `POST /api/v1/agents/{id}/publish`: public, with the protocol and monetization flags. */
/**
 * `onDone` runs from the mutation itself, not from `mutate()`: a successful (un)publish unmounts
 * the button that started it, and `mutate()`'s own callbacks die with their component.
 */
type VisibilityDone = { onDone?: (result: PublishResult) => void }

export function usePublishAgent({ onDone }: VisibilityDone = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, values }: { id: string; values: PublishAgentValues }) =>
      api.post(`/api/v1/agents/${id}/publish`, {
        body: toPublishBody(values),
        schema: publishResultSchema,
      }),
    onSuccess: async (result, { id }) => {
      await afterVisibilityChange(queryClient, id)
      onDone?.(result)
    },
  })
}

/** `DELETE /api/v1/agents/{id}/publish`: private again, and monetization off (docs/cloud/agents.md). */
export function useUnpublishAgent({ onDone }: VisibilityDone = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      api.delete(`/api/v1/agents/${id}/publish`, { schema: publishResultSchema }),
    onSuccess: async (result, id) => {
      await afterVisibilityChange(queryClient, id)
      onDone?.(result)
    },
  })
}

/** `PUT /api/v1/agents/{id}/monetization`; the cloud refuses to enable it on a private agent (400). */
export function useUpdateMonetization() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, values }: { id: string; values: MonetizationValues }) =>
      api.put(`/api/v1/agents/${id}/monetization`, {
        body: toMonetizationBody(values),
        schema: monetizationSchema,
      }),
    onSuccess: (_res, { id }) =>
      queryClient.invalidateQueries({ queryKey: agentKeys.monetization(id) }),
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

/** The cloud holds a restart until the runtime is provisioned again (up to 120 s, docs/cloud/agents.md). */
const RESTART_TIMEOUT_MS = 150_000

/**
 * `POST /api/compat/agents/{id}/restart`: a snapshot, then provisioning. A failed provisioning
 * answers 502 with `success: true` and `data.status: "failed"` (docs/cloud/agents.md) — not a gateway error.
 */
export function useRestartRuntime() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (id: string) => {
      try {
        await api.post(`/api/compat/agents/${id}/restart`, { timeoutMs: RESTART_TIMEOUT_MS })
      } catch (error) {
        if (error instanceof ApiError && error.status === 502) {
          throw new ApiError('server', 'The runtime did not start again after the restart.', 502)
        }
        throw error
      }
      return id
    },
    onSettled: (_res, _error, id) => afterRuntimeChange(queryClient, id),
  })
}

/**
 * `DELETE /api/v1/milady/agents/{id}`: the runtime and its backups go; the agent (a character the
 * runtime reuses) stays. Refused with 409 while provisioning.
 */
export function useDeleteRuntime() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (id: string) => {
      await api.delete(`/api/v1/milady/agents/${id}`)
      return id
    },
    onSuccess: (id) => {
      queryClient.removeQueries({ queryKey: agentKeys.runtime(id) })
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: agentKeys.runtimes(), exact: true }),
        queryClient.invalidateQueries({ queryKey: billingKeys.balance() }),
      ])
    },
  })
}
