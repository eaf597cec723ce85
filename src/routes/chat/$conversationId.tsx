import { useSuspenseQuery } from '@tanstack/react-query'
import { createFileRoute, notFound } from '@tanstack/react-router'
import { MessagesSquare } from 'lucide-react'
import { EmptyState } from '@/components/empty-state'
import { Button } from '@/components/ui/button'
import { conversationQuery, modelListQuery } from '@/features/chat/api/queries'
import { ChatPlayground } from '@/features/chat/components/chat-playground'
import { preloadMarkdown } from '@/features/chat/components/markdown'
import { peekSession } from '@/features/chat/hooks/use-chat-session'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const Route = createFileRoute('/chat/$conversationId')({
  params: {
    parse: ({ conversationId }) => {
      if (!UUID.test(conversationId)) throw notFound()
      return { conversationId }
    },
  },
  // The conversation is local (IndexedDB); a live session (a reply still streaming) wins. A saved
  // conversation waits for the markdown renderer too, so its replies paint formatted (if that
  // fails, the text shows as is and the renderer is tried again on render); a live one (the new
  // chat moving to its URL) does not wait.
  // The model catalog is awaited too, so the toolbar paints once, in place (chat/index.tsx).
  loader: ({ context, params }) =>
    Promise.all([
      context.queryClient.ensureQueryData(conversationQuery(params.conversationId)),
      context.queryClient.prefetchQuery(modelListQuery()),
      peekSession(params.conversationId) ? null : preloadMarkdown().catch(() => undefined),
    ]),
  component: ConversationPage,
})

function ConversationPage() {
  const { conversationId } = Route.useParams()
  const navigate = Route.useNavigate()
  const { data } = useSuspenseQuery(conversationQuery(conversationId))
  const initial = peekSession(conversationId)?.getState().conversation ?? data
  const openNew = () => void navigate({ to: '/chat' })
  if (!initial) {
    return (
      <EmptyState
        size="page"
        icon={MessagesSquare}
        title="Conversation not found"
        description="It may have been deleted, or it was saved in another browser."
        action={<Button onClick={openNew}>New chat</Button>}
      />
    )
  }
  return (
    <ChatPlayground
      key={conversationId}
      initial={initial}
      isNew={false}
      hrefFor={(id) => `/chat/${id}`}
      onStarted={() => undefined}
      onOpen={(id) =>
        void navigate({ to: '/chat/$conversationId', params: { conversationId: id } })
      }
      onNewChat={openNew}
    />
  )
}
