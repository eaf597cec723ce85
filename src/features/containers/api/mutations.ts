import { useMutation, useQueryClient } from '@tanstack/react-query'
import { billingKeys } from '@/features/billing/api/keys'
import { api } from '@/lib/api-client'
import type { CreateContainerBody, UpdateContainerBody } from './deploy-form'
import {
  createdContainerSchema,
  credentialsSchema,
  deletedContainerSchema,
  healthSchema,
  updatedContainerSchema,
} from './detail-schemas'
import { containerKeys } from './keys'
import { createClient } from './quota'

/**
 * PATCH and DELETE wait for the stack (up to 15 minutes, docs/containers.md §Update, §Delete); the
 * client gives them a little longer. A client-side timeout does not mean the change failed.
 */
export const STACK_WAIT_MS = 16 * 60_000

/** Create or redeploy (same project name). The fee is charged at once: the balance is stale. */
export function useCreateContainer() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateContainerBody) =>
      createClient.post('/api/v1/containers', { body, schema: createdContainerSchema }),
    onSuccess: (created) => {
      queryClient.setQueryData(containerKeys.detail(created.container.id), created.container)
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: containerKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: containerKeys.quota() }),
        queryClient.invalidateQueries({
          queryKey: containerKeys.deployments(created.container.id),
        }),
        queryClient.invalidateQueries({ queryKey: billingKeys.balance() }),
      ])
    },
    // A 402 or 500 may still have moved money (a refunded stack failure): read the balance again.
    onError: () => queryClient.invalidateQueries({ queryKey: billingKeys.balance() }),
  })
}

/** cpu / memory / port / image; synchronous and possibly long. Not billed. */
export function useUpdateContainer(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: UpdateContainerBody) =>
      api.patch(`/api/v1/containers/${id}`, {
        body,
        schema: updatedContainerSchema,
        timeoutMs: STACK_WAIT_MS,
      }),
    // The status is `deploying` as soon as the request is in: show it (and poll) meanwhile.
    onMutate: () => {
      void queryClient.invalidateQueries({ queryKey: containerKeys.detail(id), exact: true })
    },
    onSuccess: (container) => {
      queryClient.setQueryData(containerKeys.detail(id), container)
      return queryClient.invalidateQueries({ queryKey: containerKeys.lists() })
    },
    // A failed update leaves the container `failed` (or still updating after a timeout).
    onError: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: containerKeys.detail(id), exact: true }),
        queryClient.invalidateQueries({ queryKey: containerKeys.lists() }),
      ]),
  })
}

/** Tear down and delete; a refund may come back (docs/containers.md §Delete). */
export function useDeleteContainer(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () =>
      api.delete(`/api/v1/containers/${id}`, {
        schema: deletedContainerSchema,
        timeoutMs: STACK_WAIT_MS,
      }),
    onSuccess: async () => {
      await queryClient.cancelQueries({ queryKey: containerKeys.detail(id) })
      queryClient.removeQueries({ queryKey: containerKeys.detail(id) })
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: containerKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: containerKeys.quota() }),
        queryClient.invalidateQueries({ queryKey: billingKeys.balance() }),
      ])
    },
    onError: () => queryClient.invalidateQueries({ queryKey: containerKeys.detail(id) }),
  })
}

/**
 * On-demand health probe. A GET with a side effect (an unhealthy answer turns a running container
 * `failed`), so it is an action, not a query.
 */
export function useHealthCheck(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.get(`/api/v1/containers/${id}/health`, { schema: healthSchema }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: containerKeys.detail(id), exact: true }),
        queryClient.invalidateQueries({ queryKey: containerKeys.lists() }),
      ]),
  })
}

/** A registry to push to and a temporary token (docs/containers.md §ECR credentials). */
export function useEcrCredentials() {
  return useMutation({
    mutationFn: (input: { projectId: string; version: string }) =>
      api.post('/api/v1/containers/credentials', { body: input, schema: credentialsSchema }),
  })
}
