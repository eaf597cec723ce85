import { queryOptions } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { getConversation, listConversations } from '../storage/conversations'
import { chatKeys } from './keys'
import { modelListSchema } from './schemas'

/** Language models of the catalog, with context windows and prices (public, cacheable 1 h). */
export const modelListQuery = () =>
  queryOptions({
    queryKey: chatKeys.models(),
    queryFn: ({ signal }) =>
      api.get('/api/v1/models', {
        signal,
        schema: modelListSchema,
        // The catalog says `stale-while-revalidate`; the browser would then refetch it in the
        // background after serving its copy. react-query already keeps it for an hour.
        headers: { 'Cache-Control': 'no-cache' },
      }),
    staleTime: 60 * 60_000,
  })

/** Saved conversations from IndexedDB, newest first (local data, never sent anywhere). */
export const conversationListQuery = () =>
  queryOptions({
    queryKey: chatKeys.conversationLists(),
    queryFn: () => listConversations(),
    staleTime: Infinity,
  })

/** One saved conversation, or null when it does not exist (deleted, another browser). */
export const conversationQuery = (id: string) =>
  queryOptions({
    queryKey: chatKeys.conversation(id),
    queryFn: async () => (await getConversation(id)) ?? null,
    staleTime: Infinity,
  })
